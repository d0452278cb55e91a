"""The vocabulary of the period rules: month names, number words, and the rule registry.

`period_rules` registers its rules here with `@rule`, in the order they must run;
`compiled_rules()` compiles them once, on first use, so importing costs nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import NamedTuple

from kortrade.intents.model import PeriodSpec

__all__ = [
    "MAY_CONTEXT",
    "MONTHS",
    "MON_RE",
    "NUMBER_WORDS",
    "NUM_RE",
    "ORDINAL",
    "ORD_RE",
    "RELATIVE_EN",
    "RELATIVE_KO",
    "RELATIVE_WORDS",
    "TO_RE",
    "Ctx",
    "Handler",
    "Yearless",
    "bare_year_for",
    "compiled_rules",
    "ended_year_for",
    "has_digit",
    "rule",
    "typed_year",
]

MONTHS: dict[str, int] = {
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
MON_RE = "(?<![a-z])(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")(?![a-z])\.?"
NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty four": 24,
    "twenty-four": 24, "thirty six": 36, "thirty-six": 36,
}  # fmt: skip
NUM_RE = r"(\d{1,4}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
ORDINAL = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}
ORD_RE = r"(first|second|third|fourth|1st|2nd|3rd|4th)"
DIGIT_RE = re.compile(r"\d")
TO_RE = r"\s*(?:to|through|thru|until|till|-|–|~)\s*"
# Words after which "may" is the month, not the verb ("in May", "since May").
MAY_CONTEXT = re.compile(
    r"(?:in|for|of|since|during|from|until|till|through|by|last|this|next|early|late|mid|"
    r"before|after|between|and|to|vs|versus|over)\s*$"
)


class Ctx(NamedTuple):
    today: dt.date
    raw: str


class Yearless(NamedTuple):
    """A period said without a year ("1~9월", "Q1", "January"): `build(year)` gives it a year
    when another phrase names one ("올해 1~9월", "Q1 last year"); otherwise `default` stands."""

    build: Callable[[int], PeriodSpec]
    default: PeriodSpec


Handler = Callable[[re.Match[str], Ctx], PeriodSpec | Yearless | None]
RULES: list[tuple[str, Handler, bool]] = []


def rule(pattern: str, *, needs_digit: bool = True) -> Callable[[Handler], Handler]:
    """Register a rule; `needs_digit` rules are skipped for text without digits (most are)."""

    def register(handler: Handler) -> Handler:
        RULES.append((pattern, handler, needs_digit))
        return handler

    return register


def typed_year(text: str, today: dt.date) -> int:
    """A typed year: two digits pivot around next year ('21 -> 2021, '99 -> 1999); any other
    length is taken as written, so "0년" is year 0 (invalid), not 2000."""
    digits = text.strip("'’ ")
    value = int(digits)
    if len(digits) == 2:
        value += 2000 if 2000 + value <= today.year + 1 else 1900
    return value


def bare_year_for(first_month: int, today: dt.date) -> int:
    """The year of a yearless month range ("3~6월"): this year once it has begun, else last year."""
    return today.year if first_month <= today.month else today.year - 1


def ended_year_for(last_month: int, today: dt.date) -> int:
    """The year of a yearless quarter or half ("1분기", "H1"): the latest one that has ended."""
    return today.year if last_month < today.month else today.year - 1


RELATIVE_EN = {
    "last": -1,
    "previous": -1,
    "past": -1,
    "prior": -1,
    "this": 0,
    "current": 0,
    "next": 1,
}
RELATIVE_KO: dict[str, tuple[str, int]] = {
    "지난달": ("month", -1), "지난 달": ("month", -1), "전월": ("month", -1), "전달": ("month", -1),
    "이번 달": ("month", 0), "이번달": ("month", 0), "이달": ("month", 0), "당월": ("month", 0),
    "다음 달": ("month", 1), "다음달": ("month", 1),
    "올해": ("year", 0), "금년": ("year", 0), "작년": ("year", -1), "지난해": ("year", -1),
    "재작년": ("year", -2), "지지난해": ("year", -2), "지지난 해": ("year", -2),
    "지지난달": ("month", -2), "지지난 달": ("month", -2),
    "지난 해": ("year", -1), "내년": ("year", 1),
    "지난 분기": ("quarter", -1), "지난분기": ("quarter", -1), "전 분기": ("quarter", -1),
    "이번 분기": ("quarter", 0), "이번분기": ("quarter", 0),
}  # fmt: skip
RELATIVE_WORDS = {
    ("month", -1): ("last month", "지난달"),
    ("month", 0): ("this month", "이번 달"),
    ("month", 1): ("next month", "다음 달"),
    ("year", -1): ("last year", "작년"),
    ("year", -2): ("the year before last", "재작년"),
    ("month", -2): ("two months ago", "지지난달"),
    ("year", 0): ("this year", "올해"),
    ("year", 1): ("next year", "내년"),
    ("quarter", -1): ("last quarter", "지난 분기"),
    ("quarter", 0): ("this quarter", "이번 분기"),
    ("quarter", 1): ("next quarter", "다음 분기"),
}


def has_digit(text: str) -> bool:
    return DIGIT_RE.search(text) is not None


@functools.cache
def compiled_rules() -> list[tuple[re.Pattern[str], Handler, bool]]:
    """Compiled on first use: compiling ~40 patterns costs ~20 ms, not worth paying at import."""
    return [(re.compile(pattern), handler, digit) for pattern, handler, digit in RULES]
