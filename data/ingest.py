"""Loading figures: validate a whole batch first, then write it in one transaction.

Nothing is written unless every row is valid, so a file with one typo leaves the store
exactly as it was (and the error names the line). Valid rows are compared with the
current vintage of the same (flow, product, partner, basis, period): identical rows are
counted as unchanged, different ones become a new vintage (the old row stays, with
`is_current = 0`), so ingesting a file twice is a no-op and revisions are never lost.
A row counts as identical when value, stated growth, source and publication date all
match: a restatement from a new source is kept as a vintage of its own.

Speed matters for bulk imports (a million rows in seconds): slugs are checked against
preloaded sets, repeated periods and dates are validated once, and the current rows of
the touched series are read with one indexed query per series, not one per row.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import hashlib
import io
import json
import logging
import math
import operator
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kortrade.data.series import BASES, FLOWS

from kortrade.errors import UserError
from kortrade.months import InvalidMonth, parse_month

if TYPE_CHECKING:
    from kortrade.data.store import Store

__all__ = ["COLUMNS", "IngestError", "IngestReport", "ingest_file", "ingest_rows"]

logger = logging.getLogger(__name__)

#: The dataset's columns (trade_monthly.csv); a file must have exactly these, in any order.
COLUMNS: tuple[str, ...] = (
    "period",
    "flow",
    "product",
    "partner",
    "value_usd_mn",
    "yoy_pct",
    "basis",
    "source",
    "published_on",
)
#: The headline series whose first figure for a month makes that month "new" for alerts.
HEADLINE = ("export", "all", "world")

_MAX_ERRORS = 20
_LEVEL_FLOWS = frozenset({"export", "import", "export_daily_avg"})  # levels, never negative
_HS_RE = re.compile(r"^hs\d{2,10}$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# One validated row: the five key fields, then value, growth, source, published_on.
_Row = tuple[str, str, str, str, str, float | None, float | None, str, str | None]


class IngestError(UserError):
    """A rejected batch; `errors` holds the first 20 problems found, each naming its line."""

    def __init__(self, message: str, errors: Sequence[str] = (), total: int = 0) -> None:
        super().__init__(message)
        self.errors = list(errors) or [message]
        self.total = total or len(self.errors)


@dataclass(frozen=True, slots=True)
class IngestReport:
    origin: str
    added: int
    revised: int
    unchanged: int
    periods: tuple[str, ...] = ()
    new_periods: tuple[str, ...] = ()
    ingest_id: int | None = None
    sha256: str | None = field(default=None, repr=False)

    def summary(self) -> str:
        """One line for the CLI, e.g. `added 12, revised 1, unchanged 3748 (periods ...)`."""
        text = f"added {self.added}, revised {self.revised}, unchanged {self.unchanged}"
        if self.periods:
            span = self.periods[0]
            if self.periods[-1] != span:
                span = f"{span}..{self.periods[-1]}"
            news = ", ".join(self.new_periods) if self.new_periods else "none"
            text += f" (periods {span}; new months: {news})"
        return text


def ingest_file(store: Store, path: str | Path) -> IngestReport:
    """Validate the CSV at `path` completely, then load it in one transaction."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read {path}: {exc.strerror or exc}") from None
    name = path.name
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise IngestError(
            f"{name} is not UTF-8 text (line {line}: byte 0x{raw[exc.start]:02x}); "
            "save it as UTF-8 CSV and try again"
        ) from None
    if not text.strip():
        raise IngestError(f"{name} is empty: expected a header line ({','.join(COLUMNS)})")
    validator = _Validator(store, label="line")
    rows = validator.check_csv(text)
    validator.raise_errors(name)
    if not rows:
        raise IngestError(f"{name} has a header but no figures")
    return _apply(store, rows, origin=name, sha256=hashlib.sha256(raw).hexdigest())


def ingest_rows(store: Store, rows: Iterable[dict[str, Any]], *, origin: str) -> IngestReport:
    """Validate and load rows given as dicts with the dataset's columns (row 1 is the first).

    Values may be strings as in the CSV or already numbers / None. An empty batch writes
    nothing and reports zeros.
    """
    validator = _Validator(store, label="row")
    checked = validator.check_dicts(rows)
    validator.raise_errors(origin)
    if not checked:
        return IngestReport(origin, 0, 0, 0)
    return _apply(store, checked, origin=origin, sha256=None)


# -- validation --------------------------------------------------------------------------


class _Validator:
    """Checks rows against the store's vocabulary and sources; collects errors, never raises."""

    def __init__(self, store: Store, *, label: str) -> None:
        conn = store.db.conn
        kinds: dict[str, str] = dict(conn.execute("SELECT slug, kind FROM names"))
        self.products = {s: s for s, k in kinds.items() if k in ("item", "hs")}
        self.partners = {s: s for s, k in kinds.items() if k == "partner"}
        self.sources = {s: s for (s,) in conn.execute("SELECT id FROM sources")}
        self.flows = {f: f for f in FLOWS}
        self.bases = {b: b for b in BASES}
        self.periods: dict[str, str] = {}
        self.dates: dict[str, str] = {}
        self.label = label
        self.errors: list[str] = []
        self.total = 0

    def error(self, where: int, message: str) -> None:
        self.total += 1
        if len(self.errors) < _MAX_ERRORS:
            self.errors.append(f"{self.label} {where}: {message}")

    def raise_errors(self, origin: str) -> None:
        if not self.total:
            return
        if self.total == 1:
            raise IngestError(f"{origin}: {self.errors[0]} (nothing was ingested)", self.errors, 1)
        more = self.total - len(self.errors)
        lines = [f"{self.total} errors in {origin}; nothing was ingested:"]
        lines += [f"  {message}" for message in self.errors]
        if more:
            lines.append(f"  ... and {more} more")
        raise IngestError("\n".join(lines), self.errors, self.total)

    # -- inputs ------------------------------------------------------------------------

    def check_csv(self, text: str) -> list[_Row]:
        reader = csv.reader(io.StringIO(text, newline=""))
        header: list[str] | None = None
        for fields in reader:
            if any(f.strip() for f in fields):
                header = fields
                break
        if header is None:
            raise IngestError(f"expected a header line ({','.join(COLUMNS)})")
        self._check_header([h.strip() for h in header], reader.line_num)
        pick = operator.itemgetter(*(header.index(c) for c in COLUMNS))
        width = len(header)

        def records() -> Iterator[tuple[int, Sequence[Any]]]:
            for fields in reader:
                if len(fields) != width or not fields[0]:
                    if not any(f.strip() for f in fields):
                        continue  # a blank line, or one of commas only (spreadsheet exports)
                    if len(fields) != width:
                        self.error(reader.line_num, f"expected {width} fields, found {len(fields)}")
                        continue
                yield reader.line_num, pick(fields)

        return self._check_records(records())

    def check_dicts(self, rows: Iterable[dict[str, Any]]) -> list[_Row]:
        expected = set(COLUMNS)

        def records() -> Iterator[tuple[int, Sequence[Any]]]:
            for number, row in enumerate(rows, 1):
                if row.keys() != expected:
                    self.error(number, _column_problem(list(row)))
                    continue
                yield number, tuple(_cell(row[c]) for c in COLUMNS)

        return self._check_records(records())

    def _check_header(self, header: list[str], line: int) -> None:
        problem = _column_problem(header)
        if problem:
            raise IngestError(f"line {line}: {problem} (expected: {','.join(COLUMNS)})")

    # -- rows --------------------------------------------------------------------------

    def _check_records(self, records: Iterable[tuple[int, Sequence[Any]]]) -> list[_Row]:
        out: list[_Row] = []
        seen: dict[tuple[str, str, str, str, str], int] = {}
        flows, bases, products, partners = self.flows, self.bases, self.products, self.partners
        periods, sources, dates = self.periods, self.sources, self.dates
        append = out.append
        for where, (
            period,
            flow,
            product,
            partner,
            value,
            yoy,
            basis,
            source,
            published,
        ) in records:
            bad = self.total
            period = periods.get(period) or self._period(period, where)
            flow = flows.get(flow) or self._choice(flow, flows, "flow", where)
            product = products.get(product) or self._product(product, where)
            partner = partners.get(partner) or self._choice(partner, partners, "partner", where)
            basis = bases.get(basis) or self._choice(basis, bases, "basis", where)
            source = sources.get(source) or self._source(source, where)
            published = (
                (dates.get(published) or self._date(published, where)) if published else None
            )
            if value == "" and yoy == "":
                self.error(where, "value_usd_mn and yoy_pct are both empty (give at least one)")
            value = self._number(value, "value_usd_mn", where) if value != "" else None
            yoy = self._number(yoy, "yoy_pct", where) if yoy != "" else None
            if flow in _LEVEL_FLOWS:
                if value is not None and value < 0:
                    self.error(where, f"value_usd_mn {value:g} is negative ({flow} is a level)")
                if yoy is not None and yoy < -100:
                    self.error(where, f"yoy_pct {yoy:g} is below -100 ({flow} is a level)")
            if self.total != bad:
                continue
            key = (flow, product, partner, basis, period)
            first = seen.setdefault(key, where)
            if first != where:
                self.error(
                    where,
                    f"duplicate of {self.label} {first} "
                    f"({flow}/{product}/{partner} {basis} {period})",
                )
                continue
            append((flow, product, partner, basis, period, value, yoy, source, published))
        return out

    def _period(self, text: str, where: int) -> str:
        try:
            parse_month(text)
        except (InvalidMonth, TypeError):
            self.error(where, f"period {text!r} is not a real month in YYYY-MM form")
            return ""
        self.periods[text] = text
        return text

    def _date(self, text: str, where: int) -> str | None:
        try:
            if not isinstance(text, str) or not _DATE_RE.match(text):
                raise ValueError
            dt.date.fromisoformat(text)
        except ValueError:
            self.error(where, f"published_on {text!r} is not a real date in YYYY-MM-DD form")
            return None
        self.dates[text] = text
        return text

    def _choice(self, text: str, known: dict[str, str], column: str, where: int) -> str:
        self.error(where, f"unknown {column} {text!r}{_suggest(text, known)}")
        return ""

    def _product(self, text: str, where: int) -> str:
        if isinstance(text, str) and _HS_RE.match(text):
            self.products[text] = text  # an HS code declares itself
            return text
        if isinstance(text, str) and text.startswith("hs"):
            hint = " (an HS code is 'hs' and 2 to 10 digits)"
        else:
            hint = _suggest(text, self.products)
        self.error(where, f"unknown product {text!r}{hint}")
        return ""

    def _source(self, text: str, where: int) -> str:
        if text == "":
            self.error(where, "source is empty (every figure needs a source id)")
        else:
            self.error(where, f"unknown source {text!r}{_suggest(text, self.sources)}")
        return ""

    def _number(self, text: Any, column: str, where: int) -> float | None:
        if isinstance(text, bool):
            number = math.nan
        else:
            try:
                number = float(text)
            except (TypeError, ValueError):
                self.error(where, f"{column} {text!r} is not a number")
                return None
            if isinstance(text, str) and "_" in text:
                number = math.nan
        if not math.isfinite(number):
            self.error(where, f"{column} {text!r} is not a finite number")
            return None
        return number


def _cell(value: Any) -> Any:
    """A dict value as the CSV would carry it: None is empty, numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return str(value)


def _column_problem(columns: list[str]) -> str:
    missing = [c for c in COLUMNS if c not in columns]
    unknown = [c for c in columns if c not in COLUMNS]
    twice = sorted({c for c in columns if columns.count(c) > 1})
    parts = []
    if missing:
        parts.append(f"missing column{'s' * (len(missing) > 1)} {', '.join(missing)}")
    if unknown:
        parts.append(f"unknown column{'s' * (len(unknown) > 1)} {', '.join(map(repr, unknown))}")
    if twice:
        parts.append(f"column {', '.join(twice)} given twice")
    return "; ".join(parts)


def _suggest(text: Any, known: Iterable[str]) -> str:
    if not isinstance(text, str) or not text:
        return ""
    close = difflib.get_close_matches(text, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


# -- writing -----------------------------------------------------------------------------

_CURRENT_SQL = (
    "SELECT basis, period, id, value_usd_mn, yoy_pct, source, published_on FROM figures "
    "WHERE flow = ? AND product = ? AND partner = ? AND is_current = 1"
)
_INSERT_SQL = (
    "INSERT INTO figures (flow, product, partner, basis, period, value_usd_mn, yoy_pct, "
    "source, published_on, ingested_at, ingest_id, is_current) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
)


def _apply(store: Store, rows: list[_Row], *, origin: str, sha256: str | None) -> IngestReport:
    """Write validated rows in one IMMEDIATE transaction (the write lock is taken up front)."""
    by_series: dict[tuple[str, str, str], list[_Row]] = {}
    for row in rows:
        series = row[:3]
        bucket = by_series.get(series)
        if bucket is None:
            by_series[series] = [row]
        else:
            bucket.append(row)
    periods = sorted({row[4] for row in rows})
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    conn = store.db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        ingest_id = conn.execute(
            "INSERT INTO ingests (origin, sha256, started_at) VALUES (?, ?, ?)",
            (origin, sha256, now),
        ).lastrowid
        inserts: list[tuple[Any, ...]] = []
        superseded: list[tuple[int]] = []
        unchanged = 0
        new_periods: set[str] = set()
        for series, bucket in by_series.items():
            current = {(r[0], r[1]): r[2:] for r in conn.execute(_CURRENT_SQL, series)}
            headline = series == HEADLINE
            if headline:
                known_periods = {period for _, period in current}
            for flow, product, partner, basis, period, value, yoy, source, published in bucket:
                old = current.get((basis, period))
                if old is not None:
                    if old[1:] == (value, yoy, source, published):
                        unchanged += 1
                        continue
                    superseded.append((old[0],))
                elif headline and period not in known_periods:
                    new_periods.add(period)
                inserts.append(
                    (flow, product, partner, basis, period, value, yoy, source, published, now,
                     ingest_id)
                )  # fmt: skip
        conn.executemany("UPDATE figures SET is_current = 0 WHERE id = ?", superseded)
        conn.executemany(_INSERT_SQL, inserts)
        revised = len(superseded)
        added = len(inserts) - revised
        conn.execute(
            "UPDATE ingests SET added = ?, revised = ?, unchanged = ?, first_period = ?, "
            "last_period = ?, new_periods = ? WHERE id = ?",
            (added, revised, unchanged, periods[0], periods[-1],
             json.dumps(sorted(new_periods)), ingest_id),
        )  # fmt: skip
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    report = IngestReport(
        origin, added, revised, unchanged, tuple(periods), tuple(sorted(new_periods)),
        ingest_id, sha256,
    )  # fmt: skip
    logger.info("ingested %s: %s", origin, report.summary())
    return report
