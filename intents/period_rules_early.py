"""The rules that must run first: year-ago markers, "N months ago", ranges, trailing
windows and full dates.

They are the longest forms, so they claim their characters before the single-period
rules in `period_rules` see them: "March to June 2020" is one range, never "March" plus
"June 2020", and "12 months ago" is never a 12-month window. `period_rules` imports this
module before registering its own rules, which is what keeps this order.
"""

from __future__ import annotations

import re

from kortrade.intents.model import PeriodSpec
from kortrade.intents.period_grammar import (
    MON_RE,
    MONTHS,
    NUM_RE,
    NUMBER_WORDS,
    TO_RE,
    Ctx,
    Handler,
    Yearless,
    bare_year_for,
    rule,
    typed_year,
)
from kortrade.intents.spans import (
    invalid_spec,
    month_spec,
    range_spec,
    trailing_spec,
    valid_day,
)

__all__ = ["MONTH_AGO", "YEAR_AGO"]


# -- year-ago comparisons (before "last year" is read as a period) --------------------------
@rule(
    r"(?:(?:the\s+)?same\s+(?:month|period)\s+(?:of\s+)?(?:last\s+year|a\s+year\s+(?:ago|earlier|before)"
    r"|the\s+(?:previous|prior)\s+year)|a\s+year\s+(?:ago|earlier|before)|"
    r"the\s+year\s+before(?!\s+last)|"
    r"(?:compared\s+(?:with|to)|vs\.?|versus|against)\s+(?:the\s+)?(?:previous|prior|last)\s+year)|"
    r"전년\s*동월|전년\s*동기|작년\s*같은\s*(?:달|기간)|1년\s*전|일\s*년\s*전",
    needs_digit=False,
)
def _year_ago(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    return None  # marker: handled by scan_periods


# -- month-on-month comparisons (before "previous month" / "전월" is read as a period) -------
@rule(
    r"month[\s-]+on[\s-]+month|(?<![a-z])m/m(?![a-z])|(?<![a-z])mom(?![a-z])|"
    r"(?:from|on|over)\s+(?:the\s+|a\s+)?(?:previous|prior|preceding)\s+month|"
    r"(?:compared\s+(?:with|to)|vs\.?|versus|against)\s+(?:the\s+)?(?:previous|prior|last)\s+month|"
    r"(?:전월|전달|지난달)\s*(?:대비|비)",
    needs_digit=False,
)
def _month_ago(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    return None  # marker: handled by scan_periods


# -- "N months ago" (dateparser could, at ~1-5 ms a call; this is subtraction) ----------------
@rule(
    rf"(?<![a-z\d]){NUM_RE}\s+(months?|years?)\s+ago(?![a-z])|(?<!\d)(\d{{1,3}})\s*(개월|달|년)\s*전",
    needs_digit=False,
)
def _ago(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    count_text, unit = (match[1], match[2]) if match[1] else (match[3], match[4])
    count = NUMBER_WORDS.get(count_text) or int(count_text)
    months = count * 12 if unit.startswith("year") or unit == "년" else count
    index = ctx.today.year * 12 + ctx.today.month - 1 - months
    if months > 12 * 9000:
        return invalid_spec(match[0])
    words = f"{count} {'months' if months == count else 'years'} ago"
    words_ko = f"{count}{'개월' if months == count else '년'} 전"
    return month_spec(index // 12, index % 12 + 1, match[0], relative=(words, words_ko))


@rule(
    r"\bthe\s+month\s+before\s+last\b|지지난\s*달|지지난\s*월|전전\s*달|전전\s*월",
    needs_digit=False,
)
def _month_before_last(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    """ "the month before last" / "지지난달": two months ago, said in words."""
    index = ctx.today.year * 12 + ctx.today.month - 1 - 2
    return month_spec(index // 12, index % 12 + 1, match[0], relative=("2 months ago", "2개월 전"))


# -- ranges ------------------------------------------------------------------------------------
@rule(
    rf"(?:from\s+|between\s+)?{MON_RE}\s*,?\s*(?:'?(\d{{4}}|\d{{2}}))?{TO_RE}{MON_RE}\s*,?\s*'?(\d{{4}}|\d{{2}}(?!\d))?",
    needs_digit=False,
)
def _range_names(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    return _month_range(match[1], match[2], match[3], match[4], match[0], ctx)


def _month_range(
    first: str, first_year: str | None, last: str, last_year: str | None, typed: str, ctx: Ctx
) -> PeriodSpec | Yearless:
    """ "March to June 2020", "Nov 2020 - Feb 2021", "3~6월": a year said once covers both
    ends, and a range that wraps ("November to February") starts the year before."""
    m1 = MONTHS[first] if first in MONTHS else int(first)
    m2 = MONTHS[last] if last in MONTHS else int(last)
    y1 = typed_year(first_year, ctx.today) if first_year else None
    y2 = typed_year(last_year, ctx.today) if last_year else None
    wraps = 1 if m1 > m2 else 0
    if y1 is None and y2 is None:

        def build(year: int) -> PeriodSpec:
            return range_spec((year - wraps, m1), (year, m2), typed, today=ctx.today)

        return Yearless(build, build(bare_year_for(min(m2, 12), ctx.today)))
    if y2 is None:
        y2 = (y1 or 0) + wraps
    if y1 is None:
        y1 = y2 - wraps
    return range_spec((y1, m1), (y2, m2), typed, today=ctx.today)


@rule(
    r"between\s+" + MON_RE + r"\s+and\s+" + MON_RE + r"\s*,?\s*'?(\d{4}|\d{2}(?!\d))?",
    needs_digit=False,
)
def _range_between_names(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    return _month_range(match[1], None, match[2], match[3], match[0], ctx)


@rule(
    r"(?:from\s+|between\s+)?(?<![\d.])([12]\d{3})[-./](\d{1,2})"
    + TO_RE.replace("-|", "")
    + r"([12]\d{3})[-./](\d{1,2})(?![\d.])|(?:between\s+)([12]\d{3})[-./](\d{1,2})\s+and\s+"
    r"([12]\d{3})[-./](\d{1,2})(?![\d.])"
)
def _range_iso(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    parts = [p for p in match.groups() if p is not None]
    y1, m1, y2, m2 = (int(p) for p in parts)
    return range_spec((y1, m1), (y2, m2), match[0], today=ctx.today)


@rule(
    r"(?:from\s+|between\s+)?(?<![\d.\-/])([12]\d{3})\s*(?:to|through|thru|until|till|-|–|~|and)"
    r"\s*([12]\d{3})(?![\d.\-/]|\s*년)"
)
def _range_years(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    if " and" in match[0] and not match[0].startswith("between"):
        return None  # "2020 and 2021" compares two years
    y1, y2 = int(match[1]), int(match[2])
    return range_spec((y1, 1), (y2, 12), match[0], today=ctx.today)


@rule(
    r"(?:(\d{1,4})\s*년\s*)?(?<!\d)(\d{1,2})\s*월?\s*(?:~|-|–|부터|에서)\s*(?:(\d{1,4})\s*년\s*)?"
    r"(\d{1,2})\s*월(?:\s*까지)?"
)
def _range_ko(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    return _month_range(match[2], match[1], match[4], match[3], match[0], ctx)


@rule(
    rf"(?:since|starting)\s+{MON_RE}\s*,?\s*'?(\d{{4}}|\d{{2}}(?!\d))|(?:since|starting)\s+"
    r"(?:(?:the\s+)?start\s+of\s+)?([12]\d{3})(?![\d\-/.])"
)
def _since(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    start = (typed_year(match[2], ctx.today), MONTHS[match[1]]) if match[1] else (int(match[3]), 1)
    end = (ctx.today.year, ctx.today.month)
    return range_spec(start, end, match[0], today=ctx.today, since=True)


@rule(r"(\d{2,4})\s*년\s*(?:(\d{1,2})\s*월\s*)?(?:부터|이후|이래)")
def _since_ko(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    start = (typed_year(match[1], ctx.today), int(match[2]) if match[2] else 1)
    end = (ctx.today.year, ctx.today.month)
    return range_spec(start, end, match[0], today=ctx.today, since=True)


# -- trailing windows --------------------------------------------------------------------------
@rule(
    rf"(?:(?:the\s+)?(?:last|past|previous|trailing|recent|latest)\s+){NUM_RE}[\s-]+"
    r"(months?|years?|quarters?)|(?<![\d.])(\d{1,4})[\s-]*(months?)\b(?!\s+ago)",
    needs_digit=False,
)
def _trailing(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    count_text, unit = (match[1], match[2]) if match[1] else (match[3], match[4])
    count = NUMBER_WORDS.get(count_text) or int(count_text)
    factor = 12 if unit.startswith("year") else 3 if unit.startswith("quarter") else 1
    return trailing_spec(count * factor, match[0])


@rule(
    r"(?:the\s+)?(?:past|last)\s+(?:12\s+months\s+)?year(?!\s*(?:on|to))|"
    r"(?:the\s+)?(?:past|last)\s+twelve\s+months",
    needs_digit=False,
)
def _past_year(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    if match[0].strip().startswith("last") and "twelve" not in match[0]:
        return None  # "last year" is the previous calendar year
    return trailing_spec(12, match[0])


@rule(
    r"(?:최근|지난|과거)\s*(\d{1,4})\s*(개월|달|년|분기)(?:\s*간|\s*동안)?|(?<!\d)(\d{1,4})\s*개월(?:\s*간|\s*동안)?(?!\s*전)"
)
def _trailing_ko(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    count_text, unit = (match[1], match[2]) if match[1] else (match[3], "개월")
    factor = 12 if unit == "년" else 3 if unit == "분기" else 1
    return trailing_spec(int(count_text) * factor, match[0])


# -- full dates (the day only validates; data is monthly) ---------------------------------------
def _day_spec(year: int, month: int, day: int, typed: str) -> PeriodSpec:
    if not valid_day(year, month, day):
        return invalid_spec(typed)
    return month_spec(year, month, typed)


@rule(r"(?<![\d.])(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?![\d])")
def _date_iso(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    return _day_spec(int(match[1]), int(match[2]), int(match[3]), match[0])


@rule(rf"{MON_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(\d{{4,6}})(?!\d)")
def _date_mdy(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    return _day_spec(int(match[3]), MONTHS[match[1]], int(match[2]), match[0])


@rule(rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MON_RE}\s*,?\s*(\d{{4,6}})(?!\d)")
def _date_dmy(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    return _day_spec(int(match[3]), MONTHS[match[2]], int(match[1]), match[0])


@rule(r"(\d{1,4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일")
def _date_ko(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    return _day_spec(typed_year(match[1], ctx.today), int(match[2]), int(match[3]), match[0])


@rule(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?![\d/.])")
def _date_slashes(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    first, second, year = int(match[1]), int(match[2]), int(match[3])
    if first <= 12:  # US order (month/day/year) when it can be
        return _day_spec(year, first, second, match[0])
    return _day_spec(year, second, first, match[0])


# The marker rules for "compared with a year ago" / "with the month before" (scan_periods
# sets `year_ago` / `month_ago`, no period).
YEAR_AGO: Handler = _year_ago
MONTH_AGO: Handler = _month_ago
