"""Calendar-month arithmetic on plain `YYYY-MM` strings.

Shared by `intents` (periods in questions) and `data` (series and facts), so it
lives in the glue package and imports nothing but the stdlib. Months are
handled as integer indexes (year * 12 + month - 1) because streaks and spans
are subtraction on that index; the string form is the one stored and shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = [
    "InvalidMonth",
    "add_months",
    "describe_months",
    "from_index",
    "month_range",
    "months_between",
    "parse_month",
    "to_index",
]

_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


class InvalidMonth(ValueError):
    """A string that is not a real `YYYY-MM` month."""


def parse_month(text: str) -> tuple[int, int]:
    """Return (year, month) of a `YYYY-MM` string, or raise InvalidMonth."""
    match = _MONTH_RE.match(text)
    if not match:
        raise InvalidMonth(f"{text!r} is not a month in YYYY-MM form")
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12 or year < 1:
        raise InvalidMonth(f"{text!r} is not a real month")
    return year, month


def to_index(period: str) -> int:
    year, month = parse_month(period)
    return year * 12 + month - 1


def from_index(index: int) -> str:
    year, month0 = divmod(index, 12)
    return f"{year:04d}-{month0 + 1:02d}"


def add_months(period: str, count: int) -> str:
    return from_index(to_index(period) + count)


def months_between(start: str, end: str) -> int:
    """Number of months from start to end (end - start); 0 for the same month."""
    return to_index(end) - to_index(start)


def month_range(start: str, end: str) -> Iterator[str]:
    """Every month from start to end, both included."""
    for index in range(to_index(start), to_index(end) + 1):
        yield from_index(index)


def describe_months(periods: list[str] | tuple[str, ...], *, listed: int = 6) -> str:
    """Months for a one-line summary: listed when few, else a count and a span
    (`441 (1990-01..2026-09)`), so a first build does not print 441 months."""
    ordered = sorted(periods)
    if len(ordered) <= listed:
        return ", ".join(ordered)
    return f"{len(ordered)} ({ordered[0]}..{ordered[-1]})"
