"""The question kinds beyond "a figure": comparisons of periods, streaks, records.

Each function reads the store through a `Resolver` and returns `kortrade.outcomes`
dataclasses; none of them words anything. Changes between two periods are computed
only from levels of one basis (or taken as the later month's stated growth when the
months are a year apart), and always flagged as computed, as the dataset README asks.
Rankings are in `kortrade.resolve_rank` (re-exported here).
"""

from __future__ import annotations

import dataclasses
import logging

from kortrade.data.facts import Fact
from kortrade.data.history import history
from kortrade.data.series import Series, SeriesKey
from kortrade.intents import Intent, PeriodSpec, resolve_period
from kortrade.intents.spans import latest_spec, month_spec
from kortrade.months import add_months, months_between, parse_month
from kortrade.outcomes import (
    Line,
    MonthLine,
    NoFigure,
    PeriodComparison,
    RecordOutcome,
    SpanLine,
    StreakOutcome,
)
from kortrade.resolve import Resolver, first_of, key_of, last_of
from kortrade.resolve_rank import ranking

__all__ = ["compare_periods", "ranking", "record", "streak"]

logger = logging.getLogger(__name__)

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
        fair = _like_for_like(specs[:4], (last_of(series) or "") if series is not None else "")
        lines = tuple(resolver.line(key, spec) for spec in fair)
        found.append(_change(key, lines))
    return found


# -- streaks ---------------------------------------------------------------------------------


def _wanted(intent: Intent, flow: str) -> tuple[str, ...]:
    """Streak kinds the words ask for, most specific first; () means any."""
    direction = intent.direction
    if flow == "balance":
        if direction == "up":
            return ("surplus",)
        if direction == "down":
            return ("deficit",)
        return ()
    if intent.double_digit:
        return ("double_digit_decline",) if direction == "down" else ("double_digit_rise",)
    if direction == "up":
        return ("rise", "double_digit_rise")
    if direction == "down":
        return ("decline", "double_digit_decline")
    return ()


def streak(resolver: Resolver, intent: Intent) -> list[StreakOutcome | Line]:
    """The run each subject is on at the asked month (the latest by default; a span's
    last month)."""
    spec = intent.period or latest_spec()
    if spec.kind == "span" and spec.is_valid:
        # "deficit streak 2022": the run as the span ends (December 2022), not today's.
        bounds = resolve_period(spec, resolver.latest or spec.end or "")
        if bounds is not None:
            year, month = parse_month(bounds[1])
            spec = month_spec(year, month, bounds[1])
    elif spec.kind == "trailing":
        spec = latest_spec()
    found: list[StreakOutcome | Line] = []
    for subject in intent.subjects:
        line = resolver.line(key_of(subject), spec)
        if not isinstance(line, MonthLine):
            found.append(line)
            continue
        facts = line.facts
        wanted = _wanted(intent, line.key.flow)
        streaks = [f for f in facts.streaks if f.months >= 2]
        match = next((s for kind in wanted for s in streaks if s.kind == kind), None)
        if match is None and not wanted and streaks:
            match = max(streaks, key=lambda s: (s.months, s.kind.startswith("double")))
        instead: list[Fact] = []
        single = None
        if match is None:
            instead = [*streaks, *(f for f in facts.firsts if f.notable)]
            # In the wanted state this month, but not the month before: a one-month run
            # (for "any run", the month's own state, which may follow a gap).
            single = next(
                (s for s in facts.streaks if (s.kind == wanted[0] if wanted else s.months == 1)),
                None,
            )
        found.append(
            StreakOutcome(line, wanted[0] if wanted else "any", match, tuple(instead), single)
        )
    return found


# -- records ---------------------------------------------------------------------------------


def record(resolver: Resolver, intent: Intent) -> list[RecordOutcome | Line]:
    """The highest (lowest) month of each subject in the asked span or the whole history;
    for an asked month, that month's own record facts."""
    spec = intent.period
    direction = "low" if intent.record_kind == "lowest" else "high"
    found: list[RecordOutcome | Line] = []
    for subject in intent.subjects:
        key = key_of(subject)
        if key.flow == "balance" and intent.direction == "down":
            direction = "low"  # "record deficit": the most negative balance
        series = resolver.series(key)
        if series is None or spec is None or not spec.is_valid:
            found.append(resolver.line(key, spec or latest_spec()))
            continue
        scope = None
        line = None
        if spec.kind in ("span", "trailing"):
            scope = resolve_period(spec, last_of(series) or "")
        elif spec.kind in ("month", "month_of_year") or (spec.kind == "latest" and spec.shift):
            answered = resolver.line(key, spec)
            if not isinstance(answered, MonthLine):
                found.append(answered)
                continue
            line = answered
        # "highest January exports": the record among Januaries, not of all months.
        calendar = spec.month if spec.kind == "month_of_year" else None
        found.append(_peak(series, direction, scope, line, calendar))
    return found


def _peak(
    series: Series,
    direction: str,
    scope: tuple[str, str] | None,
    line: MonthLine | None,
    calendar: int | None = None,
) -> RecordOutcome | Line:
    levels = history(series).levels
    if scope is not None:
        levels = {p: v for p, v in levels.items() if scope[0] <= p <= scope[1]}
    if calendar is not None:
        levels = {p: v for p, v in levels.items() if parse_month(p)[1] == calendar}
    if not levels:
        return NoFigure(
            series.key,
            "gap",
            asked=scope[0] if scope else "",
            first=first_of(series),
            last=last_of(series),
        )
    pick = max if direction == "high" else min
    period, value = pick(levels.items(), key=lambda item: item[1])
    figure = series.customs.get(period)
    if figure is None or figure.value_usd_mn is None:
        figure = series.release.get(period)
    return RecordOutcome(
        key=series.key,
        direction=direction,
        peak_period=period,
        peak_value=value,
        history_start=min(levels),
        history_end=max(levels),
        basis=figure.basis if figure is not None else "release",
        scope=scope,
        line=line,
        source=figure.source if figure is not None else None,
        calendar=calendar,
    )
