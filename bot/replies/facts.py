"""Wording of streak, first-in and record facts in English and Korean.

The facts engine (`kortrade.data.facts`) decides what is true; this module only says
it. Whenever a scan stopped at a gap or at the first stored month, the phrase says
"at least" and names why ("no growth figure for November 2020", "records here begin
November 2018"): a bare number would claim more than the data shows.
"""

from __future__ import annotations

from collections.abc import Iterable

from kortrade.bot.replies.phrases import (
    month_name,
    month_of_year,
    months_count,
    ordinal,
    years_count,
)
from kortrade.data.facts import Fact, FirstIn, Record, Streak
from kortrade.months import add_months, parse_month

__all__ = ["phrase_fact", "phrase_facts"]

_STREAK_EN = {
    "rise": "up for {n} in a row",
    "decline": "down for {n} in a row",
    "double_digit_rise": "double-digit growth for {n} in a row",
    "double_digit_decline": "double-digit decline for {n} in a row",
    "surplus": "in surplus for {n} in a row",
    "deficit": "in deficit for {n} in a row",
}
_STREAK_KO = {
    "rise": "{n} 연속 증가",
    "decline": "{n} 연속 감소",
    "double_digit_rise": "{n} 연속 두 자릿수 증가",
    "double_digit_decline": "{n} 연속 두 자릿수 감소",
    "surplus": "{n} 연속 흑자",
    "deficit": "{n} 연속 적자",
}
_FIRST_KO = {
    "rise": "증가 전환",
    "decline": "감소 전환",
    "surplus": "흑자 전환",
    "deficit": "적자 전환",
}


def _on_growth(fact: Streak | FirstIn | Record) -> bool:
    """Whether the fact reads growth (else levels): a gap is named by what is missing."""
    if isinstance(fact, Record):
        return fact.measure == "growth"
    return fact.kind not in ("surplus", "deficit")


def _why(fact: Streak | FirstIn | Record, lang: str) -> str:
    """Why a count is only a lower bound: the history's start, or the month that lacks the
    measure the fact reads (a month may state growth but no level, or a level but no
    growth, so "no figure" would be false)."""
    if fact.reason == "start":
        start = month_name(fact.history_start, lang)
        return f" (자료 시작: {start})" if lang == "ko" else f" (records here begin {start})"
    missing = month_name(fact.stop, lang)
    if lang == "ko":
        return f" ({missing} {'증감률' if _on_growth(fact) else '금액'} 자료 없음)"
    return f" (no {'growth' if _on_growth(fact) else 'dollar'} figure for {missing})"


def _streak(fact: Streak, lang: str) -> str:
    if lang == "ko":
        count = months_count(fact.months, "ko")
        text = _STREAK_KO[fact.kind].format(n=("최소 " if fact.at_least else "") + count)
    elif fact.at_least:
        text = _STREAK_EN[fact.kind].format(n=f"at least {months_count(fact.months)}")
    else:
        text = _STREAK_EN[fact.kind].format(n=f"the {ordinal(fact.months)} month")
    return text + (_why(fact, lang) if fact.at_least else "")


def _first_in(fact: FirstIn, lang: str) -> str:
    if lang == "ko":
        lead = "최소 " if fact.at_least else ""
        text = f"{lead}{months_count(fact.months, 'ko')} 만에 {_FIRST_KO[fact.kind]}"
    else:
        lead = "at least " if fact.at_least else ""
        text = f"the first {fact.kind} in {lead}{months_count(fact.months)}"
    return text + (_why(fact, lang) if fact.at_least else "")


def _superlative(fact: Record, balance: bool, lang: str) -> str:
    if fact.measure == "growth":
        if lang == "ko":
            return "최대 증가율" if fact.direction == "high" else "최대 감소율"
        return "fastest rise" if fact.direction == "high" else "steepest fall"
    if balance:
        if lang == "ko":
            return "최대 흑자" if fact.direction == "high" else "최대 적자"
        return "largest surplus" if fact.direction == "high" else "largest deficit"
    if lang == "ko":
        return "최고" if fact.direction == "high" else "최저"
    return "highest" if fact.direction == "high" else "lowest"


def _record(fact: Record, lang: str, *, balance: bool) -> str:
    word = _superlative(fact, balance, lang)
    prefix = ""
    if fact.calendar:
        month = month_of_year(parse_month(add_months(fact.stop, fact.months))[1], lang)
        if lang == "ko":
            prefix = f"{month} 기준 "
        else:
            first, _, rest = word.partition(" ")
            word = f"{first} {month} {rest}".strip()
    if fact.since is not None:
        if fact.calendar:
            year = parse_month(fact.since)[0]
            when = f"{year}년" if lang == "ko" else str(year)
        else:
            when = month_name(fact.since, lang)
        return f"{prefix}{when} 이후 {word}" if lang == "ko" else f"the {word} since {when}"
    # Long spans read better in years; flooring keeps "at least" true.
    if fact.calendar or fact.months >= 24:
        span = years_count(fact.months // 12, lang)
    else:
        span = months_count(fact.months, lang)
    if fact.on_record and fact.measure == "value":
        text = f"{prefix}집계 이래 {word}" if lang == "ko" else f"the {word} on record"
    elif lang == "ko":
        text = f"{prefix}최소 {span} 만의 {word}"
    else:
        text = f"the {word} in at least {span}"
    return text + _why(fact, lang)


def phrase_fact(fact: Fact, lang: str = "en", *, balance: bool = False) -> str:
    """One fact as a clause ("up for the 3rd month in a row" / "3개월 연속 증가").

    `balance` words value records of a trade balance as surpluses and deficits.
    """
    lang = "ko" if lang == "ko" else "en"
    if isinstance(fact, Streak):
        return _streak(fact, lang)
    if isinstance(fact, FirstIn):
        return _first_in(fact, lang)
    return _record(fact, lang, balance=balance)


def phrase_facts(
    facts: Iterable[Fact], lang: str = "en", *, balance: bool = False, notable_only: bool = True
) -> list[str]:
    """Clauses for the facts worth saying, strongest first.

    A double-digit streak as long as the plain streak says it all, so the plain one is
    dropped then; likewise "highest March since 2018" adds nothing to "highest since
    2017", so a calendar record no longer than the plain one is dropped.
    """
    chosen = [fact for fact in facts if fact.notable or not notable_only]
    streaks = {fact.kind: fact for fact in chosen if isinstance(fact, Streak)}
    plain = {
        (fact.measure, fact.direction): fact
        for fact in chosen
        if isinstance(fact, Record) and not fact.calendar
    }
    clauses: list[str] = []
    for fact in chosen:
        if isinstance(fact, Streak) and fact.kind in ("rise", "decline"):
            double = streaks.get(f"double_digit_{fact.kind}")
            if double is not None and double.months == fact.months:
                continue
        if isinstance(fact, Record) and fact.calendar:
            wider = plain.get((fact.measure, fact.direction))
            if wider is not None and (wider.on_record or wider.months >= fact.months):
                continue
        clauses.append(phrase_fact(fact, lang, balance=balance))
    return clauses
