"""Phrases the answer replies are built from: series labels, one figure, one line.

Money, growth and months come from `format`, streaks and records from `facts`, so a
figure reads the same in an answer, a digest and a chart. A figure leads with the level,
then the y/y growth and whether it was stated or computed from customs levels; a line
adds the facts that make it news. What is missing or replaced, and sources, are worded
in `answer_missing`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from kortrade.bot.replies.facts import phrase_facts
from kortrade.bot.replies.format import balance, growth, money, month_name, month_of_year
from kortrade.data.facts import Fact, MonthFacts, SpanFacts, Streak
from kortrade.data.series import SeriesKey
from kortrade.months import parse_month, to_index
from kortrade.resolve.outcomes import MonthLine, SpanLine

__all__ = [
    "HS_NOTE",
    "Names",
    "basis_words",
    "cap",
    "figure",
    "label",
    "month_line",
    "months_list",
    "span_line",
    "span_range",
    "t",
    "when",
]

#: Said whenever HS 8542 is shown: it is narrower than the ministry's semiconductors item.
HS_NOTE = (
    "Note: HS 8542 (integrated circuits) is a customs code narrower than the ministry's "
    "semiconductors item; it is not the same figure.",
    "참고: HS 8542(전자집적회로)는 산업부 반도체 품목보다 좁은 관세 품목 분류로, "
    "같은 수치가 아닙니다.",
)
_MAX_FACTS = 3
#: How Korean trade reports say "to/with" these partners (대미 수출, not 대미국 수출).
_KO_TOWARDS = {"united_states": "대미", "japan": "대일", "eu": "대EU"}


class Names(Protocol):
    """Display names of slugs (`kortrade.intents.Vocabulary` is one)."""

    def name(self, slug: str, lang: str = "en") -> str: ...


def t(lang: str, en: str, ko: str) -> str:
    return ko if lang == "ko" else en


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# -- labels ----------------------------------------------------------------------------------


def label(key: SeriesKey, names: Names, lang: str, *, start: bool = True) -> str:
    """ "Exports of semiconductors to China" / "대중국 반도체 수출"; `start=False` for
    mid-sentence use ("records for exports of automobiles start …")."""
    flow = names.name(key.flow, lang)
    item = names.name(key.product, lang) if key.product != "all" else ""
    partner = names.name(key.partner, lang) if key.partner != "world" else ""
    if lang == "ko":
        where = ""
        if partner:
            where = (
                partner if key.partner == "others" else _KO_TOWARDS.get(key.partner, f"대{partner}")
            )
        return " ".join(part for part in (where, item, flow) if part)
    text = cap(flow) if start else flow
    if item:
        text += f" of {item}"
    if partner:
        preposition = {"import": "from", "balance": "with"}.get(key.flow, "to")
        text += f" {preposition} {partner}"
    return text


def when(line: MonthLine, lang: str) -> str:
    """The month a line answers, with the phrase it was asked by ("last month (…)")."""
    month = month_name(line.period, lang)
    relative = line.relative_ko if lang == "ko" else line.relative
    if relative and relative not in ("latest", "최근"):
        return f"{relative} ({month})"
    if line.month_of_year:
        calendar = month_of_year(parse_month(line.period)[1], lang)
        return t(
            lang, f"{month}, the latest {calendar} with data", f"{month} (가장 최근 {calendar})"
        )
    return month


def span_range(start: str, end: str, lang: str) -> str:
    """ "January–March 2021" / "2021년 1~3월"; one month reads as that month, a whole
    calendar year as the year."""
    if start == end:
        return month_name(start, lang)
    (y1, m1), (y2, m2) = parse_month(start), parse_month(end)
    if y1 == y2 and (m1, m2) == (1, 12):
        return f"{y1}년" if lang == "ko" else str(y1)
    if lang == "ko":
        if y1 == y2:
            return f"{y1}년 {m1}~{m2}월"
        return f"{y1}년 {m1}월~{y2}년 {m2}월"
    first = month_name(start).split()[0]
    if y1 == y2:
        return f"{first}–{month_name(end)}"
    return f"{month_name(start)}–{month_name(end)}"


def months_list(periods: Sequence[str], lang: str, limit: int = 6) -> str:
    """Months as runs: "March 2026, May–July 2026"; long lists end in "and N more"."""
    runs: list[tuple[str, str]] = []
    for period in sorted(periods):
        if runs and to_index(period) - to_index(runs[-1][1]) == 1:
            runs[-1] = (runs[-1][0], period)
        else:
            runs.append((period, period))
    shown = [span_range(a, b, lang) for a, b in runs[:limit]]
    if len(runs) > limit:
        shown.append(t(lang, f"and {len(runs) - limit} more", f"외 {len(runs) - limit}건"))
    return ", ".join(shown)


# -- one figure -----------------------------------------------------------------------------


def _yoy(pct: float, lang: str, *, computed: bool) -> str:
    if lang == "ko":
        text = f"전년 동월 대비 {growth(pct, 'ko')}"
        return text + (" (관세청 수치로 계산)" if computed else "")
    return f"{growth(pct)} y/y" + (" (computed from customs levels)" if computed else "")


def figure(facts: MonthFacts, lang: str, *, other: bool = True) -> str:
    """ "$48.01bn, +11.4% y/y" (+ the other basis when it tells more, + a revision)."""
    parts: list[str] = []
    value = facts.value_usd_mn
    if value is not None:
        parts.append(balance(value, lang) if facts.key.flow == "balance" else money(value, lang))
    if facts.yoy_pct is not None and facts.key.flow != "balance":
        parts.append(_yoy(facts.yoy_pct, lang, computed=facts.yoy_computed))
    text = ", ".join(parts)
    other_level = other and facts.other_basis is not None and facts.other_basis.value_usd_mn
    if value is None and facts.yoy_pct is not None and not other_level:
        # (When the other basis gives the dollar figure, it follows at once.)
        text += t(lang, " (no dollar figure stated)", " (금액 미발표)")
    elif value is not None and facts.yoy_pct is None and facts.key.flow != "balance":
        if facts.basis == "customs":
            text += t(lang, " (no figure a year earlier to compute growth)", " (전년 수치 없음)")
        else:
            text += t(lang, " (no y/y growth stated)", " (증감률 미발표)")
    elif not parts:
        text = t(lang, "no figure stated", "수치 없음")
    revised = facts.revised_from
    if revised is not None and revised.value_usd_mn is not None and value is not None:
        text += t(
            lang,
            f" (revised from {money(revised.value_usd_mn)})",
            f" (수정 전 {money(revised.value_usd_mn, 'ko')})",
        )
    if other:
        text += _other_basis(facts, lang)
    return text


def _other_basis(facts: MonthFacts, lang: str) -> str:
    other = facts.other_basis
    if other is None:
        return ""
    bits = []
    shown = money(facts.value_usd_mn, lang) if facts.value_usd_mn is not None else None
    if other.value_usd_mn is not None:
        amount = (
            balance(other.value_usd_mn, lang)
            if facts.key.flow == "balance"
            else money(other.value_usd_mn, lang)
        )
        if amount != shown:
            bits.append(amount)
    if facts.other_yoy_pct is not None and facts.key.flow != "balance":
        bits.append(growth(facts.other_yoy_pct, lang, computed=facts.other_yoy_computed))
    if not bits:
        return ""
    name = basis_words(other.basis, lang, facts.key.flow)
    return f"; {name}: " + ", ".join(bits)


def basis_words(basis: str, lang: str, flow: str | None = None) -> str:
    """ "customs final" / "preliminary release"; a customs balance is computed (customs
    exports minus customs imports: the store has no customs balance rows), so it says so."""
    if basis == "customs" and flow == "balance":
        return t(lang, "customs final exports minus imports", "관세청 확정 수출−수입")
    if basis == "customs":
        return t(lang, "customs final", "관세청 확정치")
    return t(lang, "preliminary release", "잠정 발표")


def _news_first(fact: Fact) -> int:
    """Double-digit runs are the headline a desk looks for: say them before plain runs."""
    return 0 if isinstance(fact, Streak) and fact.kind.startswith("double_digit") else 1


def _facts(facts: MonthFacts, lang: str) -> str:
    ordered = sorted(facts.facts, key=_news_first)
    clauses = phrase_facts(ordered, lang, balance=facts.key.flow == "balance")
    if not clauses:
        return ""
    return " — " + t(lang, "; ", ", ").join(clauses[:_MAX_FACTS])


# -- lines ----------------------------------------------------------------------------------


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
    shown = line.label_ko if lang == "ko" else line.label
    months = span_range(span.start, span.end, lang)
    if _whole_year(span) and shown.endswith(("year to date", "누계")):
        shown = months  # "2021 so far" asked after 2021 ended is simply 2021
    if shown != months:
        shown += f" ({months})"
    if not with_label:
        head = shown
    elif lang == "ko":  # "2021년 1분기 (2021년 1~3월) 수출": the period leads in Korean
        head = f"{shown} {label(line.key, names, lang)}"
    else:
        head = f"{label(line.key, names, lang)}, {shown}"
    out: list[str] = []
    if not span.summable:
        out.append(
            head
            + t(
                lang,
                ": daily averages are rates and are not summed.",
                ": 일평균은 합산하지 않습니다.",
            )
        )
    elif span.total_usd_mn is None:
        missing = months_list(span.missing, lang)
        out.append(
            head
            + t(
                lang,
                f": no total — no dollar figure for {missing}.",
                f": 합계 없음 — {missing} 금액 없음.",
            )
        )
    else:
        text = f"{head}: {_sum_words(span, lang)}"
        prior = span_range(span.prior_start, span.prior_end, lang)
        if not with_growth:
            pass
        elif span.yoy_pct is not None:
            text += t(
                lang,
                f", {growth(span.yoy_pct)} on {prior} (computed from monthly levels)",
                f", {prior} 대비 {growth(span.yoy_pct, 'ko')} (월별 수치 합산으로 계산)",
            )
        elif span.key.flow == "balance" and span.prior_total_usd_mn is not None:
            text += t(
                lang,
                f" (in {prior}: {balance(span.prior_total_usd_mn)})",
                f" ({prior}: {balance(span.prior_total_usd_mn, 'ko')})",
            )
        elif span.prior_missing:
            gaps = months_list(span.prior_missing, lang, limit=3)
            text += t(
                lang,
                f"; no growth on a year earlier (no figure for {gaps})",
                f"; 전년 대비 증감률 없음 ({gaps} 수치 없음)",
            )
        out.append(text + ("." if with_growth else ""))
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
