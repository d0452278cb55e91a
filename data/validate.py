"""Row validation for ingest: every problem of a batch, each with its line, before any write.

A figure row must name a real month, a known flow/basis, a product and partner from the
vocabulary (any `hs` + 2..10 digits code declares itself), a known source, finite
numbers (levels not negative, a level's growth not below -100 %), at least one of value
and growth, and appear once per batch. Errors are collected (the first 20 kept, all
counted) so one run shows the user everything to fix.

A clean CSV file, the common case of a bulk import, is accepted column by column
(`validate_columns.py`, under two seconds a million rows); anything else, including every
file with an error, goes through the per-row loop here, the one place that words errors.
That loop is still tight: slugs are looked up in preloaded dicts (which also intern the
strings, so a big batch holds one copy of each slug), months and dates are parsed once
per distinct value, and a file without irregular lines is numbered by position.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import operator
import re
import urllib.parse
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from kortrade.data.series import BASES, FLOWS
from kortrade.data.validate_columns import COLUMNS, LEVEL_FLOWS, Row, clean_rows, csv_lines
from kortrade.errors import UserError
from kortrade.months import InvalidMonth, parse_month

if TYPE_CHECKING:
    import sqlite3

__all__ = ["COLUMNS", "SOURCE_COLUMNS", "IngestError", "Row", "Validator", "check_sources_csv"]


#: The columns of a sources file (sources.csv), in any order.
SOURCE_COLUMNS: tuple[str, ...] = ("id", "publisher", "title", "url", "via")

_MAX_ERRORS = 20
_HS_RE = re.compile(r"^hs\d{2,10}$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class IngestError(UserError):
    """A rejected batch; `errors` holds the first 20 problems found, each naming its line."""

    def __init__(self, message: str, errors: Sequence[str] = (), total: int = 0) -> None:
        super().__init__(message)
        self.errors = list(errors) or [message]
        self.total = total or len(self.errors)


class _Errors:
    """Collects a batch's problems (the first 20 kept, all counted) and raises them at once."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.errors: list[str] = []
        self.total = 0

    def error(self, where: int, message: str) -> None:
        self.total += 1
        if len(self.errors) < _MAX_ERRORS:
            self.errors.append(f"{self.label} {where}: {message}")

    def raise_errors(self, origin: str) -> None:
        """Raise one IngestError listing what was found; first line: the count."""
        if not self.total:
            return
        if self.total == 1:
            raise IngestError(f"{origin}: {self.errors[0]} (nothing was ingested)", self.errors, 1)
        lines = [f"{self.total} errors in {origin}; nothing was ingested:"]
        lines += [f"  {message}" for message in self.errors]
        if self.total > len(self.errors):
            lines.append(f"  ... and {self.total - len(self.errors)} more")
        raise IngestError("\n".join(lines), self.errors, self.total)


class Validator(_Errors):
    """Checks rows against the store's vocabulary and sources; collects errors."""

    def __init__(self, conn: sqlite3.Connection, *, label: str) -> None:
        super().__init__(label)
        kinds: dict[str, str] = dict(conn.execute("SELECT slug, kind FROM names"))
        self.products = {s: s for s, k in kinds.items() if k in ("item", "hs")}
        self.partners = {s: s for s, k in kinds.items() if k == "partner"}
        self.sources = {s: s for (s,) in conn.execute("SELECT id FROM sources")}
        self.flows = {f: f for f in FLOWS}
        self.bases = {b: b for b in BASES}
        self.periods: dict[str, str] = {}
        self.dates: dict[str, str] = {}

    # -- inputs ------------------------------------------------------------------------

    def check_csv(self, text: str) -> list[Row]:
        """Validate CSV text (header first); blank and comma-only lines are skipped."""
        reader = csv.reader(csv_lines(text))
        header = _first_nonblank(reader)
        if header is None:
            raise IngestError(f"expected a header line ({','.join(COLUMNS)})")
        header_line = reader.line_num
        problem = _column_problem(header, COLUMNS)
        if problem:
            raise IngestError(f"line {header_line}: {problem} (expected: {','.join(COLUMNS)})")
        clean = clean_rows(self, text, header, header_line)
        if clean is not None:
            return clean
        pick = operator.itemgetter(*(header.index(c) for c in COLUMNS))
        width = len(header)
        body = list(reader)
        # One physical line per record and every record full width: number by position.
        if reader.line_num == header_line + len(body) and all(map(width.__eq__, map(len, body))):
            ordered = body if tuple(header) == COLUMNS else map(pick, body)
            return self._check_records(enumerate(ordered, header_line + 1))
        return self._check_records(self._irregular(text, header_line, width, pick))

    def _irregular(
        self, text: str, header_line: int, width: int, pick: operator.itemgetter
    ) -> Iterator[tuple[int, Sequence[str]]]:
        """The slow path: blank lines, short rows or quoted line breaks, numbered exactly."""
        reader = csv.reader(csv_lines(text))
        for fields in reader:
            if reader.line_num <= header_line:
                continue
            if not any(f.strip() for f in fields):
                continue  # a blank line, or one of commas only (spreadsheet exports)
            if len(fields) != width:
                self.error(reader.line_num, f"expected {width} fields, found {len(fields)}")
                continue
            yield reader.line_num, pick(fields)

    def check_dicts(self, rows: Iterable[dict[str, Any]]) -> list[Row]:
        """Validate dicts with the dataset's columns; values may be strings, numbers or None."""
        expected = set(COLUMNS)

        def records() -> Iterator[tuple[int, Sequence[str]]]:
            for number, row in enumerate(rows, 1):
                if row.keys() != expected:
                    self.error(number, _column_problem(list(row), COLUMNS))
                    continue
                yield number, tuple(_cell(row[c]) for c in COLUMNS)

        return self._check_records(records())

    # -- rows --------------------------------------------------------------------------

    def _check_records(self, records: Iterable[tuple[int, Sequence[str]]]) -> list[Row]:
        out: list[Row] = []
        append = out.append
        seen: dict[tuple[str, str, str, str, str], int] = {}
        first_seen = seen.setdefault
        flows, bases, products, partners = self.flows, self.bases, self.products, self.partners
        periods, sources, dates = self.periods, self.sources, self.dates
        levels = LEVEL_FLOWS
        for where, (
            period,
            flow,
            product,
            partner,
            raw_value,
            raw_yoy,
            basis,
            source,
            pub,
        ) in records:
            bad = self.total
            period = periods.get(period) or self._period(period, where)
            flow = flows.get(flow) or self._choice(flow, flows, "flow", where)
            product = products.get(product) or self._product(product, where)
            partner = partners.get(partner) or self._choice(partner, partners, "partner", where)
            basis = bases.get(basis) or self._choice(basis, bases, "basis", where)
            source = sources.get(source) or self._source(source, where)
            published = (dates.get(pub) or self._date(pub, where)) if pub else None
            value = yoy = None
            if raw_value:
                try:
                    value = float(raw_value)
                except ValueError:
                    self.error(where, f"value_usd_mn {raw_value!r} is not a number")
                else:  # x - x is 0.0 for a finite x and nan for nan or inf
                    if value - value or "_" in raw_value:
                        value = None
                        self.error(where, f"value_usd_mn {raw_value!r} is not a finite number")
            if raw_yoy:
                try:
                    yoy = float(raw_yoy)
                except ValueError:
                    self.error(where, f"yoy_pct {raw_yoy!r} is not a number")
                else:
                    if yoy - yoy or "_" in raw_yoy:
                        yoy = None
                        self.error(where, f"yoy_pct {raw_yoy!r} is not a finite number")
            if not raw_value and not raw_yoy:
                self.error(where, "value_usd_mn and yoy_pct are both empty (give at least one)")
            if flow in levels:
                if value is not None and value < 0:
                    self.error(where, f"value_usd_mn {value:g} is negative ({flow} is a level)")
                if yoy is not None and yoy < -100:
                    self.error(where, f"yoy_pct {yoy:g} is below -100 ({flow} is a level)")
            if self.total != bad:
                continue
            first = first_seen((flow, product, partner, basis, period), where)
            if first != where:
                self.error(
                    where,
                    f"duplicate of {self.label} {first} "
                    f"({flow}/{product}/{partner} {basis} {period})",
                )
                continue
            append((flow, product, partner, basis, period, value, yoy, source, published))
        return out

    # -- new values: checked once, then known (the column checks call these too) --------

    def accept_period(self, text: str) -> bool:
        """Whether `text` is a real `YYYY-MM` month; a real one is remembered."""
        try:
            parse_month(text)
        except InvalidMonth:
            return False
        self.periods[text] = text
        return True

    def accept_date(self, text: str) -> bool:
        """Whether `text` is a real `YYYY-MM-DD` date; a real one is remembered."""
        try:
            if not _DATE_RE.match(text):
                return False
            dt.date.fromisoformat(text)
        except ValueError:
            return False
        self.dates[text] = text
        return True

    def accept_product(self, text: str) -> bool:
        """Whether `text` is an HS code (`hs` + 2..10 digits), which declares itself."""
        if not _HS_RE.match(text):
            return False
        self.products[text] = text
        return True

    def _period(self, text: str, where: int) -> str:
        if self.accept_period(text):
            return text
        self.error(where, f"period {text!r} is not a real month in YYYY-MM form")
        return ""

    def _date(self, text: str, where: int) -> str | None:
        if self.accept_date(text):
            return text
        self.error(where, f"published_on {text!r} is not a real date in YYYY-MM-DD form")
        return None

    def _choice(self, text: str, known: dict[str, str], column: str, where: int) -> str:
        self.error(where, f"unknown {column} {text!r}{_suggest(text, known)}")
        return ""

    def _product(self, text: str, where: int) -> str:
        if self.accept_product(text):
            return text
        if text.startswith("hs"):
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


def _cell(value: Any) -> str:
    """A dict value as the CSV would carry it; repr keeps every float exactly."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _column_problem(columns: list[str], expected: tuple[str, ...]) -> str:
    missing = [c for c in expected if c not in columns]
    unknown = [c for c in columns if c not in expected]
    twice = sorted({c for c in columns if columns.count(c) > 1})
    parts = []
    if missing:
        parts.append(f"missing column{'s' * (len(missing) > 1)} {', '.join(missing)}")
    if unknown:
        parts.append(f"unknown column{'s' * (len(unknown) > 1)} {', '.join(map(repr, unknown))}")
    if twice:
        parts.append(f"column {', '.join(twice)} given twice")
    return "; ".join(parts)


# -- sources ------------------------------------------------------------------------------


def _first_nonblank(reader: Iterator[list[str]]) -> list[str] | None:
    """The first line with any content, stripped: a CSV's header (blank lines skipped)."""
    for fields in reader:
        if any(f.strip() for f in fields):
            return [f.strip() for f in fields]
    return None


def check_sources_csv(text: str, origin: str) -> list[dict[str, str]]:
    """Validate a sources CSV (header first; blank lines skipped) and return its rows.

    Raises IngestError naming `origin` and every bad line; nothing is returned in part.
    """
    reader = csv.reader(csv_lines(text))
    header = _first_nonblank(reader)
    expected = ",".join(SOURCE_COLUMNS)
    if header is None:
        raise IngestError(f"{origin} is empty: expected a header line ({expected})")
    problem = _column_problem(header, SOURCE_COLUMNS)
    if problem:
        raise IngestError(f"{origin}: line {reader.line_num}: {problem} (expected: {expected})")
    errors = _Errors("line")
    first_line: dict[str, int] = {}
    rows: list[dict[str, str]] = []
    for fields in reader:
        where = reader.line_num
        if not any(f.strip() for f in fields):
            continue
        if len(fields) != len(header):
            errors.error(where, f"expected {len(header)} fields, found {len(fields)}")
            continue
        row = dict(zip(header, fields, strict=True))
        bad = errors.total
        ident, url = row["id"], row["url"]
        if not ident.strip():
            errors.error(where, "id is empty (figures cite a source by its id)")
        elif ident != ident.strip():
            errors.error(where, f"id {ident!r} has spaces around it")
        elif ident in first_line:
            errors.error(where, f"duplicate id {ident!r} (first on line {first_line[ident]})")
        if not row["publisher"].strip():
            errors.error(where, "publisher is empty")
        if url and not _is_web_address(url):
            errors.error(where, f"url {url!r} is not an http(s) address")
        first_line.setdefault(ident, where)
        if errors.total == bad:
            rows.append({column: row[column] for column in SOURCE_COLUMNS})
    errors.raise_errors(origin)
    if not rows:
        raise IngestError(f"{origin} has a header but no sources")
    return rows


def _is_web_address(url: str) -> bool:
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and url == url.strip()


def _suggest(text: str, known: Iterable[str]) -> str:
    if not text:
        return ""
    close = difflib.get_close_matches(text, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
