"""What a reply carries besides its words: sources, the chart to draw, buttons, extras.

Kept apart from `kortrade.answer` (the pipeline) by concern. A chart covers the series
answered over the span asked, or the 24 months up to the month asked; buttons offer a
missing figure's nearest months and stand-ins as complete questions; sources are looked
up once per store and listed in order of first use.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from kortrade.answer import Button, ChartRequest
from kortrade.bot.replies.answer_lines import Names, label, span_range
from kortrade.bot.replies.answer_missing import question_for
from kortrade.bot.replies.answers import chart_title
from kortrade.bot.replies.format import month_name
from kortrade.data.digest import SourceRef
from kortrade.data.facts import MonthFacts
from kortrade.data.series import SeriesKey
from kortrade.months import add_months
from kortrade.outcomes import Line, MonthLine, NoFigure, SpanLine
from kortrade.resolve import first_of

if TYPE_CHECKING:
    from kortrade.resolve import Resolver

__all__ = [
    "CHART_MONTHS",
    "buttons",
    "chart",
    "extra",
    "facts_source_ids",
    "has_figure",
    "line_source_ids",
    "refs",
]

CHART_MONTHS = 24
_ASKED_MONTHS = 12


def has_figure(line: Line) -> bool:
    return not isinstance(line, NoFigure)


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


def refs(resolver: Resolver, cache: dict[str, SourceRef], ids: Iterable[str]) -> list[SourceRef]:
    """Source rows for ids, in first-use order; `cache` (per store) spares repeat reads."""
    found: list[SourceRef] = []
    seen: set[str] = set()
    for source_id in ids:
        if not source_id or source_id in seen:
            continue
        seen.add(source_id)
        ref = cache.get(source_id)
        if ref is None:
            row = resolver.store.source(source_id) or {}
            ref = SourceRef(
                source_id, row.get("publisher"), row.get("title"), row.get("url") or None
            )
            cache[source_id] = ref
        found.append(ref)
    return found


def chart(
    lines: Iterable[Line], resolver: Resolver, names: Names, lang: str, *, as_asked: bool = False
) -> ChartRequest | None:
    """The series answered, over the 24 months to the month (or span) asked, for context;
    with `as_asked` (the question asked for a chart of a span: "plot exports 2024") over
    that span, widened to 12 months when shorter."""
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
        first = first_of(series) if series is not None else None
        if first and start < first:
            start = first
        if line.key not in keys:
            keys.append(line.key)
        starts.append(start)
        ends.append(end)
    if not keys:
        return None
    start, end = min(starts), max(ends)
    return ChartRequest(tuple(keys), start, end, chart_title(keys, start, end, names, lang), lang)


def buttons(lines: Iterable[Line], names: Names, lang: str) -> tuple[Button, ...]:
    """For a missing figure: the nearest months and the stand-ins; for a span without a
    total, the months that add up; all as complete questions."""
    found: list[Button] = []
    for line in lines:
        if isinstance(line, SpanLine):
            found.extend(_covered_part(line, names, lang))
            continue
        if not isinstance(line, NoFigure):
            continue
        for near in (line.before, line.after):
            if near is not None:
                query = question_for(line.key, near.period, names, lang)
                found.append(Button(month_name(near.period, lang), query))
        if line.reason == "before_start" and line.first:
            query = question_for(line.key, line.first, names, lang)
            found.append(Button(month_name(line.first, lang), query))
        for alt in line.alternatives:
            moment = span_range(alt.span.start, alt.span.end, lang) if alt.span else None
            query = question_for(alt.key, alt.period, names, lang, moment=moment)
            found.append(Button(label(alt.key, names, lang), query))
    return tuple(list(dict.fromkeys(found))[:6])


def _covered_part(line: SpanLine, names: Names, lang: str) -> list[Button]:
    """A span with no total because its last months lack a level ("2025" without December):
    offer the months that do add up, as a question of its own. Never a sum in the reply
    itself, which would read as the whole span."""
    span = line.span
    if span.total_usd_mn is not None or not span.missing or not span.summable:
        return []
    first_gap = min(span.missing)
    if first_gap <= span.start:
        return []
    moment = span_range(span.start, add_months(first_gap, -1), lang)
    return [Button(moment, question_for(line.key, None, names, lang, moment=moment))]


def extra(lines: Iterable[Line]) -> dict[str, object]:
    """Machine-readable bits for tests and adapters: the months answered."""
    periods: list[str] = []
    for line in lines:
        if isinstance(line, MonthLine):
            periods.append(line.period)
        elif isinstance(line, SpanLine):
            periods.append(f"{line.span.start}..{line.span.end}")
    return {"periods": periods} if periods else {}
