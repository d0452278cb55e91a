"""Streak replies: the run asked about, stated directly; a run the month breaks is answered
with the run it does show, one it starts is stated, never denied.
"""

from __future__ import annotations

from collections.abc import Sequence

from kortrade.bot.replies.facts import phrase_fact, phrase_facts
from kortrade.bot.replies.figures import body, stand_in
from kortrade.bot.replies.phrases import (
    Names,
    cap,
    figure,
    label,
    month_name,
    source_lines,
    t,
    when,
)
from kortrade.data.digest import SourceRef
from kortrade.data.facts import Streak
from kortrade.resolve.outcomes import Line, StreakOutcome

__all__ = ["streak_text"]


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
            run = outcome.streak
            since = month_name(run.since, lang)
            # "when did the surplus start": the run's first month, unless history cuts it
            start = "" if run.at_least else t(lang, f" (since {since})", f" ({since}부터)")
            out.append(f"{head}: {phrase_fact(run, lang, balance=balance_flow)}{start}.")
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
