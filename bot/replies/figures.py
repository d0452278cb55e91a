"""Figure replies: one or more series for a month or a span, and what stands in when a
figure is missing.

Each reply leads with the figure, then growth (stated, or computed from customs levels),
then the streak or record that makes it news, then the period, basis and sources, as
`/work/shared/questions.md` asks. The inputs are `kortrade.resolve.outcomes` lines
(already resolved against the data), so nothing here decides which figure answers; it
only says it: why another month answers ("not out yet"), why there is no figure
(before the data starts, a gap, no such series, an impossible date) with the nearest
months and stand-ins.
"""

from __future__ import annotations

from collections.abc import Sequence

from kortrade.bot.replies.facts import phrase_facts
from kortrade.bot.replies.josa import with_particle
from kortrade.bot.replies.phrases import (
    HS_NOTE,
    Names,
    balance,
    basis_words,
    figure,
    growth,
    label,
    money,
    month_name,
    months_list,
    press_release,
    source_lines,
    span_range,
    t,
    when,
)
from kortrade.data.digest import SourceRef
from kortrade.data.facts import Fact, MonthFacts, SpanFacts, Streak
from kortrade.data.series import SeriesKey
from kortrade.months import months_between, parse_month
from kortrade.resolve.outcomes import (
    Alternative,
    Line,
    MonthLine,
    NoFigure,
    SpanLine,
)

__all__ = ["body", "chart_title", "month_line", "no_figure", "span_line", "stand_in"]


def _footer(
    lines: Sequence[Line], lang: str, *, with_period: bool, sources: Sequence[SourceRef] = ()
) -> str | None:
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
        released = {line.facts.source for line in months if line.facts.basis == "release"}
        customs_press = press_release([ref for ref in sources if ref.id in released])
        words = basis_words(next(iter(bases)), lang, flow, customs_press=customs_press)
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


def has_hs(keys: Sequence[SeriesKey]) -> bool:
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
    """Figures for one or more subjects; `ignored` words are named as not understood, at
    the top, so a reply never looks like the answer to a question it did not read."""
    out: list[str] = []
    if ignored:
        words = ", ".join(f"“{word}”" for word in ignored)
        out.append(
            t(
                lang,
                f"I did not understand {words}; here is what I could read:",
                f"{with_particle(words, '은/는')} 이해하지 못했습니다. 읽은 부분에 대한 답입니다:",
            )
        )
    out.extend(body(lines, names, lang))
    footer = _footer(lines, lang, with_period=_shares_period(lines), sources=sources)
    if footer:
        out.append(footer)
    out.extend(source_lines(sources, lang))
    if has_hs(_keys(lines)):
        out.append(HS_NOTE[1 if lang == "ko" else 0])
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


_MAX_FACTS = 3


def _news_first(fact: Fact) -> int:
    """Double-digit runs are the headline a desk looks for: say them before plain runs."""
    return 0 if isinstance(fact, Streak) and fact.kind.startswith("double_digit") else 1


def _facts(facts: MonthFacts, lang: str) -> str:
    ordered = sorted(facts.facts, key=_news_first)
    clauses = phrase_facts(ordered, lang, balance=facts.key.flow == "balance")
    if not clauses:
        return ""
    return " — " + t(lang, "; ", ", ").join(clauses[:_MAX_FACTS])


def month_line(line: MonthLine, names: Names, lang: str, *, period: bool) -> list[str]:
    """The figure line (with the month when `period`), then the companions."""
    head = label(line.key, names, lang)
    if period:
        head += f" ({when(line, lang)})"
    news = _facts(line.facts, lang)
    if not news and line.previous_missing:
        gap = month_name(line.previous_missing, lang)
        news = t(
            lang,
            f" — no streak can be stated (no growth figure for {gap})",
            f" — 연속 여부 판단 불가 ({gap} 증감률 자료 없음)",
        )
    lines = [f"{head}: {figure(line.facts, lang)}{news}"]
    for companion in line.companions:
        extra = ""
        if companion.key.flow == "balance":
            clauses = phrase_facts(companion.facts, lang, balance=True)
            extra = f" — {clauses[0]}" if clauses else ""
        lines.append(f"{label(companion.key, names, lang)}: {figure(companion, lang)}{extra}")
    return lines


def _sum_words(span: SpanFacts, lang: str) -> str:
    if span.key.flow == "balance":
        return balance(span.total_usd_mn or 0.0, lang)
    return money(span.total_usd_mn or 0.0, lang)


def _whole_year(span: SpanFacts) -> bool:
    return span.start[:4] == span.end[:4] and (span.start[5:], span.end[5:]) == ("01", "12")


def span_line(
    line: SpanLine, names: Names, lang: str, *, with_label: bool = True, with_growth: bool = True
) -> list[str]:
    """A span's total and growth on the same span a year earlier (unless `with_growth` is
    False: a comparison states its own change), or what is missing."""
    span = line.span
    head = _span_head(line, names, lang, with_label=with_label)
    if not span.summable:
        no = t(
            lang, ": daily averages are rates and are not summed.", ": 일평균은 합산하지 않습니다."
        )
        out = [head + no]
    elif span.total_usd_mn is None:
        missing = months_list(span.missing, lang)
        no = t(
            lang,
            f": no total — no dollar figure for {missing}.",
            f": 합계 없음 — {missing} 금액 없음.",
        )
        out = [head + no]
    else:
        change = _span_change(span, lang) if with_growth else ""
        out = [f"{head}: {_sum_words(span, lang)}{change}" + ("." if with_growth else "")]
    if line.starts:
        first = month_name(line.starts, lang)
        out.append(t(lang, f"Records here start in {first}.", f"자료는 {first}부터 있습니다."))
    if line.latest is not None:
        latest = line.latest
        month = month_name(latest.period, lang)
        out.append(
            t(lang, f"Latest month with a figure, {month}: ", f"수치가 있는 최근 월({month}): ")
            + figure(latest, lang, other=False)
            + _facts(latest, lang)
        )
    return out


def _span_head(line: SpanLine, names: Names, lang: str, *, with_label: bool) -> str:
    """ "Exports, Q1 2021 (January–March 2021)"; the period leads in Korean."""
    span = line.span
    shown = line.label_ko if lang == "ko" else line.label
    months = span_range(span.start, span.end, lang)
    if _whole_year(span) and shown.endswith(("year to date", "누계")):
        shown = months  # "2021 so far" asked after 2021 ended is simply 2021
    if shown != months:
        shown += f" ({months})"
    if not with_label:
        return shown
    if lang == "ko":  # "2021년 1분기 (2021년 1~3월) 수출"
        return f"{shown} {label(line.key, names, lang)}"
    return f"{label(line.key, names, lang)}, {shown}"


def _span_change(span: SpanFacts, lang: str) -> str:
    """Growth on the same span a year earlier (a balance: the earlier total), or why none."""
    prior = span_range(span.prior_start, span.prior_end, lang)
    if span.yoy_pct is not None:
        return t(
            lang,
            f", {growth(span.yoy_pct)} on {prior} (computed from monthly levels)",
            f", {prior} 대비 {growth(span.yoy_pct, 'ko')} (월별 수치 합산으로 계산)",
        )
    if span.key.flow == "balance" and span.prior_total_usd_mn is not None:
        return t(
            lang,
            f" (in {prior}: {balance(span.prior_total_usd_mn)})",
            f" ({prior}: {balance(span.prior_total_usd_mn, 'ko')})",
        )
    if span.prior_missing:
        gaps = months_list(span.prior_missing, lang, limit=3)
        return t(
            lang,
            f"; no growth on a year earlier (no figure for {gaps})",
            f"; 전년 대비 증감률 없음 ({gaps} 수치 없음)",
        )
    return ""


#: A series this many months behind the asked month has stopped, not lagged a release.
_LAG_MONTHS = 2


def stand_in(line: MonthLine, names: Names, lang: str) -> str | None:
    """Why another month answers: "October 2026 is not out yet; the latest is …"."""
    if line.why == "stale":
        name = label(line.key, names, lang, start=False)
        month = month_name(line.period, lang)
        return t(
            lang,
            f"The latest figure for {name} here is from {month}:",
            f"{name}의 가장 최근 수치는 {month} 자료입니다:",
        )
    if line.asked is None:
        return None
    asked, latest = month_name(line.asked, lang), month_name(line.period, lang)
    spoken = line.asked_label_ko if lang == "ko" else line.asked_label
    if spoken:
        asked = spoken
    if line.why == "not_out":
        return t(
            lang,
            f"{asked} is not out yet; the latest is {latest}:",
            f"{asked} 수치는 아직 발표되지 않았습니다. 가장 최근은 {latest}입니다:",
        )
    if line.why == "not_loaded":  # due by now, but not ingested: "not out" would be false
        return t(
            lang,
            f"{asked} is not in my data yet; the latest I have is {latest}:",
            f"{asked} 수치는 아직 자료에 없습니다. 가장 최근은 {latest}입니다:",
        )
    name = label(line.key, names, lang, start=False)
    if line.asked and months_between(line.period, line.asked) > _LAG_MONTHS:
        # Months behind the asked month, well past a release lag: a gap, not "not yet".
        return t(
            lang,
            f"The stored figures for {name} end in {latest}; there is none for {asked}. {latest}:",
            f"{with_particle(name, '은/는')} {latest}까지만 저장되어 있어 {asked} 수치는 "
            f"없습니다. {latest}:",
        )
    return t(
        lang,
        f"No figure for {name} in {asked} yet; the latest is {latest}:",
        f"{name}의 {asked} 수치는 아직 없습니다. 가장 최근은 {latest}입니다:",
    )


def _alternative(alt: Alternative, names: Names, lang: str) -> str:
    name = label(alt.key, names, lang)
    if alt.span is not None and alt.span.total_usd_mn is not None:
        months = span_range(alt.span.start, alt.span.end, lang)
        total = alt.span.total_usd_mn
        amount = balance(total, lang) if alt.key.flow == "balance" else money(total, lang)
        return f"• {name} ({months}): {amount}"
    if alt.facts is None or alt.period is None:
        return f"• {name}"
    return f"• {name} ({month_name(alt.period, lang)}): {figure(alt.facts, lang, other=False)}"


def _is_month(text: str) -> bool:
    try:
        parse_month(text)
    except ValueError:
        return False
    return True


def no_figure(missing: NoFigure, names: Names, lang: str) -> list[str]:
    """Why there is nothing to show, and what there is instead."""
    name = label(missing.key, names, lang, start=False)
    asked = missing.asked_ko if lang == "ko" and missing.asked_ko else missing.asked
    if missing.reason != "invalid" and _is_month(asked):
        asked = month_name(asked, lang)
    first = month_name(missing.first, lang) if missing.first else ""
    out: list[str] = []
    if missing.reason == "invalid":
        out.append(
            t(
                lang,
                f"“{asked}” is not a month I can read. "
                "Try e.g. “exports January 2021” or “2021-01”.",
                f"{with_particle(f'“{asked}”', '은/는')} 올바른 날짜가 아닙니다. "
                "예: “수출 2021년 1월”, “2021-01”.",
            )
        )
    elif missing.reason == "no_series":
        out.append(
            t(
                lang,
                f"There are no figures for {name} in the data.",
                f"{name} 수치는 자료에 없습니다.",
            )
        )
    elif missing.reason == "before_start":
        out.append(
            t(
                lang,
                f"No figure for {name} in {asked}: records for {name} start in {first}.",
                f"{asked} {name} 수치는 없습니다. {name} 자료는 {first}부터 있습니다.",
            )
        )
    elif missing.reason == "no_calendar_month":
        last = month_name(missing.last, lang) if missing.last else ""
        out.append(
            t(
                lang,
                f"No {asked} figure for {name}: it has figures from {first} to {last}.",
                f"{name}의 {asked} 수치는 없습니다. 자료 기간: {first}~{last}.",
            )
        )
    else:
        out.append(t(lang, f"No figure for {name} in {asked}.", f"{asked} {name} 수치는 없습니다."))
    near = [f for f in (missing.before, missing.after) if f is not None]
    if near:
        out.append(t(lang, "Nearest months with a figure:", "수치가 있는 가까운 달:"))
        out.extend(f"• {month_name(f.period, lang)}: {figure(f, lang, other=False)}" for f in near)
    if missing.alternatives:
        out.append(t(lang, "What the data has instead:", "대신 있는 자료:"))
        out.extend(_alternative(alt, names, lang) for alt in missing.alternatives)
    return out
