"""Flash figures: Korea Customs Service's first-10-days and first-20-days counts of a month.

Trade desks read them as the first signal of a month (관세청 1~10일 / 1~20일 수출입 현황),
but a flash is a *span of* a month, never the month: it lives in its own table,
`flash_figures`, keyed by (flow, product, partner, period, days), so no monthly series,
streak or record can ever pick one up, and no flash question can be answered by a month.

The file format is `flash.csv`'s (`FLASH_COLUMNS`); `ingest_file` recognises it by its
header and sends it here. Validation follows the monthly rows' rules and words (a real
month, a known flow, product, partner and source, finite numbers, levels not negative,
one row per key, each error with its line), reusing `Validator`'s checks so both formats
speak with one voice; rows are few (three thousand for seven years), so the per-row loop
is fast enough and the column-wise fast path of monthly files is not needed.

Vintages work as for monthly figures: a changed row becomes the current one and the old
row is kept with `is_current = 0`, unless it was published before the stored one
(`newer_wins`), in which case it is kept as history only.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from kortrade.data.series import FlashFigure, SeriesKey
from kortrade.data.validate import IngestError, Validator
from kortrade.data.validate_columns import LEVEL_FLOWS, csv_lines

__all__ = [
    "FLASH_COLUMNS",
    "FLASH_DAYS",
    "FlashRow",
    "check_flash_csv",
    "is_flash_header",
    "newer_wins",
    "read_flash",
    "write_flash",
]

#: flash.csv's columns; a flash file must have exactly these, in any order.
FLASH_COLUMNS: tuple[str, ...] = (
    "period",
    "days",
    "flow",
    "product",
    "partner",
    "value_usd_mn",
    "yoy_pct",
    "working_days",
    "source",
    "published_on",
)
#: The spans the customs office counts: the first 10 and the first 20 days of a month.
FLASH_DAYS: tuple[int, ...] = (10, 20)

#: flow, product, partner, period, days, value, growth, working days, source, published_on.
FlashRow = tuple[str, str, str, str, int, float | None, float | None, float | None, str, str | None]


def is_flash_header(text: str) -> bool:
    """Whether a CSV's first non-blank line is a flash header (it has a `days` column)."""
    for fields in csv.reader(csv_lines(text)):
        if any(f.strip() for f in fields):
            return "days" in (f.strip() for f in fields)
    return False


def newer_wins(current_published: str | None, incoming_published: str | None) -> bool:
    """Which vintage answers: the later `published_on`; on equal or unknown dates, the
    later ingest. So a shipped upgrade never overrides a user's row published later."""
    if current_published and incoming_published:
        return incoming_published >= current_published
    return True


# -- validation ---------------------------------------------------------------------------


def check_flash_csv(validator: Validator, text: str) -> list[FlashRow]:
    """Every row of a flash CSV, checked; errors are collected in `validator` (raise them
    with `validator.raise_errors`), each naming its line."""
    reader = csv.reader(csv_lines(text))
    header: list[str] | None = None
    for fields in reader:
        if any(f.strip() for f in fields):
            header = [f.strip() for f in fields]
            break
    expected = ",".join(FLASH_COLUMNS)
    if header is None:
        raise IngestError(f"expected a header line ({expected})")
    missing = [c for c in FLASH_COLUMNS if c not in header]
    unknown = [c for c in header if c not in FLASH_COLUMNS]
    if missing or unknown or len(set(header)) != len(header):
        parts = [f"missing {', '.join(missing)}"] if missing else []
        parts += [f"unknown {', '.join(map(repr, unknown))}"] if unknown else []
        parts += ["a column given twice"] if len(set(header)) != len(header) else []
        raise IngestError(f"line {reader.line_num}: {'; '.join(parts)} (expected: {expected})")
    return _check_records(validator, header, _records(reader, len(header), validator))


def _records(
    reader: Iterator[list[str]], width: int, validator: Validator
) -> Iterator[tuple[int, list[str]]]:
    for fields in reader:
        where = reader.line_num  # type: ignore[attr-defined]
        if not any(f.strip() for f in fields):
            continue
        if len(fields) != width:
            validator.error(where, f"expected {width} fields, found {len(fields)}")
            continue
        yield where, fields


def _number(validator: Validator, where: int, column: str, raw: str) -> float | None:
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        validator.error(where, f"{column} {raw!r} is not a number")
        return None
    if value - value or "_" in raw:  # nan and inf
        validator.error(where, f"{column} {raw!r} is not a finite number")
        return None
    return value


def _check_records(
    validator: Validator, header: Sequence[str], records: Iterator[tuple[int, list[str]]]
) -> list[FlashRow]:
    at = {column: header.index(column) for column in FLASH_COLUMNS}
    out: list[FlashRow] = []
    seen: dict[tuple[str, str, str, str, int], int] = {}
    v = validator
    for where, fields in records:
        row = {column: fields[index].strip() for column, index in at.items()}
        bad = v.total
        period = v.periods.get(row["period"]) or v._period(row["period"], where)
        flow = v.flows.get(row["flow"]) or v._choice(row["flow"], v.flows, "flow", where)
        product = v.products.get(row["product"]) or v._product(row["product"], where)
        partner = v.partners.get(row["partner"]) or v._choice(
            row["partner"], v.partners, "partner", where
        )
        source = v.sources.get(row["source"]) or v._source(row["source"], where)
        pub = row["published_on"]
        published = (v.dates.get(pub) or v._date(pub, where)) if pub else None
        days = 0
        if row["days"] in ("10", "20"):
            days = int(row["days"])
        else:
            v.error(where, f"days {row['days']!r} is not 10 or 20 (the first 10 or 20 days)")
        value = _number(v, where, "value_usd_mn", row["value_usd_mn"])
        yoy = _number(v, where, "yoy_pct", row["yoy_pct"])
        working = _number(v, where, "working_days", row["working_days"])
        if not row["value_usd_mn"] and not row["yoy_pct"]:
            v.error(where, "value_usd_mn and yoy_pct are both empty (give at least one)")
        if flow in LEVEL_FLOWS:
            if value is not None and value < 0:
                v.error(where, f"value_usd_mn {value:g} is negative ({flow} is a level)")
            if yoy is not None and yoy < -100:
                v.error(where, f"yoy_pct {yoy:g} is below -100 ({flow} is a level)")
        if working is not None and not 0 < working <= 31:
            v.error(where, f"working_days {working:g} is not between 0 and 31")
        if v.total != bad:
            continue
        key = (flow, product, partner, period, days)
        first = seen.setdefault(key, where)
        if first != where:
            v.error(
                where,
                f"duplicate of line {first} "
                f"({flow}/{product}/{partner} {period} first {days} days)",
            )
            continue
        out.append((flow, product, partner, period, days, value, yoy, working, source, published))
    return out


# -- writing and reading -------------------------------------------------------------------

_CURRENT_SQL = (
    "SELECT flow, product, partner, period, days, id, value_usd_mn, yoy_pct, working_days, "
    "source, published_on FROM flash_figures WHERE is_current = 1"
)
_KEPT_SQL = (
    "SELECT 1 FROM flash_figures WHERE flow = ? AND product = ? AND partner = ? AND period = ? "
    "AND days = ? AND value_usd_mn IS ? AND yoy_pct IS ? AND working_days IS ? AND source = ? "
    "AND published_on IS ? AND is_current = 0"
)
_INSERT_SQL = (
    "INSERT INTO flash_figures (flow, product, partner, period, days, value_usd_mn, yoy_pct, "
    "working_days, source, published_on, ingested_at, ingest_id, is_current) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


@dataclass(frozen=True, slots=True)
class FlashWrite:
    """What a flash batch did; `new_spans` are (period, days) of the headline seen first."""

    added: int
    revised: int
    unchanged: int
    older: int
    new_spans: tuple[tuple[str, int], ...]


def write_flash(
    conn: sqlite3.Connection, rows: list[FlashRow], *, now: str, ingest_id: int
) -> FlashWrite:
    """Inside the caller's transaction: add new rows, revise changed ones, keep the rest."""
    current = {tuple(r[:5]): r[5:] for r in conn.execute(_CURRENT_SQL)}
    headline_spans = {k[3:5] for k in current if k[:3] == ("export", "all", "world")}
    inserts: list[tuple[Any, ...]] = []
    superseded: list[tuple[int]] = []
    unchanged = older = 0
    new_spans: set[tuple[str, int]] = set()
    for row in rows:
        key = row[:5]
        old = current.get(key)
        if key[:3] == ("export", "all", "world") and key[3:5] not in headline_spans:
            new_spans.add((row[3], row[4]))
        if old is None:
            inserts.append((*row, now, ingest_id, 1))
        elif tuple(old[1:]) == tuple(row[5:]):
            unchanged += 1
        elif newer_wins(old[5], row[9]):
            superseded.append((old[0],))
            inserts.append((*row, now, ingest_id, 1))
        elif conn.execute(_KEPT_SQL, row).fetchone():
            unchanged += 1  # that older vintage is already kept
        else:
            older += 1
            inserts.append((*row, now, ingest_id, 0))
    conn.executemany("UPDATE flash_figures SET is_current = 0 WHERE id = ?", superseded)
    conn.executemany(_INSERT_SQL, inserts)
    revised = len(superseded)
    return FlashWrite(
        len(inserts) - revised - older, revised, unchanged, older, tuple(sorted(new_spans))
    )


def spans_json(spans: Sequence[tuple[str, int]]) -> str:
    """The ingests table's `new_flash` column: `["2026-09/20", ...]`."""
    return json.dumps([f"{period}/{days}" for period, days in spans])


def read_flash(conn: sqlite3.Connection, key: SeriesKey) -> dict[tuple[str, int], FlashFigure]:
    """The current flash figures of one series, keyed by (period, days), oldest first."""
    rows = conn.execute(
        "SELECT period, days, value_usd_mn, yoy_pct, working_days, source, published_on "
        "FROM flash_figures WHERE flow = ? AND product = ? AND partner = ? AND is_current = 1 "
        "ORDER BY period, days",
        (key.flow, key.product, key.partner),
    )
    return {
        (period, days): FlashFigure(
            period,
            days,
            key.flow,
            key.product,
            key.partner,
            value,
            yoy,
            working,
            source,
            published,
        )
        for period, days, value, yoy, working, source, published in rows
    }
