"""The figures store's tables and indexes, created idempotently on every open.

Every vintage of a figure is kept: a revision flips the old row's `is_current` to 0 and
inserts the new one. Queries read `is_current = 1` through a partial unique index on
(flow, product, partner, basis, period), so "the newest wins" needs no `MAX()` subquery
and a series is one index range scan. A second partial index over the superseded rows
lets `Store.series` find `revised_from` without touching current rows.

`meta` (key, value) holds the store's own bookkeeping, such as the digest of each shipped
dataset file last loaded (`shipped.py`), so a package upgrade reaches an existing store.

The alerts outbox owns its own tables (chats, subscriptions, deliveries, releases) in
`outbox.py`; `ensure_schema` runs its `ensure_schema` after the figure tables, so one
`open_store` call prepares everything and this module never learns their columns.
"""

from __future__ import annotations

import logging

import sqlite_utils

from kortrade.data import outbox

__all__ = [
    "FIGURE_COLUMNS",
    "PERIOD_INDEX_SQL",
    "ensure_schema",
    "load_names",
    "load_sources",
]

logger = logging.getLogger(__name__)


#: The figures table's columns and types.
_FIGURE_TYPES: dict[str, type] = {
    "id": int,
    "flow": str,
    "product": str,
    "partner": str,
    "basis": str,
    "period": str,
    "value_usd_mn": float,
    "yoy_pct": float,
    "source": str,
    "published_on": str,
    "ingested_at": str,
    "ingest_id": int,
    "is_current": int,
}


#: The value columns of a figure row, in the order ingest writes them.
FIGURE_COLUMNS: tuple[str, ...] = tuple(name for name in _FIGURE_TYPES if name != "id")


#: Months across series (digests, rankings). Ingest drops and rebuilds it around a bulk
#: load, where one sort beats a million scattered index inserts.
PERIOD_INDEX_SQL = "CREATE INDEX IF NOT EXISTS figures_period ON figures (period)"


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create what is missing; a no-op (and no write) on a store that is up to date."""
    db.execute("PRAGMA foreign_keys = ON")
    if db.journal_mode != "wal":
        db.enable_wal()
    _create_tables(db)
    outbox.ensure_schema(db)


def _create_tables(db: sqlite_utils.Database) -> None:
    if not db["names"].exists():
        db.table("names").create(
            {
                "slug": str,
                "kind": str,
                "en": str,
                "ko": str,
                "aliases_en": str,
                "aliases_ko": str,
                "flow": str,
            },
            pk="slug",
            not_null={"kind", "en"},
        )
    if not db["sources"].exists():
        db.table("sources").create(
            {"id": str, "publisher": str, "title": str, "url": str, "via": str},
            pk="id",
        )
    if not db["meta"].exists():
        db.table("meta").create({"key": str, "value": str}, pk="key", not_null={"value"})
    if not db["ingests"].exists():
        db.table("ingests").create(
            {
                "id": int,
                "origin": str,
                "sha256": str,
                "started_at": str,
                "added": int,
                "revised": int,
                "unchanged": int,
                "first_period": str,
                "last_period": str,
                "new_periods": str,
                "new_flash": str,
            },
            pk="id",
            not_null={"origin", "started_at"},
        )
    elif "new_flash" not in db["ingests"].columns_dict:  # a store built before flash figures
        db.table("ingests").add_column("new_flash", str)
    if not db["figures"].exists():
        db.table("figures").create(
            _FIGURE_TYPES,
            pk="id",
            not_null={"flow", "product", "partner", "basis", "period", "source", "is_current"},
            foreign_keys=[("source", "sources", "id"), ("ingest_id", "ingests", "id")],
        )
    if not db["flash_figures"].exists():
        # A flash is a vintage of a span of a month as a figure is of a month (`flash.py`):
        # the figures' columns without a basis, plus the span and its working days.
        db.table("flash_figures").create(
            {k: v for k, v in _FIGURE_TYPES.items() if k != "basis"}
            | {"days": int, "working_days": float},
            pk="id",
            not_null={"flow", "product", "partner", "period", "days", "source", "is_current"},
            foreign_keys=[("source", "sources", "id"), ("ingest_id", "ingests", "id")],
        )
    # sqlite-utils' create_index has no WHERE clause, so the partial indexes are plain SQL.
    db.execute(
        "CREATE UNIQUE INDEX IF NOT EXISTS figures_current "
        "ON figures (flow, product, partner, basis, period) WHERE is_current = 1"
    )
    db.execute(
        "CREATE INDEX IF NOT EXISTS figures_history "
        "ON figures (flow, product, partner, basis, period, id) WHERE is_current = 0"
    )
    db.execute(PERIOD_INDEX_SQL)
    db.execute(
        "CREATE UNIQUE INDEX IF NOT EXISTS flash_current "
        "ON flash_figures (flow, product, partner, period, days) WHERE is_current = 1"
    )


def load_names(db: sqlite_utils.Database, rows: list[dict[str, str]]) -> None:
    """Replace the vocabulary with `rows` (names.csv); empty aliases are stored as ''.

    `alter=True`: a store built before a column was added to names.csv (such as `flow`,
    which marks import-only items) gains it on the upgrade that ships it.
    """
    db.table("names").insert_all(rows, pk="slug", replace=True, alter=True)


def load_sources(db: sqlite_utils.Database, rows: list[dict[str, str]]) -> None:
    """Insert or update source rows (sources.csv); ids already cited by figures stay valid."""
    db.table("sources").upsert_all(rows, pk="id")
