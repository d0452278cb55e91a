"""The three kinds of fact, and the backward scans that find them.

Each scan walks back month by month (or year by year, for calendar-month records)
from the asked month over a `{period: measure}` mapping in which a missing key is a
gap. Where a scan stops says how much it can claim: at a month that breaks the run
(`reason="change"`: an exact count), at a gap (`"gap"`) or before the first stored
month (`"start"`): then the count is a lower bound and `at_least` is set.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from kortrade.months import from_index, to_index

__all__ = [
    "CALENDAR_RECORD_MIN_MONTHS",
    "DOUBLE_DIGIT_PCT",
    "FIRST_IN_MIN_MONTHS",
    "RECORD_MIN_MONTHS",
    "STREAK_MIN_MONTHS",
    "Fact",
    "FirstIn",
    "Reason",
    "Record",
    "Streak",
    "find_first_in",
    "find_record",
    "find_streak",
]

DOUBLE_DIGIT_PCT = 10.0
# Below these a fact is true but not news ("highest since last month").
STREAK_MIN_MONTHS = 2
FIRST_IN_MIN_MONTHS = 3
RECORD_MIN_MONTHS = 12
CALENDAR_RECORD_MIN_MONTHS = 24

Reason = Literal["change", "gap", "start"]


@dataclass(frozen=True, slots=True)
class Streak:
    """Consecutive months, ending at the asked month, of one kind.

    kind: rise | decline | double_digit_rise | double_digit_decline | surplus | deficit.
    `since` is the streak's first month; `stop` the month that ended the scan (a change,
    a gap, or the month before `history_start`).
    """

    kind: str
    months: int
    since: str
    at_least: bool
    reason: Reason
    stop: str
    history_start: str

    @property
    def notable(self) -> bool:
        return self.months >= STREAK_MIN_MONTHS


@dataclass(frozen=True, slots=True)
class FirstIn:
    """ "First rise in N months": N = months since the last earlier month of that kind.

    kind: rise | decline | surplus | deficit. `last` is that earlier month, None when the
    scan met a gap or the start of the history first (then N is a lower bound).
    """

    kind: str
    months: int
    last: str | None
    at_least: bool
    reason: Reason
    stop: str
    history_start: str

    @property
    def notable(self) -> bool:
        return self.months >= FIRST_IN_MIN_MONTHS


@dataclass(frozen=True, slots=True)
class Record:
    """ "Highest since <month>" and its relatives.

    measure: value | growth. direction: high | low (for growth: fastest rise | steepest
    decline). calendar: compared with the same calendar month of earlier years only.
    `since` is the latest earlier month at least as high (as low); None when the scan met
    a gap or the start of the history (`at_least`; "on record" when reason is "start").
    `months` counts from `since` (or from the stop month) to the asked month.
    """

    measure: str
    direction: str
    calendar: bool
    months: int
    since: str | None
    at_least: bool
    reason: Reason
    stop: str
    history_start: str

    @property
    def on_record(self) -> bool:
        return self.reason == "start"

    @property
    def notable(self) -> bool:
        return self.months >= (CALENDAR_RECORD_MIN_MONTHS if self.calendar else RECORD_MIN_MONTHS)


Fact = Streak | FirstIn | Record


def _scan_back(
    values: Mapping[str, float],
    start: int,
    step: int,
    keep: Callable[[float], bool],
    first: int,
) -> tuple[int, Reason]:
    """Walk back from month index `start` while months exist and satisfy `keep`."""
    index = start
    while True:
        if index < first:
            return index, "start"
        value = values.get(from_index(index))
        if value is None:
            return index, "gap"
        if not keep(value):
            return index, "change"
        index -= step


def find_streak(
    kind: str, values: Mapping[str, float], period: str, test: Callable[[float], bool]
) -> Streak | None:
    now = values.get(period)
    if now is None or not test(now):
        return None
    first = min(values)
    t = to_index(period)
    stop, reason = _scan_back(values, t - 1, 1, test, to_index(first))
    return Streak(
        kind=kind,
        months=t - stop,
        since=from_index(stop + 1),
        at_least=reason != "change",
        reason=reason,
        stop=from_index(stop),
        history_start=first,
    )


def find_first_in(
    kind: str, values: Mapping[str, float], period: str, test: Callable[[float], bool]
) -> FirstIn | None:
    """Only when the month before is a known non-`kind` month: a gap there says nothing."""
    now = values.get(period)
    t = to_index(period)
    before = values.get(from_index(t - 1))
    if now is None or not test(now) or before is None or test(before):
        return None
    first = min(values)
    stop, reason = _scan_back(values, t - 1, 1, lambda x: not test(x), to_index(first))
    return FirstIn(
        kind=kind,
        months=t - stop,
        last=from_index(stop) if reason == "change" else None,
        at_least=reason != "change",
        reason=reason,
        stop=from_index(stop),
        history_start=first,
    )


def find_record(
    measure: str, direction: str, values: Mapping[str, float], period: str, *, calendar: bool
) -> Record | None:
    now = values.get(period)
    if now is None:
        return None
    first = min(values)
    t = to_index(period)
    step = 12 if calendar else 1

    def keep(x: float) -> bool:
        return x < now if direction == "high" else x > now

    stop, reason = _scan_back(values, t - step, step, keep, to_index(first))
    return Record(
        measure=measure,
        direction=direction,
        calendar=calendar,
        months=t - stop,
        since=from_index(stop) if reason == "change" else None,
        at_least=reason != "change",
        reason=reason,
        stop=from_index(stop),
        history_start=first,
    )
