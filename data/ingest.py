"""Loading figures: validate a whole batch first, then write it in one transaction.

Nothing is written unless every row is valid, so a file with one typo leaves the store
exactly as it was (and the error names the line). Valid rows are compared with the
current vintage of the same (flow, product, partner, basis, period): identical rows are
counted as unchanged, different ones become a new vintage (the old row stays, with
`is_current = 0`), so ingesting a file twice is a no-op and revisions are never lost.
A row counts as identical when value, stated growth, source and publication date all
match: a restatement from a new source is kept as a vintage of its own.

New figures often cite a new source (next month's press release). `ingest_file(...,
sources=PATH)` validates that sources file first, then upserts its rows and loads the
figures in ONE transaction, so a figure may cite a source defined beside it and an error in
either file writes nothing. `ingest_transaction` is that transaction: an ingest run inside
one joins it instead of committing on its own, which is also how the shipped dataset's
names, sources and figures reach an existing store together (`shipped.py`).

Speed matters for bulk imports (a million rows in about six seconds on two cores, most of
it SQLite's): a clean CSV is validated column by column (`validate_columns.py`); the
current rows of the touched series are read with one indexed query per series (none per
row), and rows are compared one by one only when some series has any; inserts go through one
`executemany` with the per-ingest constants inlined; a batch at least as big as the table
drops the figures' indexes and builds them again afterwards (one sort instead of a
million scattered inserts); SQLite's per-row foreign-key lookups are replaced by one check
of the batch's sources inside the transaction; and the cyclic garbage collector, which
otherwise rescans the growing heap of row tuples again and again, is paused.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import hashlib
import json
import logging
import operator
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kortrade.data.flash import (
    FLASH_COLUMNS,
    check_flash_csv,
    is_flash_header,
    newer_wins,
    spans_json,
    write_flash,
)
from kortrade.data.schema import load_sources
from kortrade.data.series import HEADLINE
from kortrade.data.validate import COLUMNS, IngestError, Row, Validator, check_sources_csv
from kortrade.months import describe_months

if TYPE_CHECKING:
    from kortrade.data.store import Store

__all__ = [
    "COLUMNS",
    "HEADLINE",
    "IngestError",
    "IngestReport",
    "ingest_file",
    "ingest_rows",
    "ingest_transaction",
    "read_sources",
]

logger = logging.getLogger(__name__)


#: Page cache for a bulk ingest (KiB, negative as SQLite wants it): the period index takes
#: inserts at hundreds of points, and SQLite's default 2 MB cache thrashes on them.
_INGEST_CACHE_KIB = -256 * 1024
#: A batch this big, and at least as big as the table, rebuilds the indexes afterwards.
_BULK_ROWS = 100_000
#: Longer lists of new months are summarised as a count and a span in the one-line summary.
_LISTED_MONTHS = 6


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What an ingest did; `periods` are the months the batch touched, oldest first."""

    origin: str
    added: int
    revised: int
    unchanged: int
    periods: tuple[str, ...] = ()
    new_periods: tuple[str, ...] = ()
    ingest_id: int | None = None
    sha256: str | None = field(default=None, repr=False)
    #: Rows of the `sources` file loaded with the figures (new ids added, known ones updated).
    sources: int = 0
    #: Rows kept as history only: published before the figure already stored for their key.
    older: int = 0
    #: First-10/20-day spans of the headline seen for the first time ("2026-09/20").
    new_flash: tuple[str, ...] = ()

    def summary(self) -> str:
        """One line for the CLI, e.g. `added 12, revised 1, unchanged 3748 (periods ...)`.

        A first build brings hundreds of new months: past `_LISTED_MONTHS` they are given
        as a count and a span (`new months: 441 (1990-01..2026-09)`), not one by one.
        """
        text = f"added {self.added}, revised {self.revised}, unchanged {self.unchanged}"
        if self.older:
            text += f", kept as history (published before the stored figure) {self.older}"
        if self.periods:
            news = _months(self.new_periods) if self.new_periods else "none"
            text += f" (periods {_span(self.periods)}; new months: {news})"
        if self.new_flash:
            text += f" (new flash spans: {', '.join(self.new_flash[-_LISTED_MONTHS:])})"
        if self.sources:
            text += f"; sources loaded: {self.sources}"
        return text


def _span(periods: tuple[str, ...]) -> str:
    first, last = periods[0], periods[-1]
    return first if first == last else f"{first}..{last}"


def _months(periods: tuple[str, ...]) -> str:
    return describe_months(periods, listed=_LISTED_MONTHS)


def ingest_file(
    store: Store, path: str | Path, *, sources: str | Path | None = None
) -> IngestReport:
    """Validate the CSV at `path` completely, then load it in one transaction.

    `sources` is an optional sources CSV (id,publisher,title,url,via), validated first and
    loaded in the same transaction before the figures are checked, so they may cite it.
    """
    path = Path(path)
    if sources is None:
        return _ingest_file(store, path)
    source_rows = read_sources(sources)
    with ingest_transaction(store, origin=path.name):
        load_sources(store.db, source_rows)
        report = _ingest_file(store, path)
    return dataclasses.replace(report, sources=len(source_rows))


def read_sources(path: str | Path) -> list[dict[str, str]]:
    """The validated rows of a sources CSV; IngestError names the file and each bad line."""
    path = Path(path)
    return check_sources_csv(_read_text(path)[1], path.name)


def _read_text(path: Path) -> tuple[bytes, str]:
    """The file's bytes (for its digest) and its UTF-8 text; a clear error otherwise."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return raw, raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise IngestError(
            f"{path.name} is not UTF-8 text (line {line}: byte 0x{raw[exc.start]:02x}); "
            "save it as UTF-8 CSV and try again"
        ) from None


def _ingest_file(store: Store, path: Path) -> IngestReport:
    raw, text = _read_text(path)
    name = path.name
    if not text or text.isspace():  # not strip(): that copies a big file's text
        raise IngestError(f"{name} is empty: expected a header line ({','.join(COLUMNS)})")
    if is_flash_header(text):
        return _ingest_flash(store, text, name, hashlib.sha256(raw).hexdigest())
    with _gc_paused():
        validator = Validator(store.db.conn, label="line")
        rows = validator.check_csv(text)
        del text
        validator.raise_errors(name)
        if not rows:
            raise IngestError(f"{name} has a header but no figures")
        return _apply(store, rows, origin=name, sha256=hashlib.sha256(raw).hexdigest())


def _ingest_flash(store: Store, text: str, name: str, sha256: str) -> IngestReport:
    """A flash file (first 10/20 days): validated the same way, written to its own table."""
    validator = Validator(store.db.conn, label="line")
    try:
        rows = check_flash_csv(validator, text)
    except IngestError as exc:
        raise IngestError(f"{name}: {exc}") from None
    validator.raise_errors(name)
    if not rows:
        raise IngestError(f"{name} has a header but no figures ({','.join(FLASH_COLUMNS)})")
    periods = sorted({row[3] for row in rows})
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with ingest_transaction(store, origin=name) as conn:
        ingest_id = int(
            conn.execute(
                "INSERT INTO ingests (origin, sha256, started_at) VALUES (?, ?, ?)",
                (name, sha256, now),
            ).lastrowid
            or 0
        )
        done = write_flash(conn, rows, now=now, ingest_id=ingest_id)
        conn.execute(
            "UPDATE ingests SET added = ?, revised = ?, unchanged = ?, first_period = ?, "
            "last_period = ?, new_periods = '[]', new_flash = ? WHERE id = ?",
            (done.added, done.revised, done.unchanged, periods[0], periods[-1],
             spans_json(done.new_spans), ingest_id),
        )  # fmt: skip
    report = IngestReport(
        name, done.added, done.revised, done.unchanged, tuple(periods), (), ingest_id, sha256,
        older=done.older, new_flash=tuple(f"{p}/{d}" for p, d in done.new_spans),
    )  # fmt: skip
    logger.info("ingested %s: %s", name, report.summary())
    return report


def ingest_rows(store: Store, rows: Iterable[dict[str, Any]], *, origin: str) -> IngestReport:
    """Validate and load rows given as dicts with the dataset's columns (row 1 is the first).

    Values may be strings as in the CSV, numbers or None (empty). An empty batch writes
    nothing and reports zeros.
    """
    with _gc_paused():
        validator = Validator(store.db.conn, label="row")
        checked = validator.check_dicts(rows)
        validator.raise_errors(origin)
        if not checked:
            return IngestReport(origin, 0, 0, 0)
        return _apply(store, checked, origin=origin, sha256=None)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Row tuples hold no cycles, so pausing the cyclic collector loses nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# -- writing -----------------------------------------------------------------------------

_SERIES = operator.itemgetter(0, 1, 2)
_PERIOD = operator.itemgetter(4)
_SOURCE = operator.itemgetter(7)
_CURRENT_SQL = (
    "SELECT basis, period, id, value_usd_mn, yoy_pct, source, published_on FROM figures "
    "WHERE flow = ? AND product = ? AND partner = ? AND is_current = 1"
)


_KEPT_SQL = (
    "SELECT 1 FROM figures WHERE flow = ? AND product = ? AND partner = ? AND basis = ? "
    "AND period = ? AND is_current = 0 AND value_usd_mn IS ? AND yoy_pct IS ? AND source = ? "
    "AND published_on IS ?"
)


def _insert_sql(ingested_at: str, ingest_id: int) -> str:
    # Both constants are ours (an ISO timestamp and an integer), so inlining them is safe,
    # and it saves binding two parameters on each of possibly millions of rows.
    return (
        "INSERT INTO figures (flow, product, partner, basis, period, value_usd_mn, yoy_pct, "
        "source, published_on, ingested_at, ingest_id, is_current) "
        f"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '{ingested_at}', {int(ingest_id)}, 1)"
    )


def _max_id(conn: sqlite3.Connection) -> int:
    """The table's size, near enough, at the cost of one index seek (count(*) scans)."""
    return int(conn.execute("SELECT max(id) FROM figures").fetchone()[0] or 0)


def _classify(
    conn: sqlite3.Connection, rows: list[Row]
) -> tuple[list[Row], list[tuple[int]], int, set[str], list[Row]]:
    """Rows to insert (new or revised), ids they supersede, the unchanged count, new months,
    and rows published before the current figure of their key (kept as history only).

    The current vintages of every touched series are read with one indexed query per
    series; when none has any (a new product, a first build) every row is new and no row
    is looked at again.
    """
    current: dict[tuple[str, ...], tuple[Any, ...]] = {}
    new_periods: set[str] = set()
    for series in dict.fromkeys(map(_SERIES, rows)):
        found = conn.execute(_CURRENT_SQL, series).fetchall()
        if series == HEADLINE:
            known = {r[1] for r in found}
            new_periods = {r[4] for r in rows if _SERIES(r) == HEADLINE} - known
        for r in found:
            current[(*series, r[0], r[1])] = r[2:]
    if not current:
        return rows, [], 0, new_periods, []
    inserts: list[Row] = []
    superseded: list[tuple[int]] = []
    older: list[Row] = []
    unchanged = 0
    find = current.get
    for row in rows:
        old = find(row[:5])
        if old is None:
            inserts.append(row)
        elif old[1:] == row[5:]:
            unchanged += 1
        elif newer_wins(old[4], row[8]):
            superseded.append((old[0],))
            inserts.append(row)
        elif conn.execute(_KEPT_SQL, (*row[:5], *row[5:])).fetchone():
            unchanged += 1  # that older vintage is already kept
        else:
            older.append(row)
    return inserts, superseded, unchanged, new_periods, older


def _check_sources(conn: sqlite3.Connection, rows: list[Row], origin: str) -> None:
    """Every cited source exists, checked under the write lock: the batch's foreign keys."""
    known = {ident for (ident,) in conn.execute("SELECT id FROM sources")}
    missing = sorted(set(map(_SOURCE, rows)) - known)
    if missing:
        raise IngestError(
            f"{origin}: unknown source {missing[0]!r} (removed while the file was checked?); "
            "nothing was ingested"
        )


def _drop_indexes(conn: sqlite3.Connection) -> list[str]:
    """Drop the figures' indexes for a bulk load; returns the SQL that builds them again.

    Sorting a million keys once beats a million scattered index inserts; read from the
    schema, so whatever indexes the table has come back exactly as they were.
    """
    found = conn.execute(
        "SELECT name, sql FROM sqlite_master "
        "WHERE type = 'index' AND tbl_name = 'figures' AND sql IS NOT NULL"
    ).fetchall()
    for name, _ in found:
        conn.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in found]


def _write(
    conn: sqlite3.Connection,
    rows: list[Row],
    periods: list[str],
    now: str,
    origin: str,
    sha256: str | None,
) -> tuple[int, int, int, int, list[str], int]:
    """Inside the transaction: compare with current vintages, flip, insert, record."""
    _check_sources(conn, rows, origin)
    ingest_id = int(
        conn.execute(
            "INSERT INTO ingests (origin, sha256, started_at) VALUES (?, ?, ?)",
            (origin, sha256, now),
        ).lastrowid
        or 0
    )
    inserts, superseded, unchanged, new_periods, older = _classify(conn, rows)
    conn.executemany("UPDATE figures SET is_current = 0 WHERE id = ?", superseded)
    bulk = len(inserts) >= _BULK_ROWS and len(inserts) >= _max_id(conn)
    indexes = _drop_indexes(conn) if bulk else []
    conn.executemany(_insert_sql(now, ingest_id), inserts)
    # Published before the stored figure: kept as a vintage, never the current one.
    conn.executemany(_insert_sql(now, ingest_id).replace(", 1)", ", 0)"), older)
    for sql in indexes:
        conn.execute(sql)
    revised = len(superseded)
    added = len(inserts) - revised
    news = sorted(new_periods)
    conn.execute(
        "UPDATE ingests SET added = ?, revised = ?, unchanged = ?, first_period = ?, "
        "last_period = ?, new_periods = ? WHERE id = ?",
        (added, revised, unchanged, periods[0], periods[-1], json.dumps(news), ingest_id),
    )
    return ingest_id, added, revised, unchanged, news, len(older)


@contextlib.contextmanager
def ingest_transaction(
    store: Store, *, origin: str, foreign_keys: bool = True
) -> Iterator[sqlite3.Connection]:
    """One IMMEDIATE write transaction (the write lock taken up front) around an ingest.

    Ingests and sqlite-utils writes inside it join it; it commits when the block ends and
    rolls everything back when the block raises. A store held by another writer past the
    busy timeout is an IngestError naming `origin`. Inside an open transaction it only
    joins that one, so the outermost block decides.

    `foreign_keys=False` turns SQLite's reference checks off for a transaction this call
    opens (a joined one keeps its own setting): for a writer that checks the references
    of everything it writes itself, once per batch inside the transaction, instead of
    paying two index lookups on each of a million rows (a twentieth of a bulk load).
    """
    conn = store.db.conn
    with store.lock:
        if conn.in_transaction:
            yield conn
            return
        cache_kib = int(conn.execute("PRAGMA cache_size").fetchone()[0])
        enforced = int(conn.execute("PRAGMA foreign_keys").fetchone()[0])
        conn.execute(f"PRAGMA cache_size = {_INGEST_CACHE_KIB}")
        if not foreign_keys:
            conn.execute("PRAGMA foreign_keys = OFF")
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.commit()
            except BaseException:
                conn.rollback()
                raise
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            raise IngestError(
                f"{origin}: the store is busy (another ingest running?); nothing was ingested"
            ) from None
        finally:
            conn.execute(f"PRAGMA cache_size = {cache_kib}")
            conn.execute(f"PRAGMA foreign_keys = {enforced}")


def _apply(store: Store, rows: list[Row], *, origin: str, sha256: str | None) -> IngestReport:
    """Write validated rows in one transaction (`ingest_transaction`, or the caller's)."""
    periods = sorted(set(map(_PERIOD, rows)))
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    # The rows cite only sources checked inside the transaction (`_write`), and the ingest
    # row it writes itself, so SQLite's per-row reference checks would add nothing.
    with ingest_transaction(store, origin=origin, foreign_keys=False) as conn:
        counts = _write(conn, rows, periods, now, origin, sha256)
    ingest_id, added, revised, unchanged, new_periods, older = counts
    report = IngestReport(
        origin, added, revised, unchanged, tuple(periods), tuple(new_periods),
        ingest_id, sha256, older=older,
    )  # fmt: skip
    logger.info("ingested %s: %s", origin, report.summary())
    return report
