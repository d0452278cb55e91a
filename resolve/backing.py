"""What backs a reply's text: the sources of what it shows and the months its chart draws.

Sources are listed in order of first use, each once; a source row is read from the store
once per data version (`StoreView.sources`). A chart covers the series answered, over
the 24 months up to the month (or span) asked, for context; when the question asked for
a chart of a span ("plot exports 2024"), over that span, widened to 12 months when
shorter; never before a series' first month. It reads the same series as the text
(`kortrade.data.answering`), so it draws every month the text answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from kortrade.data.digest import SourceRef, source_ref
from kortrade.data.facts import MonthFacts
from kortrade.data.series import SeriesKey
from kortrade.months import add_months
from kortrade.resolve.figures import Resolver
from kortrade.resolve.outcomes import ChartSpan, Line, MonthLine, NoFigure, SpanLine

if TYPE_CHECKING:
    from kortrade.data.store import Store

__all__ = ["CHART_MONTHS", "chart_span", "facts_source_ids", "line_source_ids", "refs"]

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


def _shown(lines: Iterable[Line]) -> list[MonthFacts]:
    """Every MonthFacts the lines show."""
    shown: list[MonthFacts] = []
    for line in lines:
        if isinstance(line, MonthLine):
            shown.extend([line.facts, *line.companions])
        elif isinstance(line, SpanLine):
            shown.extend([line.latest] if line.latest else [])
        else:
            shown.extend(f for f in (line.before, line.after) if f is not None)
            shown.extend(alt.facts for alt in line.alternatives if alt.facts is not None)
    return shown


def facts_source_ids(shown: Iterable[MonthFacts]) -> list[str]:
    ids: list[str] = []
    for facts in shown:
        ids.append(facts.source)
        if facts.other_basis is not None:
            ids.append(facts.other_basis.source)
    return ids


def line_source_ids(lines: Iterable[Line]) -> list[str]:
    """Sources of everything the lines show, the summed months of spans included."""
    ids: list[str] = []
    for line in lines:
        if isinstance(line, SpanLine):
            ids.extend(line.span.sources)
        if isinstance(line, NoFigure):
            ids.extend(s for alt in line.alternatives if alt.span for s in alt.span.sources)
        ids.extend(facts_source_ids(_shown([line])))
    return ids


def refs(store: Store, cache: dict[str, SourceRef], ids: Iterable[str]) -> tuple[SourceRef, ...]:
    """Source rows for ids, in first-use order; `cache` (per store) spares repeat reads."""
    found: list[SourceRef] = []
    seen: set[str] = set()
    for source_id in ids:
        if not source_id or source_id in seen:
            continue
        seen.add(source_id)
        ref = cache.get(source_id)
        if ref is None:
            ref = source_ref(source_id, store.source(source_id) or {})
            cache[source_id] = ref
        found.append(ref)
    return tuple(found)
