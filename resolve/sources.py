"""The sources behind what a reply shows, in order of first use (each listed once).

A source row is read from the store once per store and data version (`StoreView.sources`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from kortrade.data.digest import SourceRef
from kortrade.data.facts import MonthFacts
from kortrade.resolve.outcomes import Line, MonthLine, NoFigure, SpanLine

if TYPE_CHECKING:
    from kortrade.data.store import Store

__all__ = ["facts_source_ids", "line_source_ids", "refs"]


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
            row = store.source(source_id) or {}
            ref = SourceRef(
                source_id, row.get("publisher"), row.get("title"), row.get("url") or None
            )
            cache[source_id] = ref
        found.append(ref)
    return tuple(found)
