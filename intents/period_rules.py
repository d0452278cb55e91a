"""The fast path's rules: one regular expression per way of writing a period, in order.

The longest forms (ranges, trailing windows, full dates) live in `period_rules_early`,
imported here first so they register, and run, before the rules below.

`periods.scan_periods` runs them first to last; each match is blanked out before the next
rule runs, so the most specific forms (ranges, full dates, "Jan 2021") come before the
bare ones ("Jan", "2021"). A bare number is a year only when it is 19xx/20xx or a word
says so ("in 1850", "2021년"), so "top 5", "HS 8542" and "12 months" never become years.
Rules for yearless forms ("Q1", "3~6월", "January") return a `Yearless` that a year
said elsewhere in the question can complete ("Q1 last year", "올해 1~9월").
"""

from __future__ import annotations

import re

from kortrade.intents.model import PeriodSpec
from kortrade.intents.period_grammar import (
    MAY_CONTEXT,
    MON_RE,
    MONTHS,
    ORD_RE,
    ORDINAL,
    RELATIVE_EN,
    RELATIVE_KO,
    RELATIVE_WORDS,
    Ctx,
    Handler,
    Yearless,
    ended_year_for,
    rule,
    typed_year,
)

# Importing it registers the ranges, windows and full dates first: they must claim their
# text before the quarters, months and years below.
from kortrade.intents.period_rules_early import MONTH_AGO, YEAR_AGO
from kortrade.intents.spans import (
    half_spec,
    invalid_spec,
    month_of_year_spec,
    month_spec,
    quarter_spec,
    year_spec,
)

__all__ = ["ANCHORS", "MONTH_AGO", "YEAR_AGO"]


# -- quarters and halves -------------------------------------------------------------------------
@rule(
    r"(?<![a-z\d])(?:q(\d{1,2})\s*[-/]?\s*'?(\d{4}|\d{2}(?!\d))?|(\d)\s*q\s*'?(\d{4}|\d{2}(?!\d))?|"
    r"(\d{4})\s*[-/]?\s*q(\d{1,2}))(?![a-z\d])"
)
def _quarter(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    """ "Q1 2021", "1Q21", "2021Q1"; "Q5 2021" is an impossible quarter (invalid), never the
    year 2021 with the "Q5" dropped. A bare "5q" is not read as a quarter at all."""
    quarter = int(match[1] or match[3] or match[6])
    year_text = match[2] or match[4] or match[5]
    if match[3] and not year_text and not 1 <= quarter <= 4:
        return None
    return _quarter_of(
        quarter, typed_year(year_text, ctx.today) if year_text else None, match[0], ctx
    )


def _quarter_of(quarter: int, year: int | None, typed: str, ctx: Ctx) -> PeriodSpec | Yearless:
    def build(year: int) -> PeriodSpec:
        return quarter_spec(year, quarter, typed, today=ctx.today)

    if year is None:
        return Yearless(build, build(ended_year_for(3 * quarter, ctx.today)))
    return build(year)


def _half_of(half: int, year: int | None, typed: str, ctx: Ctx) -> PeriodSpec | Yearless:
    def build(year: int) -> PeriodSpec:
        return half_spec(year, half, typed, today=ctx.today)

    if year is None:
        return Yearless(build, build(ended_year_for(6 * half, ctx.today)))
    return build(year)


@rule(rf"(?:the\s+)?{ORD_RE}\s+quarter(?:\s+(?:of\s+|in\s+)?(\d{{4}}))?", needs_digit=False)
def _quarter_words(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    return _quarter_of(ORDINAL[match[1]], int(match[2]) if match[2] else None, match[0], ctx)


@rule(r"(?:(\d{1,4})\s*년\s*)?(?<!\d)(\d{1,2})\s*분기")
def _quarter_ko(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    """ "2021년 1분기", "1분기"; "2021년 5분기" is invalid, a yearless "5분기" a count
    ("5분기 연속"), not a period."""
    year = typed_year(match[1], ctx.today) if match[1] else None
    quarter = int(match[2])
    if year is None and not 1 <= quarter <= 4:
        return None
    return _quarter_of(quarter, year, match[0], ctx)


@rule(
    r"(?<![a-z\d])(?:h(\d{1,2})\s*[-/]?\s*'?(\d{4}|\d{2}(?!\d))?|(\d)\s*h\s*'?(\d{4}|\d{2}(?!\d))?|"
    r"(\d{4})\s*[-/]?\s*h(\d{1,2}))(?![a-z\d])"
)
def _half(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    """ "H1 2021", "2H20", "2021H2"; "H3 2021" is invalid, and a bare "5h" is no half."""
    half = int(match[1] or match[3] or match[6])
    year_text = match[2] or match[4] or match[5]
    if match[3] and not year_text and half not in (1, 2):
        return None
    return _half_of(half, typed_year(year_text, ctx.today) if year_text else None, match[0], ctx)


@rule(r"(?:the\s+)?(first|second|1st|2nd)\s+half(?:\s+(?:of\s+|in\s+)?(\d{4}))?", needs_digit=False)
def _half_words(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    return _half_of(ORDINAL[match[1]], int(match[2]) if match[2] else None, match[0], ctx)


@rule(r"(?:(\d{1,4})\s*년\s*)?(상|하)\s*반기", needs_digit=False)
def _half_ko(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    year = typed_year(match[1], ctx.today) if match[1] else None
    return _half_of(1 if match[2] == "상" else 2, year, match[0], ctx)


# -- year to date ------------------------------------------------------------------------------
@rule(
    r"(?<![\d.\-/])([12]\d{3})\s*(?:so\s+far|to\s+date|ytd|year[\s-]+to[\s-]+date)|"
    r"(?:year[\s-]+to[\s-]+date|ytd)\s*(?:in\s+|for\s+|of\s+)?([12]\d{3})(?![\d.\-/])"
)
def _ytd_year(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    return year_spec(int(match[1] or match[2]), match[0], today=ctx.today, to_date=True)


@rule(r"(\d{2,4})\s*년\s*(?:들어|누계|누적)")
def _ytd_ko_year(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    return year_spec(typed_year(match[1], ctx.today), match[0], today=ctx.today, to_date=True)


@rule(
    r"(?:so\s+far\s+this\s+year|this\s+year\s+so\s+far|this\s+year\s+to\s+date|"
    r"year[\s-]+to[\s-]+date|ytd|so\s+far|올해\s*(?:들어|누계|누적|지금까지)|연초\s*(?:이후|부터|대비)?"
    r"(?:\s*지금까지)?|누계|누적|지금까지)",
    needs_digit=False,
)
def _ytd(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    return year_spec(
        ctx.today.year,
        match[0],
        today=ctx.today,
        to_date=True,
        relative=("year to date", "올해 누계"),
    )


# -- months with a year ------------------------------------------------------------------------
@rule(r"(?<![\d.\-/])([12]\d{3})\s*[-./]\s*(\d{1,2})(?![\d])(?!\s*[-./]\s*\d)")
def _month_iso(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    return month_spec(int(match[1]), int(match[2]), match[0])


@rule(r"(?<![\d.\-/])(\d{1,2})\s*[/.-]\s*(\d{4})(?![\d])")
def _month_slash(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    return month_spec(int(match[2]), int(match[1]), match[0])


@rule(rf"{MON_RE}\s*[,'’-]?\s*(?:of\s+|in\s+)?['’]?(\d{{4,6}}|\d{{2}})(?!\d)")
def _month_name_year(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    return month_spec(typed_year(match[2], ctx.today), MONTHS[match[1]], match[0])


@rule(rf"(?<![\d.\-/])(\d{{4}})\s*[,-]?\s*{MON_RE}")
def _year_month_name(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    return month_spec(int(match[1]), MONTHS[match[2]], match[0])


@rule(r"(\d{1,6})\s*년\s*(\d{1,2})\s*월")
def _month_ko(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    """ "2021년 1월", "21년 1월"; "0년 1월" is year 0, invalid, never a bare January."""
    return month_spec(typed_year(match[1], ctx.today), int(match[2]), match[0])


# -- relative ----------------------------------------------------------------------------------
def _relative(unit: str, offset: int, typed: str, ctx: Ctx) -> PeriodSpec:
    today, words = ctx.today, RELATIVE_WORDS[(unit, offset)]
    if unit == "month":
        index = today.year * 12 + today.month - 1 + offset
        return month_spec(index // 12, index % 12 + 1, typed, relative=words)
    if unit == "year":
        to_date = offset == 0  # "this year" is the year so far
        return year_spec(today.year + offset, typed, today=today, to_date=to_date, relative=words)
    index = today.year * 4 + (today.month - 1) // 3 + offset
    return quarter_spec(index // 4, index % 4 + 1, typed, today=today, relative=words)


@rule(
    r"(?<![a-z])(last|previous|past|prior|this|current|next)\s+(month|year|quarter)(?![a-z])",
    needs_digit=False,
)
def _relative_en(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    return _relative(match[2], RELATIVE_EN[match[1]], match[0], ctx)


@rule(r"(?<![a-z])(?:the\s+)?year\s+before\s+last(?![a-z])", needs_digit=False)
def _year_before_last(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    return _relative("year", -2, match[0], ctx)


@rule(
    "|".join(sorted((re.escape(k) for k in RELATIVE_KO), key=len, reverse=True)), needs_digit=False
)
def _relative_ko(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    unit, offset = RELATIVE_KO[match[0]]
    return _relative(unit, offset, match[0], ctx)


# -- bare months and years -----------------------------------------------------------------------
@rule(MON_RE, needs_digit=False)
def _bare_month(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    if match[1] == "may" and not _may_is_month(match, ctx):
        return None
    return _month_of(MONTHS[match[1]], match[0])


def _month_of(month: int, typed: str) -> Yearless:
    """A bare "January": the latest January with data, unless a year is said elsewhere."""
    return Yearless(lambda year: month_spec(year, month, typed), month_of_year_spec(month, typed))


def _may_is_month(match: re.Match[str], ctx: Ctx) -> bool:
    """ "May" the month, not the verb: after "in/since/for..." or at the very end of the text,
    or capitalised mid-sentence ("exports in May", "exports May"; not "may exports rise?")."""
    before = ctx.raw[: match.start()]
    if MAY_CONTEXT.search(before.lower()):
        return True
    if not ctx.raw[match.end() :].strip(" ?!.,"):
        return bool(before.strip())
    typed = ctx.raw[match.start() : match.start() + 3]
    return typed == "May" and bool(before.strip()) and not before.rstrip().endswith((".", "?", "!"))


@rule(r"(?<!\d)(\d{1,2})\s*월")
def _bare_month_ko(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    return _month_of(int(match[1]), match[0])


@rule(
    r"(?:(?<![a-z])(?:in|for|during|year|throughout|calendar\s+year|cy|fy)\s+)(\d{4,6})(?![\d.\-/])"
)
def _year_context(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    year = int(match[1])
    if year < 1000:
        return None
    return year_spec(year, match[0], today=ctx.today)


@rule(r"(\d{2,6})\s*년(?!\s*\d)")
def _year_ko(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    return year_spec(typed_year(match[1], ctx.today), match[0], today=ctx.today)


@rule(
    r"(?<![\d.,/:#\-])(?<!hs)(?<!hs )(?<!code )(?<!top )(?<!bottom )([12]\d{3}|\d{5,6})"
    r"(?![\d.,/:%]|-\d|\s*(?:items?|products?|partners?|countries|usd|dollars?|bn|billion|"
    r"million|won|개|억|만|원|달러|위))"
)
def _year_bare(match: re.Match[str], ctx: Ctx) -> PeriodSpec | Yearless | None:
    """A bare 1000-2999 is a year ("exports 1850", the answer says when data starts); a bare
    5-6 digit number is a year no calendar has. HS codes ("HS 2710") and counts are not."""
    number = int(match[1])
    if number >= 10000:
        return invalid_spec(match[0])
    return year_spec(number, match[0], today=ctx.today)


# The rules whose whole-year span can give a yearless period its year ("올해 1~9월",
# "Q1 last year", "January ... in 2021").
ANCHORS: frozenset[Handler] = frozenset(
    {_relative_en, _relative_ko, _ytd, _ytd_year, _ytd_ko_year, _year_context, _year_ko, _year_bare}
)
