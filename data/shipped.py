"""The dataset shipped in the package: a store's first build, and upgrades of existing stores.

The package ships names.csv, sources.csv, trade_monthly.csv and flash.csv (the customs
office's first-10/20-day figures), and every release of it
may carry more: new aliases, new sources, new months. A store records in its `meta` table
the sha256 of each shipped file it last loaded. `open_store` hashes the three files
(about 0.4 MB, a millisecond) and compares; only when one differs is anything written,
and never on a query. Then, in ONE write transaction:

- names.csv and sources.csv are upserted: changed rows are replaced, new ones added, rows
  no longer shipped are kept (figures may cite them, and sources a user loaded with
  `kortrade ingest --sources` are not the shipped file's to remove);
- trade_monthly.csv and flash.csv go through the same `ingest_file` as any user's file
  (it tells the two formats by their header): unchanged rows
  stay unchanged, changed ones become new vintages (the old row is kept), and the
  `ingests` row lists the new months, which the running bot's alerts job announces;
- the new digests are recorded.

The digests are read again after BEGIN IMMEDIATE, so of two processes opening an outdated
store at once the first loads and the second, once it gets the write lock, finds the
digests current and writes nothing. A first build is the same load into an empty file.
An upgrade that fails (a shipped row no longer valid for this store, a busy store, a
read-only file) is rolled back whole and logged as one warning; the store opens as it was
and the next open tries again.
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

from kortrade.data.ingest import IngestReport, ingest_file, ingest_transaction
from kortrade.data.schema import load_names, load_sources
from kortrade.data.validate import IngestError, check_sources_csv
from kortrade.errors import UserError

if TYPE_CHECKING:
    from kortrade.data.store import Store

__all__ = ["SHIPPED_FILES", "DatasetLoad", "load_dataset", "upgrade_store"]

logger = logging.getLogger(__name__)

#: The shipped files, in the order they load (figures are checked against names and sources).
SHIPPED_FILES: tuple[str, ...] = ("names.csv", "sources.csv", "trade_monthly.csv", "flash.csv")

_META_KEY = "sha256:{}"
_NAME_REQUIRED = ("slug", "kind", "en")


@dataclass(frozen=True, slots=True)
class DatasetLoad:
    """What `load_dataset` loaded: the files that differed, and the figures' ingest, if any."""

    files: tuple[str, ...]
    report: IngestReport | None = None


def load_dataset(store: Store, dataset_dir: Path) -> DatasetLoad:
    """Load the shipped files whose digest differs from the one recorded; raise on failure.

    Writes nothing when every digest matches (the common case: one small read of `meta`).
    """
    contents = {name: (dataset_dir / name).read_bytes() for name in SHIPPED_FILES}
    digests = {name: hashlib.sha256(data).hexdigest() for name, data in contents.items()}
    if _recorded(store.db) == digests:
        return DatasetLoad(())
    db = store.db
    with ingest_transaction(store, origin=f"the shipped dataset ({dataset_dir})"):
        recorded = _recorded(db)  # again, under the write lock: another process may be done
        changed = tuple(name for name in SHIPPED_FILES if recorded.get(name) != digests[name])
        if not changed:
            return DatasetLoad(())
        if "names.csv" in changed:
            load_names(db, _names(_text(contents["names.csv"])))
        if "sources.csv" in changed:
            load_sources(db, check_sources_csv(_text(contents["sources.csv"]), "sources.csv"))
        report = None
        for figures in ("trade_monthly.csv", "flash.csv"):
            if figures in changed:
                done = ingest_file(store, dataset_dir / figures)
                report = report or done  # the monthly figures' report, which alerts read
                # The digest of the bytes ingested, should the file have moved since hashing.
                digests[figures] = done.sha256 or digests[figures]
        db.table("meta").upsert_all(
            [{"key": _META_KEY.format(name), "value": digests[name]} for name in changed],
            pk="key",
        )
    return DatasetLoad(changed, report)


def upgrade_store(store: Store, dataset_dir: Path) -> DatasetLoad:
    """`load_dataset` for `open_store`: a failure is one warning and leaves the store as it was."""
    try:
        loaded = load_dataset(store, dataset_dir)
    except Exception as exc:  # whatever it was, the store must still open
        logger.warning(
            "%s: the shipped dataset in %s was not loaded; the store is unchanged: %s",
            store.path,
            dataset_dir,
            exc,
            exc_info=not isinstance(exc, UserError | OSError),
        )
        return DatasetLoad(())
    if loaded.files:
        summary = loaded.report.summary() if loaded.report else "no figures changed"
        logger.info("%s: loaded the shipped %s: %s", store.path, ", ".join(loaded.files), summary)
    return loaded


def _recorded(db: sqlite_utils.Database) -> dict[str, str]:
    keys = {_META_KEY.format(name): name for name in SHIPPED_FILES}
    rows = db.execute(
        f"SELECT key, value FROM meta WHERE key IN ({', '.join('?' * len(keys))})", list(keys)
    )
    return {keys[key]: value for key, value in rows}


def _text(data: bytes) -> str:
    return data.decode("utf-8-sig")


def _names(text: str) -> list[dict[str, str]]:
    """names.csv rows; a row without slug, kind or English name is an error naming its line."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = []
    for row in reader:
        missing = [column for column in _NAME_REQUIRED if not (row.get(column) or "").strip()]
        if missing:
            raise IngestError(f"names.csv: line {reader.line_num}: {', '.join(missing)} empty")
        rows.append(row)
    return rows
