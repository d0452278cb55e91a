"""Replies to the desk's questions, in English or Korean: declines, shares, "when did it last",
"since when" and momentum (flash figures: `flash`).

Each leads with the answer to exactly what was asked (or, at the top, what cannot be
answered and what can), then the basis and sources. The inputs are
`kortrade.resolve.desk`'s outcomes, already resolved against the data. Imports no telegram.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from kortrade.bot.replies.facts import phrase_fact
from kortrade.bot.replies.figures import no_figure
from kortrade.bot.replies.josa import with_particle
from kortrade.bot.replies.phrases import (
    HS_NOTE,
    Names,
    balance,
    basis_words,
    cap,
    figure,
    growth,
    label,
    money,
    month_name,
    months_count,
    signed_pct,
    source_lines,
    span_range,
    t,
)
from kortrade.data.digest import SourceRef
from kortrade.months import months_between
from kortrade.resolve.outcomes import (
    DeclineOutcome,
    LastOutcome,
    MomentumOutcome,
    MonthLine,
    NoFigure,
    ShareOutcome,
    SinceOutcome,
)

__all__ = [
    "SCOPE",
    "decline_offers",
    "decline_text",
    "last_text",
    "momentum_text",
    "share_text",
    "since_text",
    "with_ignored",
]

#: What the data is, said whenever a question is declined.
SCOPE = (
    "I have Korea's goods trade in US dollars, by value, from the ministry's releases and customs.",
    "제가 가진 자료는 산업통상자원부 발표와 관세청 통계의 "
    "한국 상품 교역 금액(미국 달러 기준)입니다.",
)
_DECLINE = {
    "forecast": ("I have no forecasts or market expectations", "전망이나 예측은 드릴 수 없습니다"),
    "cause": ("I can't say why", "원인은 설명할 수 없습니다"),
    "won": ("I have no figures in won", "원화 기준 수치는 없습니다"),
    "volume": ("I have no volumes, only values", "물량(중량·수량) 수치는 없고 금액만 있습니다"),
    "services": ("I have no services trade", "서비스 교역 수치는 없습니다"),
    "prices": (
        "I have no prices or unit values, only values",
        "가격·단가 수치는 없고 금액만 있습니다",
    ),
    "seasonal": ("I have no seasonally adjusted figures", "계절조정 수치는 없습니다"),
    "working_days": (
        "I have working-day adjusted figures (the daily average) for exports only",
        "조업일수를 감안한 수치(일평균)는 수출만 있습니다",
    ),
    "macro": (
        "I have no GDP, current-account, exchange-rate or tariff figures",
        "GDP·경상수지·환율·관세율 수치는 없습니다",
    ),
}


def _sources_and_basis(
    bases: set[str], flow: str | None, sources: Sequence[SourceRef], lang: str
) -> list[str]:
    out = []
    if bases:
        words = t(lang, " and ", " 및 ").join(basis_words(b, lang, flow) for b in sorted(bases))
        out.append(t(lang, f"Basis: {words}", f"기준: {words}"))
    out.extend(source_lines(sources, lang))
    return out


_PerMonth = TypeVar("_PerMonth", SinceOutcome, MomentumOutcome)


def _per_month(
    outcomes: Sequence[_PerMonth],
    rows: Callable[[_PerMonth, MonthLine], list[str]],
    names: Names,
    lang: str,
    sources: Sequence[SourceRef],
) -> str:
    """Replies read off one month per subject: a subject without that month says so, the
    rest give their `rows`; then one basis line (the flow's words when all share one flow)
    and the sources."""
    out: list[str] = []
    bases: set[str] = set()
    flows = {o.key.flow for o in outcomes}
    for outcome in outcomes:
        line = outcome.line
        if not isinstance(line, MonthLine):
            out.extend(no_figure(line, names, lang))
            continue
        bases.add(line.facts.basis)
        out.extend(rows(outcome, line))
    out.extend(
        _sources_and_basis(bases, next(iter(flows)) if len(flows) == 1 else None, sources, lang)
    )
    return "\n".join(out)


def with_ignored(text: str, ignored: Sequence[str], lang: str) -> str:
    """`text` with the words not understood named at the top, before any figure."""
    if not ignored:
        return text
    words = ", ".join(f"“{word}”" for word in ignored)
    head = t(
        lang,
        f"I did not understand {words}; here is what I could read:",
        f"{with_particle(words, '은/는')} 이해하지 못했습니다. 읽은 부분에 대한 답입니다:",
    )
    return f"{head}\n{text}"


# -- declines ---------------------------------------------------------------------------------


def decline_text(outcome: DeclineOutcome, names: Names, lang: str) -> str:
    """One line: what cannot be answered, and the scope."""
    scope = SCOPE[1 if lang == "ko" else 0]
    if outcome.reason == "foreign":
        partners = [k.partner for k in outcome.keys if k.partner != "world"]
        who = names.name(partners[0], lang) if partners else t(lang, "other countries", "다른 나라")
        head = t(
            lang,
            f"I have no figures for {who}'s own trade",
            f"{who}의 자체 수출입 수치는 없습니다",
        )
    else:
        head = _DECLINE.get(outcome.reason, _DECLINE["forecast"])[1 if lang == "ko" else 0]
    return f"{head}: {scope}" if lang != "ko" else f"{head}. {scope}"


def decline_offers(outcome: DeclineOutcome, names: Names, lang: str) -> list[tuple[str, str]]:
    """(label, question) pairs for what can be answered instead: the same series as figures."""
    offers = []
    period = outcome.period_label_ko if lang == "ko" else outcome.period_label
    if outcome.reason == "forecast":  # a future period has no figure to offer
        period = ""
    period = period or t(lang, "latest", "최근")
    if outcome.reason == "working_days":
        question = t(lang, f"daily average exports {period}", f"{period} 일평균 수출")
        offers.append((cap(question), question))
    for key in outcome.keys[:3]:
        if outcome.reason == "foreign" and key.partner == "world":
            continue
        name = label(key, names, lang, start=False)
        question = (f"{period} {name}" if lang == "ko" else f"{name} {period}").strip()
        shown = question
        if outcome.reason == "foreign":
            shown = t(lang, f"Korea's {question}", f"한국의 {question}")
        offers.append((cap(shown), question))
    return offers


# -- shares -----------------------------------------------------------------------------------


def _period_words(start: str, end: str, lang: str) -> str:
    return span_range(start, end, lang)


def share_text(
    outcomes: Sequence[ShareOutcome], names: Names, lang: str, sources: Sequence[SourceRef] = ()
) -> str:
    out: list[str] = []
    bases: set[str] = set()
    flows = {o.part.flow for o in outcomes}
    for outcome in outcomes:
        out.extend(_share_rows(outcome, names, lang))
        if outcome.share is not None:
            bases.update(
                ("customs", "release") if outcome.share.basis == "mixed" else (outcome.share.basis,)
            )
    out.extend(
        _sources_and_basis(bases, next(iter(flows)) if len(flows) == 1 else None, sources, lang)
    )
    if any(o.stands_in_for for o in outcomes):
        out.append(HS_NOTE[1 if lang == "ko" else 0])
    return "\n".join(out)


def _share_rows(outcome: ShareOutcome, names: Names, lang: str) -> list[str]:
    part = label(outcome.part, names, lang)
    if outcome.reason == "no_part" or outcome.whole is None:
        return [
            t(
                lang,
                "A share needs a part and a whole: name an item or a partner, e.g. "
                "“chips' share of exports” or “what % of exports went to the US”.",
                "비중은 품목이나 상대국을 정해 주세요. 예: “반도체 수출 비중”, “대중 수출 비중”.",
            )
        ]
    whole = label(outcome.whole, names, lang, start=False)
    if outcome.share is None:
        if outcome.reason == "no_series":
            return [
                t(
                    lang,
                    f"No share: I have no figures for "
                    f"{label(outcome.part, names, lang, start=False)} or for {whole}.",
                    f"비중을 낼 수 없습니다: {part} 또는 {whole} 자료가 없습니다.",
                )
            ]
        asked = month_name(outcome.asked, lang) if outcome.asked else ""
        if not asked:
            asked = (outcome.asked_label_ko if lang == "ko" else outcome.asked_label) or ""
        part_mid = label(outcome.part, names, lang, start=False)
        return [
            t(
                lang,
                f"No share for {asked or 'that period'}: {part_mid} and {whole} are not both "
                "stored on one basis for every month of it.",
                f"{asked or '그 기간'} 비중은 낼 수 없습니다: "
                f"{with_particle(part, '과/와')} {whole} 금액이 "
                "같은 기준으로 함께 저장되어 있지 않습니다.",
            )
        ]
    found = outcome.share
    period = _period_words(found.start, found.end, lang)
    rows = []
    if outcome.stands_in_for is not None:
        asked = names.name(outcome.stands_in_for, lang)
        rows.append(
            t(
                lang,
                f"There are no figures for {asked} by partner; HS 8542 (integrated circuits), "
                "a narrower customs code, instead:",
                f"{asked}의 국가별 수치는 없어 HS 8542(전자집적회로, 더 좁은 관세 품목)로 "
                "대신합니다:",
            )
        )
    if outcome.asked:
        rows.append(
            t(
                lang,
                f"No share for {month_name(outcome.asked, lang)} (the two levels are not both "
                f"stored on one basis); the nearest month with both is {period}:",
                f"{month_name(outcome.asked, 'ko')} 비중은 낼 수 없어(두 금액이 같은 기준으로 함께 "
                f"저장되지 않음) 가장 가까운 {period} 비중입니다:",
            )
        )
    if lang == "ko":
        line = (
            f"{whole}에서 {with_particle(part, '이/가')} 차지하는 비중, {period}: "
            f"{found.pct:.1f}% ({money(found.whole_usd_mn, 'ko')} 중 "
            f"{money(found.part_usd_mn, 'ko')})"
        )
        if found.year_ago is not None:
            line += f", 1년 전 {found.year_ago.pct:.1f}%"
    else:
        line = (
            f"{part}: {found.pct:.1f}% of {whole}, {period} "
            f"({money(found.part_usd_mn)} of {money(found.whole_usd_mn)})"
        )
        if found.year_ago is not None:
            line += f"; a year earlier {found.year_ago.pct:.1f}%"
    rows.append(line)
    return rows


# -- when did it last happen ------------------------------------------------------------------

_EVENT_EN = {
    "fall": "last fell",
    "rise": "last rose",
    "double_digit_fall": "last fell by double digits",
    "double_digit_rise": "last grew by double digits",
    "deficit": "was last in deficit",
    "surplus": "was last in surplus",
    "above": "{verb} last above {level}",
    "below": "{verb} last below {level}",
}
_EVENT_KO = {
    "fall": "마지막으로 감소한 달은",
    "rise": "마지막으로 증가한 달은",
    "double_digit_fall": "마지막으로 두 자릿수 감소한 달은",
    "double_digit_rise": "마지막으로 두 자릿수 증가한 달은",
    "deficit": "마지막으로 적자였던 달은",
    "surplus": "마지막으로 흑자였던 달은",
    "above": "마지막으로 {level}를 넘은 달은",
    "below": "마지막으로 {level} 미만이었던 달은",
}


def _event_words(event: str, threshold: float | None, lang: str, *, flow: str = "export") -> str:
    level = money(threshold, lang) if threshold is not None else ""
    if lang == "ko":
        if event == "above":
            return f"마지막으로 {with_particle(level, '을/를')} 넘은 달은"
        return _EVENT_KO[event].format(level=level)
    verb = "was" if flow == "balance" else "were"  # "the trade balance was", "exports were"
    return _EVENT_EN[event].format(level=level, verb=verb)


def last_text(
    outcomes: Sequence[LastOutcome], names: Names, lang: str, sources: Sequence[SourceRef] = ()
) -> str:
    out: list[str] = []
    bases: set[str] = set()
    flows = {o.key.flow for o in outcomes}
    for outcome in outcomes:
        if outcome.missing is not None or outcome.occurrence is None:
            if isinstance(outcome.missing, NoFigure):
                out.extend(no_figure(outcome.missing, names, lang))
            continue
        out.append(_last_row(outcome, names, lang))
        if outcome.basis:
            bases.add(outcome.basis)
    out.extend(
        _sources_and_basis(bases, next(iter(flows)) if len(flows) == 1 else None, sources, lang)
    )
    return "\n".join(out)


def _last_row(outcome: LastOutcome, names: Names, lang: str) -> str:
    found = outcome.occurrence
    assert found is not None
    subject = label(outcome.key, names, lang)
    words = _event_words(found.event, found.threshold_usd_mn, lang, flow=outcome.key.flow)
    if found.period is None:
        first = month_name(found.first, lang) if found.first else ""
        upto = month_name(found.upto, lang)
        verb = "was" if outcome.key.flow == "balance" else "were"
        level = money(found.threshold_usd_mn or 0)
        never = {
            "fall": ("never fell", "감소한"),
            "rise": ("never rose", "증가한"),
            "double_digit_fall": ("never fell by double digits", "두 자릿수 감소한"),
            "double_digit_rise": ("never grew by double digits", "두 자릿수 증가한"),
            "deficit": ("was never in deficit", "적자였던"),
            "surplus": ("was never in surplus", "흑자였던"),
            "above": (f"{verb} never above {level}", "기준을 넘은"),
            "below": (f"{verb} never below {level}", "기준에 못 미친"),
        }[found.event]
        return t(
            lang,
            f"{subject} {never[0]} in the stored months ({first} to {upto}).",
            f"{subject}: 저장된 기간({first}~{upto}) 중 {never[1]} 달이 없습니다.",
        )
    when = month_name(found.period, lang)
    figures = _occurrence_figures(outcome, lang)
    if lang == "ko":
        text = f"{with_particle(subject, '이/가')} {words} {when}입니다: {figures}"
    else:
        text = f"{subject} {words} in {when}: {figures}"
    ago = months_between(found.period, found.upto)
    if ago > 0:
        upto = month_name(found.upto, lang)
        text += t(
            lang,
            f" — {months_count(ago)} before {upto}",
            f" ({upto} 기준 {months_count(ago, 'ko')} 전)",
        )
    if found.gaps:
        text += t(
            lang,
            f" ({found.gaps} months in between have no figure)",
            f" (그 사이 {found.gaps}개월은 자료 없음)",
        )
    return text + ("." if lang != "ko" else "")


def _occurrence_figures(outcome: LastOutcome, lang: str) -> str:
    found = outcome.occurrence
    assert found is not None
    parts = []
    level = found.level_usd_mn
    if outcome.key.flow == "balance":
        if level is not None:
            parts.append(balance(level, lang))
        return ", ".join(parts)
    if found.event.endswith(("fall", "rise")) and found.growth_pct is not None:
        parts.append(
            t(
                lang,
                f"{growth(found.growth_pct)} y/y",
                f"전년 동월 대비 {growth(found.growth_pct, 'ko')}",
            )
        )
        if level is not None:
            parts.append(f"({money(level, lang)})")
        return " ".join(parts)
    if level is not None:
        parts.append(money(level, lang))
    if found.growth_pct is not None:
        parts.append(
            t(
                lang,
                f"({growth(found.growth_pct)} y/y)",
                f"(전년 동월 대비 {growth(found.growth_pct, 'ko')})",
            )
        )
    return " ".join(parts)


# -- since when -------------------------------------------------------------------------------


def since_text(
    outcomes: Sequence[SinceOutcome], names: Names, lang: str, sources: Sequence[SourceRef] = ()
) -> str:
    return _per_month(
        outcomes, lambda o, line: [_since_row(o, line, names, lang)], names, lang, sources
    )


def _since_row(outcome: SinceOutcome, line: MonthLine, names: Names, lang: str) -> str:
    subject = label(outcome.key, names, lang)
    month = month_name(line.period, lang)
    head = f"{subject}, {month}: {figure(line.facts, lang, other=False)}"
    spoken = line.asked_label_ko if lang == "ko" else line.asked_label
    if spoken and not line.asked:
        head = (
            t(
                lang,
                f"“Since when” is read for one month: {month}, the last of {spoken}. ",
                f"‘몇 달 만에’는 한 달 기준입니다: {spoken}의 마지막 달인 {month}. ",
            )
            + head
        )
    if line.asked:
        head = (
            t(
                lang,
                f"{month_name(line.asked, 'en')} is not in the data yet; the latest is {month}. ",
                f"{month_name(line.asked, 'ko')} 자료는 아직 없습니다. 최신은 {month}입니다. ",
            )
            + head
        )
    record = outcome.record
    balance_flow = outcome.key.flow == "balance"
    if record is None and line.facts.value_usd_mn is not None:
        # No record in that direction: the month is not a high (low) at all.
        high = outcome.direction == "high"
        return head + t(
            lang,
            f" — not a {'high' if high else 'low'}: earlier months were "
            f"{'higher' if high else 'lower'}.",
            f" — {'최고' if high else '최저'}치가 아닙니다: 이전에 더 {'높은' if high else '낮은'} "
            "달이 있습니다.",
        )
    if record is None:
        return head + t(lang, " (no dollar level that month)", " (그달 금액 자료 없음)")
    if record.months <= 1 and record.since is not None:
        # The month before was at least as high (low): no high at all, and it says so.
        previous = outcome.previous
        before = month_name(record.since, lang)
        level = previous.level_usd_mn if previous is not None else None
        if lang == "ko":
            kind = "최고" if outcome.direction == "high" else "최저"
            shown = f"{before}({money(level, 'ko')})" if level is not None else before
            word = "높았습니다" if outcome.direction == "high" else "낮았습니다"
            return (
                f"{head} — {kind}치가 아닙니다: {with_particle(shown, '이/가')} 같거나 더 {word}."
            )
        shown = f"{before} ({money(level)})" if level is not None else before
        kind, word = ("a high", "high") if outcome.direction == "high" else ("a low", "low")
        return f"{head} — not {kind}: {shown} was at least as {word}."
    return f"{head} — {phrase_fact(record, lang, balance=balance_flow)}"


# -- momentum ---------------------------------------------------------------------------------

_TREND = {
    "accelerating": ("is accelerating", "가속"),
    "slowing": ("is slowing", "둔화"),
    "mixed": ("is neither steadily accelerating nor slowing", "뚜렷한 가속·둔화 없음"),
}


def momentum_text(
    outcomes: Sequence[MomentumOutcome], names: Names, lang: str, sources: Sequence[SourceRef] = ()
) -> str:
    return _per_month(
        outcomes, lambda o, _line: _momentum_rows(o, names, lang), names, lang, sources
    )


def _momentum_rows(outcome: MomentumOutcome, names: Names, lang: str) -> list[str]:
    if outcome.momentum is None:
        out = [
            t(
                lang,
                f"{label(outcome.key, names, lang)}: momentum is not measured for a balance "
                "(its growth means nothing across zero).",
                f"{label(outcome.key, names, lang)}: 증가율 추세는 계산하지 않습니다 "
                "(흑자와 적자를 오가는 수지의 증가율은 의미가 없습니다).",
            )
        ]
        if len(outcome.recent) >= 2:
            steps = " → ".join(
                f"{month_name(period, lang)} {balance(value, lang)}"
                if lang == "ko"
                else f"{month_name(period, lang)}: {balance(value, lang)}"
                for period, value in outcome.recent
            )
            out.append(
                t(
                    lang,
                    f"The last {len(outcome.recent)} months: {steps}",
                    f"최근 {len(outcome.recent)}개월: {steps}",
                )
            )
        return out
    rows = [_trend_row(outcome, names, lang), _mma_row(outcome, lang), _mom_row(outcome, lang)]
    if outcome.measure == "3mma":
        rows = [rows[1], rows[0], rows[2]]
    return [row for row in rows if row]


def _trend_row(outcome: MomentumOutcome, names: Names, lang: str) -> str:
    found = outcome.momentum
    assert found is not None
    subject = label(outcome.key, names, lang)
    months = []
    for period, pct in found.growth:
        value = (
            (growth(pct, lang) if lang == "ko" else signed_pct(pct))
            if pct is not None
            else t(lang, "no figure", "자료 없음")
        )
        months.append(f"{month_name(period, lang)} {value}")
    listed = " → ".join(months)
    if found.trend is None:
        return t(
            lang,
            f"{subject}: growth of the last three months cannot be compared ({listed}).",
            f"{subject}: 최근 3개월 증가율을 비교할 수 없습니다 ({listed}).",
        )
    words = _TREND[found.trend]
    if lang == "ko":
        return f"{subject} 증가율 {words[1]}: {listed} (전년 동월 대비)"
    return f"Growth of {label(outcome.key, names, lang, start=False)} {words[0]}: {listed} (y/y)"


def _mma_row(outcome: MomentumOutcome, lang: str) -> str:
    found = outcome.momentum
    assert found is not None
    if found.mma_usd_mn is None:
        return t(
            lang,
            "3-month moving average: not available (a month of the three has no level).",
            "3개월 이동평균: 계산 불가 (세 달 중 금액 자료 없는 달 있음).",
        )
    text = t(
        lang,
        f"3-month moving average to {month_name(found.period)}: {money(found.mma_usd_mn)}",
        f"{month_name(found.period, 'ko')}까지 3개월 이동평균: {money(found.mma_usd_mn, 'ko')}",
    )
    if found.mma_growth_pct is not None:
        text += t(
            lang,
            f", {signed_pct(found.mma_growth_pct)} on a year earlier (computed)",
            f", 1년 전보다 {growth(found.mma_growth_pct, 'ko')} (계산치)",
        )
    return text


def _mom_row(outcome: MomentumOutcome, lang: str) -> str:
    found = outcome.momentum
    assert found is not None
    if found.mom_pct is None or found.previous_usd_mn is None or found.level_usd_mn is None:
        return ""
    rounded = round(found.mom_pct, 1)
    way = "up" if rounded > 0 else "down" if rounded < 0 else "flat"
    way_ko = "증가" if rounded > 0 else "감소" if rounded < 0 else "보합"
    before = month_name(_previous(found.period), lang)
    return t(
        lang,
        f"On the month before ({before}, {money(found.previous_usd_mn)}): "
        f"{signed_pct(found.mom_pct)}, {way} (computed)",
        f"전월({before}, {money(found.previous_usd_mn, 'ko')}) 대비 "
        f"{abs(rounded):.1f}% {way_ko} (계산치)",
    )


def _previous(period: str) -> str:
    from kortrade.months import add_months

    return add_months(period, -1)
