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
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from kortrade.intents.model import PeriodSpec
from kortrade.intents.spans import (
    half_spec,
    invalid_spec,
    month_of_year_spec,
    month_spec,
    quarter_spec,
    range_spec,
    trailing_spec,
    valid_day,
    year_spec,
)

__all__ = ["PeriodHit", "PeriodScan", "scan_periods"]

_MONTHS: dict[str, int] = {
    "january": 1, "janurary": 1, "janury": 1, "januray": 1, "jan": 1,
    "february": 2, "febuary": 2, "feburary": 2, "febraury": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "setpember": 9, "septmber": 9, "sept": 9, "sep": 9,
    "october": 10, "ocotber": 10, "oct": 10,
    "november": 11, "novmber": 11, "nov": 11,
    "december": 12, "decmber": 12, "dec": 12,
}  # fmt: skip
_MON = "(?<![a-z])(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")(?![a-z])\.?"
_NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty four": 24,
    "twenty-four": 24, "thirty six": 36, "thirty-six": 36,
}  # fmt: skip
_NUM = r"(\d{1,4}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_ORDINAL = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}
_ORD = r"(first|second|third|fourth|1st|2nd|3rd|4th)"
_DIGIT_RE = re.compile(r"\d")
_TO = r"\s*(?:to|through|thru|until|till|-|–|~)\s*"
# Words after which "may" is the month, not the verb ("in May", "since May").
_MAY_CONTEXT = re.compile(
    r"(?:in|for|of|since|during|from|until|till|through|by|last|this|next|early|late|mid|"
    r"before|after|between|and|to|vs|versus|over)\s*$"
)


@dataclass(frozen=True, slots=True)
class PeriodHit:
    spec: PeriodSpec
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class PeriodScan:
    """Periods found in order of appearance; `masked` is the lowered text with them blanked.

    `year_ago` is set when the text compared with "a year ago" / "same month last year".
    """

    hits: tuple[PeriodHit, ...]
    masked: str
    year_ago: bool = False


@dataclass(frozen=True, slots=True)
class _Ctx:
    today: dt.date
    raw: str


_Handler = Callable[[re.Match[str], _Ctx], PeriodSpec | None]
_RULES: list[tuple[str, _Handler, bool]] = []


def _rule(pattern: str, *, needs_digit: bool = True) -> Callable[[_Handler], _Handler]:
    """Register a rule; `needs_digit` rules are skipped for text without digits (most are)."""

    def register(handler: _Handler) -> _Handler:
        _RULES.append((pattern, handler, needs_digit))
        return handler

    return register


def _year(text: str, today: dt.date) -> int:
    """A typed year: two digits pivot around next year ('21 -> 2021, '99 -> 1999)."""
    digits = text.strip("'’ ")
    value = int(digits)
    if len(digits) <= 2:
        value += 2000 if 2000 + value <= today.year + 1 else 1900
    return value


def _bare_year_for(first_month: int, today: dt.date) -> int:
    """The year of a yearless month range ("3~6월"): this year once it has begun, else last year."""
    return today.year if first_month <= today.month else today.year - 1


def _ended_year_for(last_month: int, today: dt.date) -> int:
    """The year of a yearless quarter or half ("1분기", "H1"): the latest one that has ended."""
    return today.year if last_month < today.month else today.year - 1


# -- year-ago comparisons (before "last year" is read as a period) --------------------------
@_rule(
    r"(?:(?:the\s+)?same\s+(?:month|period)\s+(?:of\s+)?(?:last\s+year|a\s+year\s+(?:ago|earlier|before)"
    r"|the\s+(?:previous|prior)\s+year)|a\s+year\s+(?:ago|earlier|before)|the\s+year\s+before|"
    r"(?:compared\s+(?:with|to)|vs\.?|versus|against)\s+(?:the\s+)?(?:previous|prior|last)\s+year)|"
    r"전년\s*동월|전년\s*동기|작년\s*같은\s*(?:달|기간)|1년\s*전|일\s*년\s*전",
    needs_digit=False,
)
def _year_ago(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    return None  # marker: handled by scan_periods


# -- ranges ------------------------------------------------------------------------------------
@_rule(
    rf"(?:from\s+|between\s+)?{_MON}\s*,?\s*(?:'?(\d{{4}}|\d{{2}}))?{_TO}{_MON}\s*,?\s*'?(\d{{4}}|\d{{2}}(?!\d))?",
    needs_digit=False,
)
def _range_names(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    return _month_range(match[1], match[2], match[3], match[4], match[0], ctx)


def _month_range(
    first: str, first_year: str | None, last: str, last_year: str | None, typed: str, ctx: _Ctx
) -> PeriodSpec:
    """ "March to June 2020", "Nov 2020 - Feb 2021", "3~6월": a year said once covers both
    ends, and a range that wraps ("November to February") starts the year before."""
    m1 = _MONTHS[first] if first in _MONTHS else int(first)
    m2 = _MONTHS[last] if last in _MONTHS else int(last)
    y1 = _year(first_year, ctx.today) if first_year else None
    y2 = _year(last_year, ctx.today) if last_year else None
    wraps = 1 if m1 > m2 else 0
    if y2 is None:
        y2 = y1 + wraps if y1 is not None else _bare_year_for(min(m2, 12), ctx.today)
    if y1 is None:
        y1 = y2 - wraps
    return range_spec((y1, m1), (y2, m2), typed, today=ctx.today)


@_rule(
    r"between\s+" + _MON + r"\s+and\s+" + _MON + r"\s*,?\s*'?(\d{4}|\d{2}(?!\d))?",
    needs_digit=False,
)
def _range_between_names(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    return _month_range(match[1], None, match[2], match[3], match[0], ctx)


@_rule(
    r"(?:from\s+|between\s+)?(?<![\d.])([12]\d{3})[-./](\d{1,2})"
    + _TO.replace("-|", "")
    + r"([12]\d{3})[-./](\d{1,2})(?![\d.])|(?:between\s+)([12]\d{3})[-./](\d{1,2})\s+and\s+"
    r"([12]\d{3})[-./](\d{1,2})(?![\d.])"
)
def _range_iso(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    parts = [p for p in match.groups() if p is not None]
    y1, m1, y2, m2 = (int(p) for p in parts)
    return range_spec((y1, m1), (y2, m2), match[0], today=ctx.today)


@_rule(
    r"(?:from\s+|between\s+)?(?<![\d.\-/])([12]\d{3})\s*(?:to|through|thru|until|till|-|–|~|and)"
    r"\s*([12]\d{3})(?![\d.\-/]|\s*년)"
)
def _range_years(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    if " and" in match[0] and not match[0].startswith("between"):
        return None  # "2020 and 2021" compares two years
    y1, y2 = int(match[1]), int(match[2])
    return range_spec((y1, 1), (y2, 12), match[0], today=ctx.today)


@_rule(
    r"(?:(\d{2,4})\s*년\s*)?(?<!\d)(\d{1,2})\s*월?\s*(?:~|-|–|부터|에서)\s*(?:(\d{2,4})\s*년\s*)?"
    r"(\d{1,2})\s*월(?:\s*까지)?"
)
def _range_ko(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    return _month_range(match[2], match[1], match[4], match[3], match[0], ctx)


@_rule(
    rf"(?:since|starting)\s+{_MON}\s*,?\s*'?(\d{{4}}|\d{{2}}(?!\d))|(?:since|starting)\s+"
    r"(?:(?:the\s+)?start\s+of\s+)?([12]\d{3})(?![\d\-/.])"
)
def _since(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    start = (_year(match[2], ctx.today), _MONTHS[match[1]]) if match[1] else (int(match[3]), 1)
    end = (ctx.today.year, ctx.today.month)
    return range_spec(start, end, match[0], today=ctx.today, since=True)


@_rule(r"(\d{2,4})\s*년\s*(?:(\d{1,2})\s*월\s*)?(?:부터|이후|이래)")
def _since_ko(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    start = (_year(match[1], ctx.today), int(match[2]) if match[2] else 1)
    end = (ctx.today.year, ctx.today.month)
    return range_spec(start, end, match[0], today=ctx.today, since=True)


# -- trailing windows --------------------------------------------------------------------------
@_rule(
    rf"(?:(?:the\s+)?(?:last|past|previous|trailing|recent|latest)\s+){_NUM}[\s-]+"
    r"(months?|years?|quarters?)|(?<![\d.])(\d{1,4})[\s-]*(months?)\b(?!\s+ago)",
    needs_digit=False,
)
def _trailing(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    count_text, unit = (match[1], match[2]) if match[1] else (match[3], match[4])
    count = _NUMBER_WORDS.get(count_text) or int(count_text)
    factor = 12 if unit.startswith("year") else 3 if unit.startswith("quarter") else 1
    return trailing_spec(count * factor, match[0])


@_rule(
    r"(?:the\s+)?(?:past|last)\s+(?:12\s+months\s+)?year(?!\s*(?:on|to))|"
    r"(?:the\s+)?(?:past|last)\s+twelve\s+months",
    needs_digit=False,
)
def _past_year(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    if match[0].strip().startswith("last") and "twelve" not in match[0]:
        return None  # "last year" is the previous calendar year
    return trailing_spec(12, match[0])


@_rule(
    r"(?:최근|지난|과거)\s*(\d{1,4})\s*(개월|달|년|분기)(?:\s*간|\s*동안)?|(?<!\d)(\d{1,4})\s*개월(?:\s*간|\s*동안)?(?!\s*전)"
)
def _trailing_ko(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    count_text, unit = (match[1], match[2]) if match[1] else (match[3], "개월")
    factor = 12 if unit == "년" else 3 if unit == "분기" else 1
    return trailing_spec(int(count_text) * factor, match[0])


# -- full dates (the day only validates; data is monthly) ---------------------------------------
def _day_spec(year: int, month: int, day: int, typed: str) -> PeriodSpec:
    if not valid_day(year, month, day):
        return invalid_spec(typed)
    return month_spec(year, month, typed)


@_rule(r"(?<![\d.])(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?![\d])")
def _date_iso(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    return _day_spec(int(match[1]), int(match[2]), int(match[3]), match[0])


@_rule(rf"{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(\d{{4,6}})(?!\d)")
def _date_mdy(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    return _day_spec(int(match[3]), _MONTHS[match[1]], int(match[2]), match[0])


@_rule(rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}\s*,?\s*(\d{{4,6}})(?!\d)")
def _date_dmy(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    return _day_spec(int(match[3]), _MONTHS[match[2]], int(match[1]), match[0])


@_rule(r"(\d{2,4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일")
def _date_ko(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    return _day_spec(_year(match[1], ctx.today), int(match[2]), int(match[3]), match[0])


@_rule(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?![\d/.])")
def _date_slashes(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    first, second, year = int(match[1]), int(match[2]), int(match[3])
    if first <= 12:  # US order (month/day/year) when it can be
        return _day_spec(year, first, second, match[0])
    return _day_spec(year, second, first, match[0])


# -- quarters and halves -------------------------------------------------------------------------
@_rule(
    r"(?<![a-z\d])(?:q([1-4])\s*[-/]?\s*'?(\d{4}|\d{2}(?!\d))?|([1-4])\s*q\s*'?(\d{4}|\d{2}(?!\d))?|"
    r"(\d{4})\s*[-/]?\s*q([1-4]))(?![a-z\d])"
)
def _quarter(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    quarter = int(match[1] or match[3] or match[6])
    year_text = match[2] or match[4] or match[5]
    year = _year(year_text, ctx.today) if year_text else _ended_year_for(3 * quarter, ctx.today)
    return quarter_spec(year, quarter, match[0], today=ctx.today)


@_rule(rf"(?:the\s+)?{_ORD}\s+quarter(?:\s+(?:of\s+|in\s+)?(\d{{4}}))?", needs_digit=False)
def _quarter_words(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    quarter = _ORDINAL[match[1]]
    year = int(match[2]) if match[2] else _ended_year_for(3 * quarter, ctx.today)
    return quarter_spec(year, quarter, match[0], today=ctx.today)


@_rule(r"(?:(\d{2,4})\s*년\s*)?(?<!\d)([1-4])\s*분기")
def _quarter_ko(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    quarter = int(match[2])
    year = _year(match[1], ctx.today) if match[1] else _ended_year_for(3 * quarter, ctx.today)
    return quarter_spec(year, quarter, match[0], today=ctx.today)


@_rule(
    r"(?<![a-z\d])(?:h([12])\s*[-/]?\s*'?(\d{4}|\d{2}(?!\d))?|([12])\s*h\s*'?(\d{4}|\d{2}(?!\d))?|"
    r"(\d{4})\s*[-/]?\s*h([12]))(?![a-z\d])"
)
def _half(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    half = int(match[1] or match[3] or match[6])
    year_text = match[2] or match[4] or match[5]
    year = _year(year_text, ctx.today) if year_text else _ended_year_for(6 * half, ctx.today)
    return half_spec(year, half, match[0], today=ctx.today)


@_rule(
    r"(?:the\s+)?(first|second|1st|2nd)\s+half(?:\s+(?:of\s+|in\s+)?(\d{4}))?", needs_digit=False
)
def _half_words(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    half = _ORDINAL[match[1]]
    year = int(match[2]) if match[2] else _ended_year_for(6 * half, ctx.today)
    return half_spec(year, half, match[0], today=ctx.today)


@_rule(r"(?:(\d{2,4})\s*년\s*)?(상|하)\s*반기", needs_digit=False)
def _half_ko(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    half = 1 if match[2] == "상" else 2
    year = _year(match[1], ctx.today) if match[1] else _ended_year_for(6 * half, ctx.today)
    return half_spec(year, half, match[0], today=ctx.today)


# -- year to date ------------------------------------------------------------------------------
@_rule(
    r"(?<![\d.\-/])([12]\d{3})\s*(?:so\s+far|to\s+date|ytd|year[\s-]+to[\s-]+date)|"
    r"(?:year[\s-]+to[\s-]+date|ytd)\s*(?:in\s+|for\s+|of\s+)?([12]\d{3})(?![\d.\-/])"
)
def _ytd_year(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    return year_spec(int(match[1] or match[2]), match[0], today=ctx.today, to_date=True)


@_rule(r"(\d{2,4})\s*년\s*(?:들어|누계|누적)")
def _ytd_ko_year(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    return year_spec(_year(match[1], ctx.today), match[0], today=ctx.today, to_date=True)


@_rule(
    r"(?:so\s+far\s+this\s+year|this\s+year\s+so\s+far|this\s+year\s+to\s+date|"
    r"year[\s-]+to[\s-]+date|ytd|so\s+far|올해\s*(?:들어|누계|누적|지금까지)|연초\s*(?:이후|부터|대비)?"
    r"(?:\s*지금까지)?|누계|누적|지금까지)",
    needs_digit=False,
)
def _ytd(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    return year_spec(
        ctx.today.year,
        match[0],
        today=ctx.today,
        to_date=True,
        relative=("year to date", "올해 누계"),
    )


# -- months with a year ------------------------------------------------------------------------
@_rule(r"(?<![\d.\-/])([12]\d{3})\s*[-./]\s*(\d{1,2})(?![\d])(?!\s*[-./]\s*\d)")
def _month_iso(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    return month_spec(int(match[1]), int(match[2]), match[0])


@_rule(r"(?<![\d.\-/])(\d{1,2})\s*[/.-]\s*(\d{4})(?![\d])")
def _month_slash(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    return month_spec(int(match[2]), int(match[1]), match[0])


@_rule(rf"{_MON}\s*[,'’-]?\s*(?:of\s+|in\s+)?['’]?(\d{{4,6}}|\d{{2}})(?!\d)")
def _month_name_year(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    return month_spec(_year(match[2], ctx.today), _MONTHS[match[1]], match[0])


@_rule(rf"(?<![\d.\-/])(\d{{4}})\s*[,-]?\s*{_MON}")
def _year_month_name(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    return month_spec(int(match[1]), _MONTHS[match[2]], match[0])


@_rule(r"(\d{2,6})\s*년\s*(\d{1,2})\s*월")
def _month_ko(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    return month_spec(_year(match[1], ctx.today), int(match[2]), match[0])


# -- relative ----------------------------------------------------------------------------------
_RELATIVE_EN = {
    "last": -1,
    "previous": -1,
    "past": -1,
    "prior": -1,
    "this": 0,
    "current": 0,
    "next": 1,
}
_RELATIVE_KO: dict[str, tuple[str, int]] = {
    "지난달": ("month", -1), "지난 달": ("month", -1), "전월": ("month", -1), "전달": ("month", -1),
    "이번 달": ("month", 0), "이번달": ("month", 0), "이달": ("month", 0), "당월": ("month", 0),
    "다음 달": ("month", 1), "다음달": ("month", 1),
    "올해": ("year", 0), "금년": ("year", 0), "작년": ("year", -1), "지난해": ("year", -1),
    "지난 해": ("year", -1), "내년": ("year", 1),
    "지난 분기": ("quarter", -1), "지난분기": ("quarter", -1), "전 분기": ("quarter", -1),
    "이번 분기": ("quarter", 0), "이번분기": ("quarter", 0),
}  # fmt: skip
_RELATIVE_WORDS = {
    ("month", -1): ("last month", "지난달"),
    ("month", 0): ("this month", "이번 달"),
    ("month", 1): ("next month", "다음 달"),
    ("year", -1): ("last year", "작년"),
    ("year", 0): ("this year", "올해"),
    ("year", 1): ("next year", "내년"),
    ("quarter", -1): ("last quarter", "지난 분기"),
    ("quarter", 0): ("this quarter", "이번 분기"),
    ("quarter", 1): ("next quarter", "다음 분기"),
}


def _relative(unit: str, offset: int, typed: str, ctx: _Ctx) -> PeriodSpec:
    today, words = ctx.today, _RELATIVE_WORDS[(unit, offset)]
    if unit == "month":
        index = today.year * 12 + today.month - 1 + offset
        return month_spec(index // 12, index % 12 + 1, typed, relative=words)
    if unit == "year":
        to_date = offset == 0  # "this year" is the year so far
        return year_spec(today.year + offset, typed, today=today, to_date=to_date, relative=words)
    index = today.year * 4 + (today.month - 1) // 3 + offset
    return quarter_spec(index // 4, index % 4 + 1, typed, today=today, relative=words)


@_rule(
    r"(?<![a-z])(last|previous|past|prior|this|current|next)\s+(month|year|quarter)(?![a-z])",
    needs_digit=False,
)
def _relative_en(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    return _relative(match[2], _RELATIVE_EN[match[1]], match[0], ctx)


@_rule(
    "|".join(sorted((re.escape(k) for k in _RELATIVE_KO), key=len, reverse=True)), needs_digit=False
)
def _relative_ko(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    unit, offset = _RELATIVE_KO[match[0]]
    return _relative(unit, offset, match[0], ctx)


# -- bare months and years -----------------------------------------------------------------------
@_rule(_MON, needs_digit=False)
def _bare_month(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    if match[1] == "may" and not _may_is_month(match, ctx):
        return None
    return month_of_year_spec(_MONTHS[match[1]], match[0])


def _may_is_month(match: re.Match[str], ctx: _Ctx) -> bool:
    """ "May" the month, not the verb: after "in/since/for..." or at the very end of the text,
    or capitalised mid-sentence ("exports in May", "exports May"; not "may exports rise?")."""
    before = ctx.raw[: match.start()]
    if _MAY_CONTEXT.search(before.lower()):
        return True
    if not ctx.raw[match.end() :].strip(" ?!.,"):
        return bool(before.strip())
    typed = ctx.raw[match.start() : match.start() + 3]
    return typed == "May" and bool(before.strip()) and not before.rstrip().endswith((".", "?", "!"))


@_rule(r"(?<!\d)(\d{1,2})\s*월(?!\s*\d)")
def _bare_month_ko(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    return month_of_year_spec(int(match[1]), match[0])


@_rule(
    r"(?:(?<![a-z])(?:in|for|during|year|throughout|calendar\s+year|cy|fy)\s+)(\d{4,6})(?![\d.\-/])"
)
def _year_context(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    year = int(match[1])
    if year < 1000:
        return None
    return year_spec(year, match[0], today=ctx.today)


@_rule(r"(\d{2,6})\s*년(?!\s*\d)")
def _year_ko(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    return year_spec(_year(match[1], ctx.today), match[0], today=ctx.today)


@_rule(r"(?<![\d.,/:\-])(19\d{2}|20\d{2})(?![\d.,/:]|-\d)")
def _year_bare(match: re.Match[str], ctx: _Ctx) -> PeriodSpec | None:
    return year_spec(int(match[1]), match[0], today=ctx.today)


@functools.cache
def _compiled_rules() -> list[tuple[re.Pattern[str], _Handler, bool]]:
    """Compiled on first use: compiling ~40 patterns costs ~20 ms, not worth paying at import."""
    return [(re.compile(pattern), handler, digit) for pattern, handler, digit in _RULES]


# -- scanning ----------------------------------------------------------------------------------
def scan_periods(raw: str, lowered: str, today: dt.date) -> PeriodScan:
    """Find every period in `lowered` (the lower-cased `raw`), first rule first.

    A rule's match is blanked out of the text before the next rule runs, so "Jan 2021"
    is read once, as a month, and never again as "Jan" plus a year.
    """
    ctx = _Ctx(today, raw)
    text = lowered
    hits: list[PeriodHit] = []
    year_ago = False
    has_digit = _DIGIT_RE.search(text) is not None
    for pattern, handler, needs_digit in _compiled_rules():
        if needs_digit and not has_digit:
            continue
        for match in list(pattern.finditer(text)):
            if not match[0].strip():
                continue
            if handler is _year_ago:
                year_ago = True
            else:
                spec = handler(match, ctx)
                if spec is None:
                    continue
                hits.append(PeriodHit(spec, match.start(), match.end()))
            text = text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]
    hits.sort(key=lambda h: h.start)
    return PeriodScan(tuple(hits), text, year_ago)
