"""Periods in a question: a fast regular-expression path, dateparser only for the rest.

The forms people actually type ("Jan 2021", "2021-01", "2021년 1월", "Q1 2021", "1분기",
"H1", "2021 so far", "March to June 2020", "last 12 months", "지난달") are read by the
ordered rules below, each consuming its characters so later rules, and the vocabulary
matcher after them, never see them again. Numbers that are not dates ("top 5", "HS
8542", "12 months") are never read as years: a bare number is a year only when it is
19xx/20xx, or when a word says so ("in 1850", "2021년"). Anything date-like the rules
leave ("2 months ago", "지난주") goes to dateparser (`fallback.py`).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from kortrade.intents.model import PeriodSpec
from kortrade.intents.period_grammar import Ctx, Yearless, compiled_rules, has_digit
from kortrade.intents.period_rules import ANCHORS, MONTH_AGO, YEAR_AGO

__all__ = ["PeriodHit", "PeriodScan", "scan_periods"]


class PeriodHit(NamedTuple):
    spec: PeriodSpec
    start: int
    end: int


class PeriodScan(NamedTuple):
    """Periods found in order of appearance; `masked` is the lowered text with them blanked.

    `year_ago` is set when the text compared with "a year ago" / "same month last year";
    `month_ago` when it compared with the month before ("m/m", "전월 대비").
    """

    hits: tuple[PeriodHit, ...]
    masked: str
    year_ago: bool = False
    month_ago: bool = False


class _Found:
    __slots__ = ("anchor_year", "end", "spec", "start", "yearless")

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end
        self.spec: PeriodSpec | None = None
        self.yearless: Yearless | None = None
        self.anchor_year: int | None = None


def scan_periods(raw: str, lowered: str, today: dt.date) -> PeriodScan:
    """Find every period in `lowered` (the lower-cased `raw`), first rule first.

    A rule's match is blanked out of the text before the next rule runs, so "Jan 2021"
    is read once, as a month, and never again as "Jan" plus a year. A period said without
    a year takes the year of a whole-year phrase in the same question, which then stops
    being a period of its own ("올해 1~9월" is January to September this year).
    """
    ctx = Ctx(today, raw)
    text = lowered
    found: list[_Found] = []
    year_ago = month_ago = False
    digits = has_digit(text)
    for pattern, handler, needs_digit in compiled_rules():
        if needs_digit and not digits:
            continue
        for match in list(pattern.finditer(text)):
            if not match[0].strip():
                continue
            if handler is YEAR_AGO:
                year_ago = True
            elif handler is MONTH_AGO:
                month_ago = True
            else:
                result = handler(match, ctx)
                if result is None:
                    continue
                item = _Found(match.start(), match.end())
                if isinstance(result, Yearless):
                    item.yearless = result
                else:
                    item.spec = result
                    if handler in ANCHORS:
                        item.anchor_year = _whole_year(result)
                found.append(item)
            text = text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]
    hits = [PeriodHit(spec, f.start, f.end) for f, spec in _give_years(found)]
    hits.sort(key=lambda h: h.start)
    return PeriodScan(tuple(hits), text, year_ago, month_ago)


def _whole_year(spec: PeriodSpec) -> int | None:
    if spec.kind != "span" or not spec.start or not spec.end:
        return None
    year = spec.start[:4]
    if spec.start == f"{year}-01" and spec.end == f"{year}-12":
        return int(year)
    return None


def _give_years(found: list[_Found]) -> list[tuple[_Found, PeriodSpec]]:
    """Complete each yearless period with the nearest whole-year phrase, if any."""
    anchors = [f for f in found if f.anchor_year is not None]
    # Without a whole-year phrase, a dated period nearby lends its year without being used
    # up: "2021년 1월과 2월", "Jan and Feb 2021".
    lenders = [f for f in found if f.spec is not None and f.spec.start and f.anchor_year is None]
    used: set[int] = set()
    result: list[tuple[_Found, PeriodSpec]] = []
    built: list[PeriodSpec] = []

    def nearness(item: _Found) -> int:  # the phrase next to a year takes it first
        return min((abs(a.start - item.start) for a in anchors), default=0)

    for item in sorted((f for f in found if f.yearless is not None), key=nearness):
        assert item.yearless is not None
        if anchors:
            free = [a for a in anchors if id(a) not in used] or anchors
            anchor = min(free, key=lambda a: abs(a.start - item.start))
            used.add(id(anchor))
            spec = item.yearless.build(anchor.anchor_year or 0)
            if spec in built:
                # "October vs October last year": the same month said twice with one year
                # is two years compared, the unanchored one the year after.
                spec = item.yearless.build((anchor.anchor_year or 0) + 1)
            built.append(spec)
            result.append((item, spec))
        elif lenders:
            lender = min(lenders, key=lambda a: abs(a.start - item.start))
            start = lender.spec.start if lender.spec and lender.spec.start else "0000"
            result.append((item, item.yearless.build(int(start[:4]))))
        else:
            result.append((item, item.yearless.default))
    for item in found:
        if item.spec is not None and id(item) not in used:
            result.append((item, item.spec))
    return result
