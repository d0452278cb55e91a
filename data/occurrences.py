"""When something last happened: the last fall or rise (or double-digit one), the last deficit
or surplus, the last month above or below a level.

A walk back over the latest-vintage history (`history.History`), from a given month
inclusive. A month without a figure is a gap: the walk goes on past it (the stored months
before it still tell when it last happened among them), and the reply is told how many
months of the way had no figure, so "last fell in May 2025" is never claimed across a
stretch the data does not cover without saying so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kortrade.data.history import History
from kortrade.data.scans import DOUBLE_DIGIT_PCT, Track
from kortrade.months import from_index, to_index

__all__ = ["EVENTS", "Occurrence", "last_occurrence"]

#: event -> (measure, needs a threshold)
EVENTS: dict[str, tuple[str, bool]] = {
    "fall": ("growth", False),
    "rise": ("growth", False),
    "double_digit_fall": ("growth", False),
    "double_digit_rise": ("growth", False),
    "deficit": ("level", False),
    "surplus": ("level", False),
    "above": ("level", True),
    "below": ("level", True),
}


@dataclass(frozen=True, slots=True)
class Occurrence:
    """The latest month at or before `upto` where `event` held (`period` None: no stored
    month did). `level_usd_mn`/`growth_pct` are that month's latest-vintage figures.
    `gaps` counts months without the measure between `period` (or the first stored month)
    and `upto`; `first` is the first stored month of the measure."""

    event: str
    upto: str
    period: str | None
    level_usd_mn: float | None
    growth_pct: float | None
    threshold_usd_mn: float | None
    gaps: int
    first: str | None


def _test(event: str, threshold: float | None) -> Callable[[float], bool]:
    if event == "fall":
        return lambda x: x < 0
    if event == "rise":
        return lambda x: x > 0
    if event == "double_digit_fall":
        return lambda x: x <= -DOUBLE_DIGIT_PCT
    if event == "double_digit_rise":
        return lambda x: x >= DOUBLE_DIGIT_PCT
    if event == "deficit":
        return lambda x: x < 0
    if event == "surplus":
        return lambda x: x > 0
    if threshold is None:
        raise ValueError(f"event {event!r} needs a threshold")
    if event == "above":
        return lambda x: x > threshold
    return lambda x: x < threshold


def last_occurrence(
    past: History, event: str, upto: str, *, threshold_usd_mn: float | None = None
) -> Occurrence:
    """The latest month at or before `upto` where `event` held."""
    if event not in EVENTS:
        raise ValueError(f"unknown event {event!r}")
    measure, _ = EVENTS[event]
    track: Track = past.growth_track if measure == "growth" else past.level_track
    test = _test(event, threshold_usd_mn)
    values, start = track.values, track.start
    gaps = 0
    index = min(to_index(upto), start + len(values) - 1)
    gaps += to_index(upto) - index  # months after the stored history count as gaps
    found: int | None = None
    while index >= start:
        value = values[index - start]
        if value is None:
            gaps += 1
        elif test(value):
            found = index
            break
        index -= 1
    first = from_index(start) if values else None
    if found is None:
        return Occurrence(event, upto, None, None, None, threshold_usd_mn, gaps, first)
    period = from_index(found)
    return Occurrence(
        event,
        upto,
        period,
        past.levels.get(period),
        past.growth.get(period),
        threshold_usd_mn,
        gaps,
        first,
    )
