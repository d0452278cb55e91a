"""Replies to questions, in English or Korean: figures, comparisons, help, asking back.

Each reply leads with the figure, then growth (stated, or computed from customs levels),
then the streak or record that makes it news, then the period, basis and sources, as
`/work/shared/questions.md` asks. The inputs are `kortrade.outcomes` (already resolved
against the data), so nothing here decides which figure answers; it only says it.
Rankings, streaks and records are worded in `answer_kinds`. Imports no telegram.
"""

from __future__ import annotations

from collections.abc import Sequence

from kortrade.bot.replies.answer_lines import (
    HS_NOTE,
    Names,
    basis_words,
    figure,
    label,
    month_line,
    span_line,
    span_range,
    t,
    when,
)
from kortrade.bot.replies.answer_missing import no_figure, source_lines, stand_in
from kortrade.bot.replies.format import growth, money
from kortrade.data.digest import SourceRef
from kortrade.data.series import SeriesKey
from kortrade.intents import Clarification
from kortrade.resolve.outcomes import (
    Line,
    MonthLine,
    NoFigure,
    PeriodComparison,
    SpanLine,
)

__all__ = [
    "body",
    "chart_title",
    "clarify_text",
    "compare_text",
    "figure_text",
    "help_text",
    "unknown_text",
]

_HELP = {
    "en": (
        "Ask me about South Korea's monthly trade figures in English or Korean: exports, "
        "imports and the balance, by item and partner, with y/y growth, streaks and records.\n\n"
        "Examples:\n"
        "• semiconductor exports January 2021\n"
        "• exports to the US and EU Jan 2021\n"
        "• trade balance last month\n"
        "• exports Q1 2021 / exports 2021 so far\n"
        "• which items grew most in January 2021\n"
        "• how long has the surplus lasted\n"
        "• semiconductors vs autos last 12 months (with a chart)\n"
        "• 반도체 수출 2021년 1월"
    ),
    "ko": (
        "한국의 월간 수출입 통계를 한국어나 영어로 물어보세요: 수출, 수입, 무역수지, "
        "품목별·지역별 수치와 전년 동월 대비 증감률, 연속 기록, 최고치.\n\n"
        "예시:\n"
        "• 반도체 수출 2021년 1월\n"
        "• 미국과 EU 수출 2021년 1월\n"
        "• 지난달 무역수지\n"
        "• 수출 2021년 1분기 / 2021년 누계 수출\n"
        "• 2021년 1월 가장 많이 늘어난 품목\n"
        "• 무역수지 몇 달 연속\n"
        "• 반도체 vs 자동차 최근 12개월 (차트)\n"
        "• semiconductor exports January 2021"
    ),
}


def help_text(lang: str) -> str:
    return _HELP["ko" if lang == "ko" else "en"]


# -- figures ----------------------------------------------------------------------------------


def _footer(lines: Sequence[Line], lang: str, *, with_period: bool) -> str | None:
    """ "January 2021 · preliminary release (published 2021-02-01)": the period (when the
    lines share one), then the basis of every figure shown."""
    months = [line for line in lines if isinstance(line, MonthLine)]
    spans = [line for line in lines if isinstance(line, SpanLine)]
    flows = {line.key.flow for line in months} | {line.key.flow for line in spans}
    flow = next(iter(flows)) if len(flows) == 1 else None
    bases = {line.facts.basis for line in months}
    summed: set[str] = set()
    for line in spans:
        if line.span.total_usd_mn is not None:
            summed.update(line.span.bases)
        if line.latest is not None:
            bases.add(line.latest.basis)
    if not (bases or summed):
        return None
    if summed and not months:
        words = t(lang, " and ", " 및 ").join(basis_words(b, lang, flow) for b in sorted(summed))
        return t(lang, f"Basis: {words}, summed by month", f"기준: {words}, 월별 합산")
    bases |= summed
    parts = [when(months[0], lang)] if with_period and months else []
    if len(bases) == 1:
        words = basis_words(next(iter(bases)), lang, flow)
        published = {line.facts.published_on for line in months}
        day = next(iter(published)) if len(published) == 1 and not spans else None
        if day:
            words += t(lang, f" (published {day})", f" ({day} 발표)")
        parts.append(words)
    else:
        parts.append(t(lang, "preliminary release and customs figures", "잠정 발표 및 관세청 수치"))
    if len(parts) == 1:
        return t(lang, "Basis: ", "기준: ") + parts[0]
    return " · ".join(parts)


def _shares_period(lines: Sequence[Line]) -> bool:
    months = [line for line in lines if isinstance(line, MonthLine)]
    return bool(months) and len({(m.period, m.relative, m.month_of_year) for m in months}) == 1


def _has_hs(keys: Sequence[SeriesKey]) -> bool:
    return any(key.product == "hs8542" for key in keys)


def _keys(lines: Sequence[Line]) -> list[SeriesKey]:
    keys = [line.key for line in lines]
    for line in lines:
        if isinstance(line, NoFigure):
            keys.extend(alt.key for alt in line.alternatives)
    return keys


def body(lines: Sequence[Line], names: Names, lang: str) -> list[str]:
    """One block per line; several subjects get bullets, one each."""
    shared = _shares_period(lines)
    bullets = len(lines) > 1
    out: list[str] = []
    for line in lines:
        if isinstance(line, MonthLine):
            preface = stand_in(line, names, lang)
            if preface:
                out.append(preface)
            rows = month_line(line, names, lang, period=bullets and not shared)
        elif isinstance(line, SpanLine):
            rows = span_line(line, names, lang)
        else:
            rows = no_figure(line, names, lang)
        if bullets:
            rows = [f"• {rows[0]}", *(f"  {row}" for row in rows[1:])]
        out.extend(rows)
    return out


def figure_text(
    lines: Sequence[Line],
    names: Names,
    lang: str,
    sources: Sequence[SourceRef] = (),
    *,
    ignored: Sequence[str] = (),
) -> str:
    """Figures for one or more subjects; `ignored` words are named as not understood."""
    out = body(lines, names, lang)
    footer = _footer(lines, lang, with_period=_shares_period(lines))
    if footer:
        out.append(footer)
    out.extend(source_lines(sources, lang))
    if _has_hs(_keys(lines)):
        out.append(HS_NOTE[1 if lang == "ko" else 0])
    if ignored:
        words = ", ".join(f"“{word}”" for word in ignored)
        out.append(
            t(lang, f"(I did not understand {words}.)", f"({words}은(는) 이해하지 못했습니다.)")
        )
    return "\n".join(out)


def chart_title(keys: Sequence[SeriesKey], start: str, end: str, names: Names, lang: str) -> str:
    """ "Exports: semiconductors vs automobiles, …" when only the item differs (not
    "Exports of semiconductors vs Exports of automobiles")."""
    span = span_range(start, end, lang)
    shared = {(key.flow, key.partner) for key in keys}
    if len(keys) > 1 and len(shared) == 1 and all(key.product != "all" for key in keys):
        flow, partner = next(iter(shared))
        items = " vs ".join(names.name(key.product, lang) for key in keys)
        return f"{label(SeriesKey(flow, 'all', partner), names, lang)}: {items}, {span}"
    labels = [label(key, names, lang, start=n == 0) for n, key in enumerate(keys)]
    return f"{' vs '.join(labels)}, {span}"


# -- periods compared ------------------------------------------------------------------------


def _change_words(comparison: PeriodComparison, lang: str) -> str | None:
    """The answer of a comparison, to lead its reply: "+11.4% in January 2021 on January
    2020 (growth as stated for January 2021)" / "2021년 1월, 2020년 1월 대비 11.4% 증가 (…)"."""
    if comparison.earlier is None or comparison.later is None:
        return None
    earlier, later = span_range(*comparison.earlier, lang), span_range(*comparison.later, lang)
    if comparison.change_usd_mn is not None:
        amount = money(comparison.change_usd_mn, lang)
        if comparison.change_usd_mn > 0:
            amount = "+" + amount
        return t(
            lang,
            f"{amount} in {later} on {earlier} (computed from the two balances)",
            f"{later}, {earlier} 대비 {amount} (두 수지로 계산)",
        )
    if comparison.change_pct is None:
        return None
    pct = growth(comparison.change_pct, lang)
    if comparison.stated:
        how = t(lang, f"growth as stated for {later}", f"{later} 발표 증감률")
    else:
        source = comparison.computed_from or "levels"
        basis = (
            basis_words(source, lang)
            if source in ("release", "customs")
            else t(lang, "summed monthly", "월별 합산")
        )
        # "관세청 확정치로 계산", never "확정치 수치로"
        ko_basis = f"{basis}로" if basis.endswith("치") else f"{basis} 수치로"
        how = t(lang, f"computed from {basis} levels", f"{ko_basis} 계산")
    return t(
        lang, f"{pct} in {later} on {earlier} ({how})", f"{later}, {earlier} 대비 {pct} ({how})"
    )


def compare_text(
    comparisons: Sequence[PeriodComparison],
    names: Names,
    lang: str,
    sources: Sequence[SourceRef] = (),
) -> str:
    """The change between the periods first, then each period's figure, one a line.

    With a change stated, a span's row is its total only: its own growth on a year
    earlier would repeat or muddle the answer. The other basis is shown only when the
    change was computed from it (customs levels behind a growth-only release).
    """
    out: list[str] = []
    for comparison in comparisons:
        change = _change_words(comparison, lang)
        head = label(comparison.key, names, lang)
        out.append(f"{head}: {change}." if change else head + ":")
        other = comparison.computed_from == "customs"
        for line in comparison.lines:
            if isinstance(line, MonthLine):
                preface = stand_in(line, names, lang)
                if preface:
                    out.append(f"• {preface}")
                out.append(f"• {when(line, lang)}: {figure(line.facts, lang, other=other)}")
            elif isinstance(line, SpanLine):
                rows = span_line(line, names, lang, with_label=False, with_growth=change is None)
                out.extend([f"• {rows[0]}", *(f"  {row}" for row in rows[1:])])
            else:
                rows = no_figure(line, names, lang)
                out.extend([f"• {rows[0]}", *(f"  {row}" for row in rows[1:])])
    out.extend(source_lines(sources, lang))
    if _has_hs([c.key for c in comparisons]):
        out.append(HS_NOTE[1 if lang == "ko" else 0])
    return "\n".join(out)


# -- asking back and not understanding -----------------------------------------------------------


def clarify_text(clarification: Clarification, names: Names, lang: str) -> str:
    if clarification.question == "ambiguous_term" and clarification.term:
        options = t(lang, " or ", " 또는 ").join(
            (o.label_ko if lang == "ko" else o.label_en) for o in clarification.options
        )
        return t(
            lang,
            f"Did you mean {options} (you typed “{clarification.term}”)? Pick one:",
            f"“{clarification.term}”: {options} 중 어느 것인가요?",
        )
    return t(
        lang,
        "That is a broad question. Which figure would you like? Pick one, or ask e.g. "
        "“exports January 2021”:",
        "질문이 넓습니다. 어떤 수치를 원하세요? "
        "아래에서 고르거나 “수출 2021년 1월”처럼 물어보세요:",
    )


def unknown_text(
    terms: Sequence[str],
    suggestions: Sequence[str],
    items: Sequence[str],
    names: Names,
    lang: str,
    *,
    partners: Sequence[str] = (),
) -> str:
    """No such item: say so, suggest close names, list what there is. With `partners`
    (the word stood where a partner goes: "exports to Germany") the partners are listed."""
    listed = ", ".join(names.name(slug, lang) for slug in (partners or items))
    if not terms:
        return (
            t(
                lang,
                "I did not find a question about Korea's trade figures in that.",
                "한국 수출입 통계에 대한 질문을 찾지 못했습니다.",
            )
            + "\n\n"
            + help_text(lang)
        )
    quoted = ", ".join(f"“{term}”" for term in terms[:3])
    if partners:
        first = t(
            lang,
            f"There is no trading partner called {quoted} in the data.",
            f"{quoted}(이)라는 교역 상대는 자료에 없습니다.",
        )
    else:
        first = t(
            lang,
            f"There is no item called {quoted} in the data (nor a trading partner by that name).",
            f"{quoted}(이)라는 품목이나 교역 상대는 자료에 없습니다.",
        )
    out = [first]
    if suggestions:
        close = t(lang, " or ", " 또는 ").join(names.name(slug, lang) for slug in suggestions[:3])
        out.append(t(lang, f"Did you mean {close}?", f"혹시 {close}인가요?"))
    if partners:
        out.append(t(lang, f"Partners: {listed}.", f"교역 상대: {listed}."))
    else:
        out.append(t(lang, f"Items: {listed}.", f"품목: {listed}."))
    return "\n".join(out)
