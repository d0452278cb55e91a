"""Per-Series memos for the answer path: month facts and sorted periods.

The store hands out the same `Series` object until its data changes, so a memo keyed by
the object's identity (and holding the object, so the id stays unique) can never be
stale; a question then costs a parse plus a few dictionary look-ups.
"""

from __future__ import annotations

import contextlib

from kortrade.data.facts import MonthFacts, month_facts
from kortrade.data.series import Series

__all__ = ["facts_for", "first_of", "last_of", "periods_of"]

_MEMO_SIZE = 4096
_memo: dict[tuple[int, str], tuple[Series, MonthFacts | None]] = {}


def facts_for(series: Series, period: str) -> MonthFacts | None:
    """`month_facts`, memoised on the Series object (held, so its id stays unique)."""
    slot = (id(series), period)
    hit = _memo.get(slot)
    if hit is not None and hit[0] is series:
        return hit[1]
    facts = month_facts(series, period)
    if len(_memo) >= _MEMO_SIZE:
        # Another thread may evict at the same moment: losing that race is harmless.
        with contextlib.suppress(StopIteration, KeyError, RuntimeError):
            _memo.pop(next(iter(_memo)))
    _memo[slot] = (series, facts)
    return facts


_periods: dict[int, tuple[Series, list[str]]] = {}


def periods_of(series: Series) -> list[str]:
    """`Series.periods` (sorted anew on every access), memoised on the Series object."""
    hit = _periods.get(id(series))
    if hit is not None and hit[0] is series:
        return hit[1]
    periods = series.periods
    if len(_periods) >= _MEMO_SIZE:
        with contextlib.suppress(StopIteration, KeyError, RuntimeError):
            _periods.pop(next(iter(_periods)))
    _periods[id(series)] = (series, periods)
    return periods


def first_of(series: Series) -> str | None:
    periods = periods_of(series)
    return periods[0] if periods else None


def last_of(series: Series) -> str | None:
    periods = periods_of(series)
    return periods[-1] if periods else None
