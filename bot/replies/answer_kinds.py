"""Replies that rank, and that state a run or a record directly, in English or Korean.

Split from `answers` by concern: the inputs are `kortrade.outcomes.RankOutcome`,
`StreakOutcome` and `RecordOutcome`; missing majors are named, never dropped, and a
streak the month breaks is answered with the run it does show. Imports no telegram.
"""

from __future__ import annotations

from collections.abc import Sequence

from kortrade.bot.replies.answer_lines import (
    HS_NOTE,
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
from kortrade.bot.replies.answers import body
from kortrade.bot.replies.facts import phrase_fact, phrase_facts
from kortrade.bot.replies.format import balance, growth, money, month_name, month_of_year
from kortrade.data.digest import SourceRef
from kortrade.data.facts import MonthFacts, Record, Streak
from kortrade.data.series import SeriesKey
from kortrade.outcomes import Line, RankOutcome, RecordOutcome, StreakOutcome

__all__ = ["rank_question", "rank_text", "record_text", "streak_text"]

# -- rankings ---------------------------------------------------------------------------------


def _slug(key: SeriesKey, dimension: str) -> str:
    return key.partner if dimension == "partner" else key.product


def _computed(facts: MonthFacts) -> bool:
    """Whether the growth a ranking row shows was computed from customs levels."""
    return facts.yoy_computed if facts.yoy_pct is not None else facts.other_yoy_computed


def _rank_row(facts: MonthFacts, names: Names, lang: str, dimension: str, by: str) -> str:
    """ "Semiconductors: $41.01bn (+178.8%)"; whether growth was computed is said once,
    under the list, not in every row."""
    slug = _slug(facts.key, dimension)
    name = cap(names.name(slug, lang))
    yoy = facts.yoy_pct if facts.yoy_pct is not None else facts.other_yoy_pct
    if by == "value" and facts.level_usd_mn is not None:
        text = money(facts.level_usd_mn, lang)
        if yoy is not None:
            text += f" ({growth(yoy, lang)})"
        return f"{name}: {text}"
    text = growth(yoy, lang) if yoy is not None else ""
    if facts.level_usd_mn is not None:
        text += f" ({money(facts.level_usd_mn, lang)})"
    return f"{name}: {text}"


def _subject(outcome: RankOutcome, names: Names, lang: str) -> str:
    """ "Exports" / "Exports of integrated circuits (HS 8542)" (Korean: "… 수출")."""
    return label(SeriesKey(outcome.flow, outcome.product), names, lang)


def rank_question(outcome: RankOutcome, period: str, names: Names, lang: str) -> str:
    """The same ranking for another month, as a question a button can ask."""
    flow = names.name(outcome.flow, lang)
    partner = outcome.dimension == "partner"
    if lang == "ko":
        measure = "금액" if outcome.by == "value" else "증가율"
        order = "하위" if outcome.ascending else "상위"
        where = "지역별" if partner else "품목별"
        return f"{month_name(period, 'ko')} {flow} {where} {measure} {order} 순위"
    order = "bottom" if outcome.ascending else "top"
    where = "partners" if partner else "items"
    measure = "value" if outcome.by == "value" else "growth"
    return f"{order} {flow.rstrip('s')} {where} by {measure} {month_name(period)}"


def _rank_preface(outcome: RankOutcome, lang: str) -> str | None:
    """Why another month's ranking answers ("October 2026 is not out yet; …")."""
    if outcome.asked is None:
        return None
    asked, latest = month_name(outcome.asked, lang), month_name(outcome.period, lang)
    partner = outcome.dimension == "partner"
    what = t(lang, "partner" if partner else "item", "지역별" if partner else "품목별")
    if outcome.why == "not_out":
        return t(
            lang,
            f"{asked} is not out yet; the latest {what} figures are for {latest}:",
            f"{asked} 수치는 아직 발표되지 않았습니다. 가장 최근 {what} 수치는 {latest}입니다:",
        )
    if outcome.why == "not_loaded":
        return t(
            lang,
            f"{asked} is not in my data yet; the latest {what} figures I have are for {latest}:",
            f"{asked} 수치는 아직 자료에 없습니다. 가장 최근 {what} 수치는 {latest}입니다:",
        )
    return t(
        lang,
        f"No {what} figures for {asked} yet; the latest are for {latest}:",
        f"{asked} {what} 수치는 아직 없습니다. 가장 최근은 {latest}입니다:",
    )


def _no_ranking(outcome: RankOutcome, names: Names, lang: str) -> str:
    """A month inside the data that no item (partner) figure covers, and its neighbours."""
    flow = names.name(outcome.flow, lang)
    partner = outcome.dimension == "partner"
    what = t(lang, "partner" if partner else "item", "지역별" if partner else "품목별")
    if not outcome.period:  # no series to rank at all
        subject = label(SeriesKey(outcome.flow, outcome.product), names, lang, start=False)
        return t(
            lang,
            f"There are no {what} figures for {subject} in the data, so no ranking.",
            f"{subject}의 {what} 수치는 자료에 없어 순위를 낼 수 없습니다.",
        )
    month = month_name(outcome.period, lang)
    growth_only = outcome.by != "value"
    text = t(
        lang,
        f"No {what} figures for {flow}"
        + (" with growth" if growth_only else "")
        + f" in {month}, so no ranking.",
        f"{month} {what} {flow} {'증감률' if growth_only else '수치'}가 없어 "
        "순위를 낼 수 없습니다.",
    )
    if outcome.nearest:
        near = t(lang, " and ", ", ").join(month_name(p, lang) for p in outcome.nearest)
        text += t(lang, f" Nearest months with them: {near}.", f" 가까운 달: {near}.")
    return text


def _no_span_ranking(outcome: RankOutcome, names: Names, lang: str) -> str:
    """Growth over a span needs every month of it and of a year earlier: say none has them."""
    assert outcome.span is not None
    span = span_range(*outcome.span, lang)
    partner = outcome.dimension == "partner"
    what = t(lang, "partner" if partner else "item", "지역" if partner else "품목")
    text = t(
        lang,
        f"No {what} has a figure for every month of {span} and of a year earlier, "
        "so growth over the span cannot be computed.",
        f"{span}과 전년 같은 기간의 월별 수치가 모두 있는 {what}이 없어 "
        "기간 증감률을 계산할 수 없습니다.",
    )
    if outcome.nearest:
        month = month_name(outcome.nearest[0], lang)
        if outcome.nearest[0] > outcome.span[1]:
            text += t(
                lang,
                f" {cap(what)} figures here start in {month}.",
                f" {what} 수치는 {month}부터 있습니다.",
            )
        else:
            text += t(lang, f" Try a single month: {month}.", f" 월별 순위로 보세요: {month}.")
    return text


def rank_text(
    outcome: RankOutcome, names: Names, lang: str, sources: Sequence[SourceRef] = ()
) -> str:
    """A sorted list with growth; the majors with no figure that month are named."""
    if outcome.span is None and not outcome.ranked and not outcome.others:
        return _no_ranking(outcome, names, lang)
    if outcome.span is not None and not outcome.span_ranked:
        return _no_span_ranking(outcome, names, lang)
    flow = _subject(outcome, names, lang)
    partner = outcome.dimension == "partner"
    what = t(lang, "by partner" if partner else "by item", "지역별" if partner else "품목별")
    if outcome.span is not None:
        start, end = outcome.span
        span = span_range(start, end, lang)
        head = t(
            lang,
            f"{flow} {what}, growth over {span} on a year earlier (computed from monthly levels):",
            f"{span} {what} {flow} 증감률 순위 (월별 합산으로 계산):",
        )
        rows = [
            f"{n}. {cap(names.name(_slug(f.key, outcome.dimension), lang))}: "
            f"{growth(f.yoy_pct or 0.0, lang)} ({money(f.total_usd_mn or 0.0, lang)})"
            for n, f in enumerate(outcome.span_ranked, 1)
        ]
    else:
        month = month_name(outcome.period, lang)
        relative = outcome.relative_ko if lang == "ko" else outcome.relative
        if relative and relative not in ("latest", "최근"):
            month = f"{relative} ({month})"
        order = t(
            lang,
            "lowest first" if outcome.ascending else "highest first",
            "낮은 순" if outcome.ascending else "높은 순",
        )
        measure = t(
            lang,
            "value" if outcome.by == "value" else "y/y growth",
            "금액" if outcome.by == "value" else "증감률",
        )
        head = t(
            lang,
            f"{flow} {what}, ranked by {measure}, {month} ({order}):",
            f"{month} {what} {flow} {measure} 순위 ({order}):",
        )
        rows = [
            f"{n}. {_rank_row(f, names, lang, outcome.dimension, outcome.by)}"
            for n, f in enumerate(outcome.ranked, 1)
        ]
    if not rows:
        rows = [t(lang, "No figures for that period.", "해당 기간 수치가 없습니다.")]
    preface = _rank_preface(outcome, lang)
    out = [p for p in (_stand_in_words(outcome, names, lang), preface) if p]
    out.extend([head, *rows])
    if outcome.missing and outcome.span is not None:
        missing = ", ".join(names.name(slug, lang) for slug in outcome.missing)
        out.append(
            t(
                lang,
                f"Not every month of both spans has a level, so no growth for: {missing}.",
                f"두 기간의 월별 수치가 모두 있지 않아 증감률을 계산할 수 없음: {missing}.",
            )
        )
    elif outcome.missing:
        missing = ", ".join(names.name(slug, lang) for slug in outcome.missing)
        out.append(t(lang, f"No figure stored: {missing}.", f"수치 없음: {missing}."))
    if outcome.others:
        others = ", ".join(
            _rank_row(f, names, lang, outcome.dimension, outcome.by).replace(": ", " ", 1)
            for f in outcome.others
        )
        out.append(t(lang, f"Also stated: {others}.", f"기타: {others}."))
    shown = [*outcome.ranked, *outcome.others]
    if outcome.span is None and any(_computed(f) for f in shown):
        out.append(
            t(
                lang,
                "Growth computed from customs levels where none was stated.",
                "증감률 미발표 항목은 관세청 수치로 계산.",
            )
        )
    out.extend(source_lines(sources, lang))
    if outcome.product == "hs8542":
        out.append(HS_NOTE[1 if lang == "ko" else 0])
    return "\n".join(out)


def _stand_in_words(outcome: RankOutcome, names: Names, lang: str) -> str | None:
    """Chips by partner asked, HS 8542 ranked: say so before the list."""
    if outcome.stands_in_for is None:
        return None
    asked = names.name(outcome.stands_in_for, lang)
    return t(
        lang,
        f"There are no figures for {asked} by partner; "
        "HS 8542 (integrated circuits) by partner instead:",
        f"{asked}의 지역별 수치는 없어 HS 8542(전자집적회로) 지역별 수치로 대신합니다:",
    )


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
        basis = basis_words(outcome.basis, lang)
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
