"""Record questions: the highest (lowest) month of a series in a span, its whole history,
or among one calendar month ("highest January exports"), read from its history."""

from __future__ import annotations

from kortrade.data.history import history
from kortrade.data.series import Series
from kortrade.intents import Intent, resolve_period
from kortrade.intents.spans import latest_spec
from kortrade.months import parse_month
from kortrade.resolve.figures import Resolver, key_of
from kortrade.resolve.outcomes import Line, MonthLine, NoFigure, RecordOutcome

__all__ = ["record"]


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
            scope = resolve_period(spec, series.last or "")
        elif spec.kind in ("month", "month_of_year") or (spec.kind == "latest" and spec.shift):
            answered = resolver.line(key, spec)
            if not isinstance(answered, MonthLine):
                found.append(answered)
                continue
            line = answered
        # "highest January exports": the record among Januaries, not of all months.
        calendar = spec.month if spec.kind == "month_of_year" else None
        by = "growth" if intent.record_by == "growth" and key.flow != "balance" else "value"
        found.append(_peak(series, direction, scope, line, calendar, by))
    return found


def _peak(
    series: Series,
    direction: str,
    scope: tuple[str, str] | None,
    line: MonthLine | None,
    calendar: int | None = None,
    by: str = "value",
) -> RecordOutcome | Line:
    found = history(series)
    levels = found.growth if by == "growth" else found.levels
    if scope is not None:
        levels = {p: v for p, v in levels.items() if scope[0] <= p <= scope[1]}
    if calendar is not None:
        levels = {p: v for p, v in levels.items() if parse_month(p)[1] == calendar}
    if not levels:
        return NoFigure(
            series.key,
            "gap",
            asked=scope[0] if scope else "",
            first=series.first,
            last=series.last,
        )
    pick = max if direction == "high" else min
    period, value = pick(levels.items(), key=lambda item: item[1])
    figure = series.customs.get(period)
    if by == "growth":  # the release states growth; customs growth is computed from levels
        figure = series.release.get(period) or figure
    elif figure is None or figure.value_usd_mn is None:
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
        measure=by,
    )
