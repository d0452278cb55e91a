"""Replies that state a run or a record directly, in English or Korean.

Split from `answers` by concern: the inputs are `kortrade.resolve.outcomes.StreakOutcome` and
`RecordOutcome`; a streak the month breaks is answered with the run it does show, one
it starts is stated, never denied. Rankings are worded in `answer_rank` (re-exported
here). Imports no telegram.
"""

from __future__ import annotations

from collections.abc import Sequence

from kortrade.bot.replies.answer_lines import (
    Names,
    basis_words,
    cap,
    figure,
    label,
    span_range,
    t,
    when,
)
from kortrade.bot.replies.answer_missing import source_lines, stand_in
from kortrade.bot.replies.answer_rank import rank_question, rank_text
from kortrade.bot.replies.answers import body
from kortrade.bot.replies.facts import phrase_fact, phrase_facts
from kortrade.bot.replies.format import balance, money, month_name, month_of_year
from kortrade.data.digest import SourceRef
from kortrade.data.facts import Record, Streak
from kortrade.resolve.outcomes import Line, RecordOutcome, StreakOutcome

__all__ = ["rank_question", "rank_text", "record_text", "streak_text"]

# -- streaks and records ------------------------------------------------------------------------

_NOT_ON = {
    "rise": ("not rising", "증가세 아님"),
    "double_digit_rise": ("not growing by double digits", "두 자릿수 증가 아님"),
    "decline": ("not falling", "감소세 아님"),
    "double_digit_decline": ("not falling by double digits", "두 자릿수 감소 아님"),
    "surplus": ("not in surplus", "흑자 아님"),
    "deficit": ("not in deficit", "적자 아님"),
    "any": ("no run of two months or more", "2개월 이상 이어진 흐름 없음"),
}


_STATE = {
    "rise": ("up y/y", "증가"),
    "double_digit_rise": ("up by double digits", "두 자릿수 증가"),
    "decline": ("down y/y", "감소"),
    "double_digit_decline": ("down by double digits", "두 자릿수 감소"),
    "surplus": ("in surplus", "흑자"),
    "deficit": ("in deficit", "적자"),
}


def _one_month(outcome: StreakOutcome, head: str, instead: list[str], lang: str) -> str:
    """In the asked state this month but not the one before: no run yet, and why."""
    single = outcome.single
    assert single is not None
    state = outcome.wanted if outcome.wanted in _STATE else getattr(single, "kind", "rise")
    en, ko = _STATE.get(state, _STATE["rise"])
    month = when(outcome.line, lang)
    if isinstance(single, Streak) and single.at_least:  # the month before has no figure
        gap = month_name(single.stop, lang)
        # A growth run stops where growth is unknown, even if that month has a level.
        what = (
            t(lang, "figure", "자료")
            if state in ("surplus", "deficit")
            else t(lang, "growth figure", "증감률 자료")
        )
        return t(
            lang,
            f"{head}: {en} in {month}; no {what} for {gap}, so no run can be stated.",
            f"{head}: {month} {ko}. {gap} {what}가 없어 연속 여부는 알 수 없습니다.",
        )
    if instead:
        return f"{head}: " + t(lang, f"{en} in {month} — ", f"{month} {ko} — ") + instead[0] + "."
    return t(
        lang,
        f"{head}: {en} in {month}, but not the month before: no run yet.",
        f"{head}: {month} {ko}, 전월은 아니어서 연속 기록은 아닙니다.",
    )


def streak_text(
    outcomes: Sequence[StreakOutcome | Line],
    names: Names,
    lang: str,
    sources: Sequence[SourceRef] = (),
) -> str:
    """The run stated directly: "Trade balance: in surplus for the 9th month in a row"."""
    out: list[str] = []
    for outcome in outcomes:
        if not isinstance(outcome, StreakOutcome):
            out.extend(body([outcome], names, lang))
            continue
        line = outcome.line
        preface = stand_in(line, names, lang)
        if preface:
            out.append(preface)
        balance_flow = line.key.flow == "balance"
        head = label(line.key, names, lang)
        month = f"{cap(when(line, lang))}: {figure(line.facts, lang, other=False)}"
        if outcome.streak is not None:
            out.append(f"{head}: {phrase_fact(outcome.streak, lang, balance=balance_flow)}.")
            out.append(month)
            continue
        instead = phrase_facts(outcome.instead, lang, balance=balance_flow)
        if outcome.single is not None:
            out.extend([_one_month(outcome, head, instead, lang), month])
            continue
        en, ko = _NOT_ON.get(outcome.wanted, _NOT_ON["any"])
        text = f"{head}: {t(lang, en, ko)}"
        if instead:
            text += " — " + t(lang, "; ", ", ").join(instead[:2])
        out.extend([text + ".", month])
    out.extend(source_lines(sources, lang))
    return "\n".join(out)


def _peak_words(outcome: RecordOutcome, lang: str) -> str:
    """ "highest month" / "largest deficit"; for one calendar month "highest January" /
    "1월 최고치", "largest January surplus" / "1월 최대 흑자"."""
    words = _peak_words_any(outcome, lang)
    if outcome.calendar is None:
        return words
    month = month_of_year(outcome.calendar, lang)
    if lang == "ko":
        return f"{month} {words}"
    if words.endswith(" month"):
        return words.replace(" month", f" {month}")
    first, _, rest = words.partition(" ")
    return f"{first} {month} {rest}"


def _peak_words_any(outcome: RecordOutcome, lang: str) -> str:
    if outcome.key.flow == "balance":
        if outcome.direction == "high":
            return (
                t(lang, "largest surplus", "최대 흑자")
                if outcome.peak_value > 0
                else t(lang, "smallest deficit", "최소 적자")
            )
        return (
            t(lang, "largest deficit", "최대 적자")
            if outcome.peak_value < 0
            else t(lang, "smallest surplus", "최소 흑자")
        )
    return (
        t(lang, "highest month", "최고치")
        if outcome.direction == "high"
        else t(lang, "lowest month", "최저치")
    )


def record_text(
    outcomes: Sequence[RecordOutcome | Line],
    names: Names,
    lang: str,
    sources: Sequence[SourceRef] = (),
) -> str:
    """The record month of the span (or of all stored history), and the asked month's records."""
    out: list[str] = []
    for outcome in outcomes:
        if not isinstance(outcome, RecordOutcome):
            out.extend(body([outcome], names, lang))
            continue
        head = label(outcome.key, names, lang)
        words = _peak_words(outcome, lang)
        value = (
            balance(outcome.peak_value, lang)
            if outcome.key.flow == "balance"
            else money(outcome.peak_value, lang)
        )
        peak = month_name(outcome.peak_period, lang)
        basis = basis_words(outcome.basis, lang, outcome.key.flow)
        if outcome.scope is not None:
            span = span_range(*outcome.scope, lang)
            out.append(
                t(
                    lang,
                    f"{head}: the {words} in {span} was {peak}: {value} ({basis}).",
                    f"{head}: {span} 중 {words}는 {peak}, {value} ({basis}).",
                )
            )
        else:
            start, end = (
                month_name(outcome.history_start, lang),
                month_name(outcome.history_end, lang),
            )
            out.append(
                t(
                    lang,
                    f"{head}: the {words} on record here is {peak}: {value} "
                    f"({basis}; records here run from {start} to {end}).",
                    f"{head}: 집계 이래 {words}는 {peak}, {value} "
                    f"({basis}; 자료 기간 {start}~{end}).",
                )
            )
        if outcome.line is not None:
            facts = outcome.line.facts
            records = [
                f
                for f in facts.records
                if f.measure == "value" and f.direction == outcome.direction and f.notable
            ]
            clauses = [
                phrase_fact(f, lang, balance=outcome.key.flow == "balance")
                for f in records
                if isinstance(f, Record)
            ]
            month = f"{when(outcome.line, lang)}: {figure(facts, lang, other=False)}"
            if clauses:
                month += " — " + t(lang, "; ", ", ").join(clauses[:2])
            out.append(month)
    out.extend(source_lines(sources, lang))
    return "\n".join(out)
