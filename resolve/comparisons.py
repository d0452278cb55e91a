"""Comparison questions: each subject in two or more periods, and the change between them.

Changes between two periods are computed only from levels of one basis (or taken as the
later month's stated growth when the months are a year apart), and always flagged as
computed, as the dataset README asks. "This year vs 2025" in October compares
January-September of each, like with like.
"""

from __future__ import annotations

import dataclasses

from kortrade.data.series import SeriesKey
from kortrade.intents import Intent, PeriodSpec, resolve_period
from kortrade.intents.spans import latest_spec
from kortrade.months import add_months, months_between
from kortrade.resolve.figures import Resolver, key_of
from kortrade.resolve.outcomes import Line, MonthLine, NoFigure, PeriodComparison, SpanLine

__all__ = ["compare_periods"]

# -- periods compared -----------------------------------------------------------------------


def _answered(line: Line) -> bool:
    """A line that answers the period asked (not a stand-in month, not a gap)."""
    if isinstance(line, MonthLine):
        return line.why is None
    return isinstance(line, SpanLine) and line.span.total_usd_mn is not None


def _bounds(line: MonthLine | SpanLine) -> tuple[str, str]:
    if isinstance(line, MonthLine):
        return line.period, line.period
    return line.span.start, line.span.end


def _change(key: SeriesKey, lines: tuple[Line, ...]) -> PeriodComparison:
    answered = [
        line for line in lines if _answered(line) and isinstance(line, MonthLine | SpanLine)
    ]
    if len(answered) == 1 and len(lines) == 2 and key.flow != "balance":
        stated = _stated_on_a_gap(key, lines, answered[0])
        if stated is not None:
            return stated
    if len(answered) < 2:
        return PeriodComparison(key, lines)
    # Several periods: the change runs from the earliest to the latest of them.
    earlier, later = min(answered, key=_bounds), max(answered, key=_bounds)
    span_e, span_l = _bounds(earlier), _bounds(later)
    if span_e == span_l:
        return PeriodComparison(key, lines)
    value_e: float | None
    value_l: float | None
    if isinstance(earlier, MonthLine) and isinstance(later, MonthLine):
        facts_e, facts_l = earlier.facts, later.facts
        a_year_apart = months_between(facts_e.period, facts_l.period) == 12
        if key.flow != "balance" and a_year_apart and facts_l.yoy_pct is not None:
            return PeriodComparison(
                key,
                lines,
                change_pct=facts_l.yoy_pct,
                stated=not facts_l.yoy_computed,
                computed_from="customs" if facts_l.yoy_computed else None,
                earlier=span_e,
                later=span_l,
            )
        value_e, value_l = facts_e.level_usd_mn, facts_l.level_usd_mn
        same_basis = facts_e.level_basis == facts_l.level_basis
        basis = facts_l.level_basis if same_basis else None
    elif isinstance(earlier, SpanLine) and isinstance(later, SpanLine):
        value_e, value_l = earlier.span.total_usd_mn, later.span.total_usd_mn
        basis = "levels"
    else:  # a month against a span: no like-for-like change
        return PeriodComparison(key, lines)
    if value_e is None or value_l is None or basis is None:
        return PeriodComparison(key, lines, earlier=span_e, later=span_l)
    if key.flow == "balance":
        change_usd = value_l - value_e
        return PeriodComparison(
            key, lines, change_usd_mn=change_usd, computed_from=basis, earlier=span_e, later=span_l
        )
    if value_e == 0:
        return PeriodComparison(key, lines, earlier=span_e, later=span_l)
    change = (value_l / value_e - 1.0) * 100.0
    return PeriodComparison(
        key, lines, change_pct=change, computed_from=basis, earlier=span_e, later=span_l
    )


def _stated_on_a_gap(
    key: SeriesKey, lines: tuple[Line, ...], only: Line
) -> PeriodComparison | None:
    """ "Crude oil imports July 2026 vs a year earlier" when July 2025 has no level here:
    the later month's own growth on a year earlier still answers (as released, or computed
    from customs levels), never a blank."""
    other = lines[1] if lines[0] is only else lines[0]
    if not isinstance(only, MonthLine) or not isinstance(other, NoFigure):
        return None
    facts = only.facts
    if other.reason != "gap" or other.asked != add_months(facts.period, -12):
        return None
    if facts.yoy_pct is None:
        return None
    return PeriodComparison(
        key,
        lines,
        change_pct=facts.yoy_pct,
        stated=not facts.yoy_computed,
        computed_from="customs" if facts.yoy_computed else None,
        earlier=(other.asked, other.asked),
        later=(facts.period, facts.period),
    )


def _like_for_like(specs: tuple[PeriodSpec, ...], last: str) -> tuple[PeriodSpec, ...]:
    """Cut whole spans to the months a "so far" span has ("this year vs 2025" in
    October: January-September of each), so the change compares like with like."""
    cut = None
    for spec in specs:
        if spec.kind == "span" and spec.open_end and spec.start and spec.end and last:
            bounds = resolve_period(spec, last)
            nominal = months_between(spec.start, spec.end) + 1
            if bounds is not None and months_between(*bounds) + 1 < nominal:
                cut = (nominal, months_between(*bounds) + 1)
                break
    if cut is None:
        return specs
    nominal, kept = cut
    out = []
    for spec in specs:
        whole = spec.kind == "span" and not spec.open_end and spec.start and spec.end
        if (
            whole
            and spec.start
            and spec.end
            and months_between(spec.start, spec.end) + 1 == nominal
        ):
            spec = dataclasses.replace(
                spec,
                end=add_months(spec.start, kept - 1),
                label=f"{spec.label}, same months",
                label_ko=f"{spec.label_ko} 같은 기간",
            )
        out.append(spec)
    return tuple(out)


def compare_periods(resolver: Resolver, intent: Intent) -> list[PeriodComparison]:
    """Each subject in each period ("exports Jan 2021 vs Jan 2020"), with the change."""
    specs = intent.periods or (intent.period or latest_spec(),)
    found = []
    for subject in intent.subjects:
        key = key_of(subject)
        series = resolver.series(key)
        fair = _like_for_like(specs[:4], (series.last or "") if series is not None else "")
        lines = tuple(resolver.line(key, spec) for spec in fair)
        found.append(_change(key, lines))
    return found
