"""Record replies: the highest (lowest) month in the span, the history or one calendar
month, and the asked month's own record facts.
"""

from __future__ import annotations

from collections.abc import Sequence

from kortrade.bot.replies.facts import phrase_fact
from kortrade.bot.replies.figures import body
from kortrade.bot.replies.josa import with_particle
from kortrade.bot.replies.phrases import (
    Names,
    balance,
    basis_words,
    figure,
    growth,
    label,
    money,
    month_name,
    month_of_year,
    source_lines,
    span_range,
    t,
    when,
)
from kortrade.data.digest import SourceRef
from kortrade.data.facts import Record
from kortrade.resolve.outcomes import Line, RecordOutcome

__all__ = ["record_text"]


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
    if outcome.measure == "growth":
        return (
            t(lang, "fastest growth", "최고 증가율")
            if outcome.direction == "high"
            else t(lang, "weakest growth", "최저 증가율")
        )
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
        if outcome.measure == "growth":
            pct = growth(outcome.peak_value, lang)
            value = t(lang, f"{pct} y/y", f"전년 동월 대비 {pct}")
        elif outcome.key.flow == "balance":
            value = balance(outcome.peak_value, lang)
        else:
            value = money(outcome.peak_value, lang)
        peak = month_name(outcome.peak_period, lang)
        basis = basis_words(outcome.basis, lang, outcome.key.flow)
        if outcome.scope is not None:
            span = span_range(*outcome.scope, lang)
            out.append(
                t(
                    lang,
                    f"{head}: the {words} in {span} was {peak}: {value} ({basis}).",
                    f"{head}: {span} 중 {with_particle(words, '은/는')} {peak}, {value} ({basis}).",
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
                    f"{head}: 집계 이래 {with_particle(words, '은/는')} {peak}, {value} "
                    f"({basis}; 자료 기간 {start}~{end}).",
                )
            )
        if outcome.line is not None:
            facts = outcome.line.facts
            records = [
                f
                for f in facts.records
                if f.measure == outcome.measure and f.direction == outcome.direction and f.notable
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
