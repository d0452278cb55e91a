"""The SQLite store: opening (and first-time building) the file, and reading series.

A missing store is built from the dataset shipped in the package through the same
`ingest_file` a user runs, so the shipped figures pass the same validation as any
other file; an existing store picks up a newer shipped dataset (new aliases, sources,
months) on its next open (`shipped.py`: a digest check, a write only when it differs).
The build happens in a temporary file beside the target under an exclusive
lock and is then linked into place, so a second process starting at the same moment
waits and opens the finished store instead of a half-built one or a second build.

Series are cached per key for the bot's sake (a question reads the same few series
again and again). When `PRAGMA data_version` moves (another connection, e.g. a
`kortrade ingest` in another process, committed) or this connection's `total_changes`
moves, three index seeks check whether figures, names or sources changed (an ingest
always adds an `ingests` row and new figure ids) and only then drop the cache, so a
running bot answers from new figures without a restart, while the outbox's frequent
writes do not empty the cache. Figures are changed only by ingest, never edited in place.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import secrets
import sqlite3
import threading
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import Any, TypeVar, cast

import sqlite_utils

from kortrade.config import default_db_path
from kortrade.data.flash import read_flash
from kortrade.data.schema import ensure_schema
from kortrade.data.series import HEADLINE_KEY, Figure, FlashFigure, Series, SeriesKey
from kortrade.data.shipped import load_dataset, upgrade_store
from kortrade.errors import UserError

__all__ = ["DATASET_DIR", "Store", "StoreError", "build_from_dataset", "open_store"]

logger = logging.getLogger(__name__)

#: The dataset shipped in the package: names.csv, sources.csv, trade_monthly.csv.
DATASET_DIR = Path(__file__).resolve().parent / "dataset"

T = TypeVar("T")

_BUSY_TIMEOUT_S = 30.0
_CACHE_KIB = -64 * 1024

_SERIES_SQL = (
    "SELECT basis, period, value_usd_mn, yoy_pct, source, published_on FROM figures "
    "WHERE flow = ? AND product = ? AND partner = ? AND is_current = 1 ORDER BY basis, period"
)
_CONTENT_SQL = (
    "SELECT (SELECT max(id) FROM ingests), (SELECT max(id) FROM figures), "
    "(SELECT max(rowid) FROM names), (SELECT max(rowid) FROM sources)"
)
_HISTORY_SQL = (
    "SELECT basis, period, value_usd_mn, yoy_pct, source, published_on FROM figures "
    "WHERE flow = ? AND product = ? AND partner = ? AND is_current = 0 "
    "ORDER BY basis, period, id"
)


def _slot_setters() -> tuple[Callable[[Figure, Any], None], ...] | None:
    """Setters of Figure's slots, in field order, when the fields are the seven expected.

    A frozen dataclass's `__init__` sets each field through `object.__setattr__`; setting
    the slots through their descriptors builds the same object in 60 % of the time, which
    is a quarter of a cold 440-month series read. Should `Figure` gain or reorder fields,
    this returns None and the store calls the constructor instead.
    """
    names = tuple(f.name for f in dataclasses.fields(Figure))
    expected = (
        "period", "basis", "value_usd_mn", "yoy_pct", "source", "published_on", "revised_from",
    )  # fmt: skip
    if names != expected:
        return None
    return tuple(Figure.__dict__[name].__set__ for name in names)


_SLOTS = _slot_setters()


class StoreError(UserError):
    """The store file cannot be created or is not a kortrade store."""


class Store:
    """One open store file. Safe to share between threads (calls are serialised)."""

    def __init__(self, db: sqlite_utils.Database, path: Path) -> None:
        self.db = db
        self.path = path
        #: Serialises this store's reads and ingests across threads.
        self.lock = threading.RLock()
        self._stamp: tuple[int, int] | None = None
        self._content: tuple[Any, ...] | None = None
        self._series: dict[SeriesKey, Series] = {}
        self._memo: dict[Hashable, Any] = {}
        self._names: list[dict[str, Any]] | None = None
        self._keys: list[SeriesKey] | None = None

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    # -- cache -------------------------------------------------------------------------

    def _fresh(self) -> None:
        """Drop cached reads when the figures or the vocabulary may have changed."""
        conn = self.db.conn
        stamp = (conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes)
        if stamp == self._stamp:
            return
        self._stamp = stamp
        # Something was written, often only the alerts outbox. Figures change by ingest
        # alone (one new ingests row, new figure ids), so these seeks tell which it was.
        content = conn.execute(_CONTENT_SQL).fetchone()
        if content != self._content:
            self._content = content
            self._drop()

    def _drop(self) -> None:
        self._series.clear()
        self._memo.clear()
        self._names = None
        self._keys = None

    def clear_cache(self) -> None:
        """Forget cached series (benchmarks use it to time cold reads)."""
        with self.lock:
            self._drop()

    # -- reads -------------------------------------------------------------------------

    def series(self, key: SeriesKey) -> Series:
        """Newest vintage per period and basis; an empty Series when nothing is stored."""
        with self.lock:
            self._fresh()
            cached = self._series.get(key)
            if cached is None:
                cached = self._series[key] = self._load_series(key)
            return cached

    def flash(self, key: SeriesKey) -> dict[tuple[str, int], FlashFigure]:
        """The customs office's first-10/20-day figures of a series, keyed by (period, days).

        Never part of `series`: a flash is a span of a month, not the month (`flash.py`).
        """
        return self.memo(("flash", key), lambda: read_flash(self.db.conn, key))

    def memo(self, slot: Hashable, build: Callable[[], T]) -> T:
        """`build()`, computed once per data version: the one cache for values derived
        from stored figures (a derived series). Its invariant: such a value depends on
        the figures alone, and figures change only by ingest, which drops it with the
        series it was built from."""
        with self.lock:
            self._fresh()
            if slot not in self._memo:
                self._memo[slot] = build()
            return cast(T, self._memo[slot])

    def _load_series(self, key: SeriesKey) -> Series:
        conn = self.db.conn
        params = (key.flow, key.product, key.partner)
        previous = self._history(conn.execute(_HISTORY_SQL, params).fetchall())
        vintages: dict[str, dict[str, Figure]] = {"release": {}, "customs": {}}
        rows = conn.execute(_SERIES_SQL, params)
        if previous or _SLOTS is None:
            for basis, period, value, yoy, source, published_on in rows:
                vintages[basis][period] = Figure(
                    period, basis, value, yoy, source, published_on,
                    previous.get((basis, period)),
                )  # fmt: skip
        else:  # the common case, no revisions: the slots are filled directly (`_SLOTS`)
            new = object.__new__
            set_period, set_basis, set_value, set_yoy, set_source, set_date, set_revised = _SLOTS
            for basis, period, value, yoy, source, published_on in rows:
                figure = new(Figure)
                set_period(figure, period)
                set_basis(figure, basis)
                set_value(figure, value)
                set_yoy(figure, yoy)
                set_source(figure, source)
                set_date(figure, published_on)
                set_revised(figure, None)
                vintages[basis][period] = figure
        # Rows arrive in (basis, period) order from the index, so the dicts are sorted.
        return Series(key, vintages["release"], vintages["customs"])

    @staticmethod
    def _history(rows: list[tuple[Any, ...]]) -> dict[tuple[str, str], Figure]:
        """The latest superseded vintage per (basis, period), chained to its own predecessor."""
        latest: dict[tuple[str, str], Figure] = {}
        for basis, period, value, yoy, source, published_on in rows:  # oldest vintage first
            slot = (basis, period)
            latest[slot] = Figure(period, basis, value, yoy, source, published_on, latest.get(slot))
        return latest

    def series_keys(
        self, flow: str | None = None, product: str | None = None, partner: str | None = None
    ) -> list[SeriesKey]:
        """Every stored series (either basis), optionally narrowed; sorted for stable output."""
        with self.lock:
            self._fresh()
            if self._keys is None:
                rows = self.db.conn.execute(
                    "SELECT DISTINCT flow, product, partner FROM figures WHERE is_current = 1"
                ).fetchall()
                self._keys = [SeriesKey(*row) for row in sorted(rows)]
            keys = self._keys
        return [
            key
            for key in keys
            if (flow is None or key.flow == flow)
            and (product is None or key.product == product)
            and (partner is None or key.partner == partner)
        ]

    def names(self) -> list[dict[str, Any]]:
        """The vocabulary rows (names.csv) for `intents`: plain dicts, no SQLite."""
        with self.lock:
            self._fresh()
            if self._names is None:
                self._names = list(self.db.query("SELECT * FROM names ORDER BY rowid"))
            return [dict(row) for row in self._names]

    def source(self, id: str) -> dict[str, Any] | None:
        with self.lock:
            rows = list(self.db.query("SELECT * FROM sources WHERE id = ?", [id]))
        return rows[0] if rows else None

    def latest_period(self, key: SeriesKey = HEADLINE_KEY) -> str | None:
        """The newest month with a figure of either basis."""
        return self.series(key).last

    def coverage(self, key: SeriesKey) -> tuple[str, str] | None:
        """(first, last) month with a figure of either basis; None for an unknown series."""
        series = self.series(key)
        if not series:
            return None
        return series.periods[0], series.periods[-1]

    def close(self) -> None:
        with self.lock:
            self.db.close()


def _connect(path: Path) -> sqlite_utils.Database:
    # check_same_thread=False: the bot may read from a worker thread; `Store.lock`
    # serialises our own use. The busy timeout lets a reader wait out an ingest's commit.
    conn = sqlite3.connect(str(path), timeout=_BUSY_TIMEOUT_S, check_same_thread=False)
    # A 64 MB page cache (an upper bound, filled only as pages are read) keeps a running
    # bot's hot series in memory; the 2 MB default evicts them at a few million rows.
    try:
        conn.execute(f"PRAGMA cache_size = {_CACHE_KIB}")
    except sqlite3.DatabaseError:
        conn.close()
        raise
    return sqlite_utils.Database(conn)


def open_store(path: str | Path | None = None, *, dataset_dir: str | Path | None = None) -> Store:
    """Open the store at `path` (default: `kortrade.config.default_db_path()`).

    A missing (or zero-byte) file is built from the shipped dataset (`dataset_dir`,
    default `DATASET_DIR`) first; parent folders are created. An existing store loads
    what changed in that dataset since it was last loaded (see `shipped.py`); a failure
    there is logged and the store opens as it was. Raises StoreError when the path
    cannot hold a store.
    """
    if path is None:
        path = default_db_path()
    path = Path(path).expanduser()
    dataset = DATASET_DIR if dataset_dir is None else Path(dataset_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if _missing(path):
            _build(path, dataset)
    except OSError as exc:
        raise StoreError(f"cannot create the store at {path}: {exc.strerror or exc}") from None
    db: sqlite_utils.Database | None = None
    try:
        db = _connect(path)
        ensure_schema(db)
    except sqlite3.DatabaseError as exc:
        if db is not None:
            db.close()
        raise StoreError(f"{path} is not a usable kortrade store ({exc})") from None
    store = Store(db, path)
    upgrade_store(store, dataset)
    return store


def _missing(path: Path) -> bool:
    """No file, or an empty one (e.g. made by `touch`): either way there is nothing to keep."""
    try:
        return path.stat().st_size == 0
    except FileNotFoundError:
        return True


@contextlib.contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    """Serialise first-time builds across processes (a no-op where fcntl is missing)."""
    try:
        import fcntl
    except ImportError:  # Windows: the os.link below still refuses to replace a store
        yield
        return
    lock_path = path.with_name(path.name + ".build-lock")
    with open(lock_path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build(path: Path, dataset_dir: Path) -> None:
    with _build_lock(path):
        if not _missing(path):  # another process built it while we waited for the lock
            return
        # Not mkstemp: its 0600 mode would stick to the store; this honours the umask.
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.building")
        tmp.touch(exist_ok=False)
        try:
            build_from_dataset(tmp, dataset_dir)
            if path.exists():  # zero bytes, checked under the lock: nothing to lose
                os.replace(tmp, path)
            else:
                try:
                    os.link(tmp, path)  # atomic, and never replaces a store placed meanwhile
                except FileExistsError:
                    logger.info("store %s appeared during the build; keeping it", path)
                except OSError:  # a file system without hard links
                    os.replace(tmp, path)
        finally:
            for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
                leftover.unlink(missing_ok=True)


def build_from_dataset(path: Path, dataset_dir: Path) -> None:
    """Fill an empty file at `path` from names.csv, sources.csv and trade_monthly.csv.

    The same load that upgrades an existing store, into an empty one, in one transaction;
    unlike an upgrade, a failure here raises (there is no older store to fall back on).
    """
    db = _connect(path)
    try:
        ensure_schema(db)
        loaded = load_dataset(Store(db, path), dataset_dir)
        if loaded.report is not None:
            logger.info("built %s from the shipped dataset: %s", path, loaded.report.summary())
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()  # the last close folds the WAL into the file before it is linked
