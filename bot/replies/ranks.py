"""Ranking replies: items or partners ranked for a month or a span, the majors without the
measure named, HS 8542 by country standing in for chips, the nearest months offered when
nothing can be ranked.
"""

from __future__ import annotations

from collections.abc import Sequence

from kortrade.bot.replies.phrases import (
    HS_NOTE,
    Names,
    basis_words,
    cap,
    growth,
    label,
    money,
    month_name,
    source_lines,
    span_range,
    t,
)
from kortrade.data.digest import SourceRef
from kortrade.data.facts import MonthFacts
from kortrade.data.series import SeriesKey
from kortrade.resolve.outcomes import RankOutcome

__all__ = ["rank_question", "rank_text"]


def _slug(key: SeriesKey, dimension: str) -> str:
    return key.partner if dimension == "partner" else key.product


def _computed(facts: MonthFacts) -> bool:
    """Whether the growth a ranking row shows was computed from customs levels."""
    return facts.yoy_computed if facts.yoy_pct is not None else facts.other_yoy_computed


def _rank_row(
    facts: MonthFacts,
    names: Names,
    lang: str,
    dimension: str,
    by: str,
    *,
    mixed: bool = False,
    share: float | None = None,
) -> str:
    """ "Semiconductors: $41.01bn (+178.8%)"; whether growth was computed is said once,
    under the list, not in every row. `mixed`: the list mixes bases, so each row names its
    own ("— customs final")."""
    row = _plain_row(facts, names, lang, dimension, by)
    if share is not None:
        row += t(lang, f", {share:.1f}% of the total", f", 전체의 {share:.1f}%")
    if mixed and facts.level_basis:
        row += f" — {basis_words(facts.level_basis, lang)}"
    return row


def _share_of(facts: MonthFacts, whole: MonthFacts | None) -> float | None:
    """The row's share of the total, only when both levels are of one basis."""
    if whole is None or whole.level_usd_mn in (None, 0) or facts.level_usd_mn is None:
        return None
    if facts.level_basis != whole.level_basis:
        return None
    return facts.level_usd_mn / (whole.level_usd_mn or 1.0) * 100.0


def _plain_row(facts: MonthFacts, names: Names, lang: str, dimension: str, by: str) -> str:
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
    """Growth over a span needs every month of it and of a year earlier (a total, every
    month of it): say none has them."""
    assert outcome.span is not None
    span = span_range(*outcome.span, lang)
    partner = outcome.dimension == "partner"
    what = t(lang, "partner" if partner else "item", "지역" if partner else "품목")
    if outcome.by == "value":
        text = t(
            lang,
            f"No {what} has a dollar figure for every month of {span}, "
            "so totals over the span cannot be ranked.",
            f"{span}의 월별 금액이 모두 있는 {what}이 없어 기간 합계 순위를 낼 수 없습니다.",
        )
    else:
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
    ranked = _span_list if outcome.span is not None else _month_list
    head, rows = ranked(outcome, names, lang)
    if not rows:
        rows = [t(lang, "No figures for that period.", "해당 기간 수치가 없습니다.")]
    preface = _rank_preface(outcome, lang)
    out = [p for p in (_stand_in_words(outcome, names, lang), preface) if p]
    out.extend([head, *rows, *_notes(outcome, names, lang)])
    out.extend(source_lines(sources, lang))
    if outcome.product == "hs8542":
        out.append(HS_NOTE[1 if lang == "ko" else 0])
    return "\n".join(out)


def _what(outcome: RankOutcome, lang: str) -> str:
    partner = outcome.dimension == "partner"
    return t(lang, "by partner" if partner else "by item", "지역별" if partner else "품목별")


def _span_list(outcome: RankOutcome, names: Names, lang: str) -> tuple[str, list[str]]:
    """Growth of each span total on the same span a year earlier (always computed), or,
    ranked by value, each span total with its growth where there is one."""
    flow, what = _subject(outcome, names, lang), _what(outcome, lang)
    assert outcome.span is not None
    span = span_range(*outcome.span, lang)
    if outcome.by == "value":
        low = outcome.ascending
        order = t(lang, "lowest first" if low else "highest first", "낮은 순" if low else "높은 순")
        head = t(
            lang,
            f"{flow} {what}, ranked by value, {span} (summed monthly levels; {order}):",
            f"{span} {what} {flow} 금액 순위 (월별 합산, {order}):",
        )
        rows = [
            f"{n}. {cap(names.name(_slug(f.key, outcome.dimension), lang))}: "
            f"{money(f.total_usd_mn or 0.0, lang)}"
            + (f" ({growth(f.yoy_pct, lang)})" if f.yoy_pct is not None else "")
            for n, f in enumerate(outcome.span_ranked, 1)
        ]
        return head, rows
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
    return head, rows


def _month_list(outcome: RankOutcome, names: Names, lang: str) -> tuple[str, list[str]]:
    flow, what = _subject(outcome, names, lang), _what(outcome, lang)
    month = month_name(outcome.period, lang)
    relative = outcome.relative_ko if lang == "ko" else outcome.relative
    if relative and relative not in ("latest", "최근"):
        month = f"{relative} ({month})"
    low = outcome.ascending
    order = t(lang, "lowest first" if low else "highest first", "낮은 순" if low else "높은 순")
    by_value = outcome.by == "value"
    measure = t(lang, "value" if by_value else "y/y growth", "금액" if by_value else "증감률")
    head = t(
        lang,
        f"{flow} {what}, ranked by {measure}, {month} ({order}):",
        f"{month} {what} {flow} {measure} 순위 ({order}):",
    )
    shown = [*outcome.ranked, *outcome.others]
    mixed = len({f.level_basis for f in shown if f.level_basis}) > 1
    rows = [
        f"{n}. {_rank_row(f, names, lang, outcome.dimension, outcome.by, mixed=mixed, share=share)}"
        for n, f in enumerate(outcome.ranked, 1)
        for share in [_share_of(f, outcome.whole) if outcome.shares else None]
    ]
    return head, [*rows, *_bucket_rows(outcome, lang)]


def _bucket_rows(outcome: RankOutcome, lang: str) -> list[str]:
    """An HS code by partner: the "other countries" bucket and the world total, with the
    share of the total the bucket stands for, so the partners' shares can be read."""
    rows = []
    whole = outcome.whole.level_usd_mn if outcome.whole is not None else None
    if outcome.bucket is not None and outcome.bucket.level_usd_mn is not None:
        level = outcome.bucket.level_usd_mn
        share = f", {level / whole * 100:.1f}%" if whole else ""
        rows.append(
            t(
                lang,
                f"Other countries: {money(level)}{share}",
                f"기타 국가: {money(level, 'ko')}{share}",
            )
        )
    if whole is not None:
        every = "all partners" if outcome.dimension == "partner" else "all goods"
        rows.append(t(lang, f"Total, {every}: {money(whole)}", f"전체 합계: {money(whole, 'ko')}"))
    return rows


def _notes(outcome: RankOutcome, names: Names, lang: str) -> list[str]:
    """Under the list: who has no figure, who else stated one, what growth was computed."""
    out: list[str] = []
    missing = ", ".join(names.name(slug, lang) for slug in outcome.missing)
    if missing and outcome.span is not None and outcome.by == "value":
        out.append(
            t(
                lang,
                f"Not every month of the span has a dollar figure, so no total for: {missing}.",
                f"기간 중 월별 금액이 모두 있지 않아 합계를 낼 수 없음: {missing}.",
            )
        )
    elif missing and outcome.span is not None:
        out.append(
            t(
                lang,
                f"Not every month of both spans has a level, so no growth for: {missing}.",
                f"두 기간의 월별 수치가 모두 있지 않아 증감률을 계산할 수 없음: {missing}.",
            )
        )
    elif missing:
        out.append(t(lang, f"No figure stored: {missing}.", f"수치 없음: {missing}."))
    if outcome.others:
        shown = [*outcome.ranked, *outcome.others]
        mixed = len({f.level_basis for f in shown if f.level_basis}) > 1
        own = {f.level_basis for f in outcome.others if f.level_basis}
        per_row = mixed and len(own) > 1  # one basis for all of them is said once
        others = ", ".join(
            _rank_row(f, names, lang, outcome.dimension, outcome.by, mixed=per_row).replace(
                ": ", " ", 1
            )
            for f in outcome.others
        )
        if mixed and len(own) == 1:
            others += f" ({basis_words(next(iter(own)), lang)})"
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
    return out


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
