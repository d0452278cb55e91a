"""Which series and months a reply's chart draws.

The series answered, over the 24 months up to the month (or span) asked, for context;
when the question asked for a chart of a span ("plot exports 2024"), over that span,
widened to 12 months when shorter. Never before a series' first month. The chart reads
the same series as the text (`kortrade.data.answering`), so it draws every month the
text answers.
"""

from __future__ import annotations

from collections.abc import Iterable

from kortrade.data.series import SeriesKey
from kortrade.months import add_months
from kortrade.resolve.figures import Resolver
from kortrade.resolve.outcomes import ChartSpan, Line, MonthLine, SpanLine

__all__ = ["CHART_MONTHS", "chart_span"]

CHART_MONTHS = 24
_ASKED_MONTHS = 12


def chart_span(
    lines: Iterable[Line], resolver: Resolver, *, as_asked: bool = False
) -> ChartSpan | None:
    keys: list[SeriesKey] = []
    starts: list[str] = []
    ends: list[str] = []
    for line in lines:
        if isinstance(line, MonthLine):
            end = line.period
            start = add_months(end, 1 - CHART_MONTHS)
        elif isinstance(line, SpanLine):
            end = min(line.span.end, line.latest.period if line.latest else line.span.end)
            if as_asked:
                start = min(line.span.start, add_months(line.span.end, 1 - _ASKED_MONTHS))
            else:
                start = min(line.span.start, add_months(end, 1 - CHART_MONTHS))
        else:
            continue
        series = resolver.series(line.key)
        first = series.first if series is not None else None
        if first and start < first:
            start = first
        if line.key not in keys:
            keys.append(line.key)
        starts.append(start)
        ends.append(end)
    if not keys:
        return None
    return ChartSpan(tuple(keys), min(starts), max(ends))
