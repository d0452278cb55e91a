"""The three kinds of fact, and the backward scans that find them.

Each scan walks back month by month (or year by year, for calendar-month records)
from the asked month over one measure, in which a missing month is a gap. Where a scan
stops says how much it can claim: at a month that breaks the run (`reason="change"`: an
exact count), at a gap (`"gap"`) or before the first stored month (`"start"`): then
the count is a lower bound and `at_least` is set.

The measure is a `Track`, an array over consecutive month indexes, so a scan is integer
steps through a list: no month strings are formatted or hashed on the way back, which
matters for records (a new high walks the whole history, 440 months for the totals).
The asked month's own value is passed in (`now`), which is how the facts engine lets the
headline figure speak for that month without copying the history.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
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
    "Track",
    "first_in_at",
    "record_at",
    "streak_at",
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


@dataclass(frozen=True, slots=True)
class Track:
    """One measure over consecutive months: `values[i]` is month index `start + i`.

    None is a gap; the first value is never None (an empty track has no values).
    """

    start: int
    values: list[float | None]
    # Record indexes built for this track, by (stride, direction): a Track is never changed
    # after it is built, so they live and die with it (as the History holding it does).
    _jumps: dict[tuple[int, bool], _RecordIndex] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @classmethod
    def of(cls, values: Mapping[str, float]) -> Track:
        """The track of a `{period: value}` mapping."""
        indexed = sorted((to_index(period), value) for period, value in values.items())
        return cls.from_pairs(indexed)

    @classmethod
    def from_pairs(cls, pairs: list[tuple[int, float]]) -> Track:
        """The track of `(month index, value)` pairs given oldest first."""
        if not pairs:
            return cls(0, [])
        start = pairs[0][0]
        values: list[float | None] = [None] * (pairs[-1][0] - start + 1)
        for index, value in pairs:
            values[index - start] = value
        return cls(start, values)

    def at(self, index: int) -> float | None:
        offset = index - self.start
        return self.values[offset] if 0 <= offset < len(self.values) else None

    def first(self, now: int) -> int:
        """The first month index once month `now` holds a value: where records begin."""
        return min(self.start, now) if self.values else now


def _scan_back(
    track: Track, index: int, step: int, keep: Callable[[float], bool], first: int
) -> tuple[int, Reason]:
    """Walk back from month index `index` while months exist and satisfy `keep`."""
    values, start = track.values, track.start
    end = len(values)
    while index >= first:
        offset = index - start
        value = values[offset] if 0 <= offset < end else None
        if value is None:
            return index, "gap"
        if not keep(value):
            return index, "change"
        index -= step
    return index, "start"


def _scan_to_record(
    track: Track, index: int, step: int, now: float, high: bool, first: int
) -> tuple[int, Reason]:
    """`_scan_back` while lower (`high`) or higher than `now`, with the test inlined:
    a record scan is the one that may walk the whole history."""
    values, start = track.values, track.start
    end = len(values)
    while index >= first:
        offset = index - start
        value = values[offset] if 0 <= offset < end else None
        if value is None:
            return index, "gap"
        if (value >= now) if high else (value <= now):
            return index, "change"
        index -= step
    return index, "start"


class _RecordIndex:
    """For one track, stride and direction: each month's previous month in the same run
    (no gap between, stepping by the stride) with a strictly higher (lower) value, and where
    its run starts. A record scan then jumps from month to higher month instead of walking
    every month: "highest since" costs a few steps, not the whole history."""

    __slots__ = ("prev", "run_start")

    def __init__(self, values: list[float | None], step: int, high: bool) -> None:
        size = len(values)
        self.prev = [-1] * size
        self.run_start = [0] * size
        for residue in range(min(step, size)):
            stack: list[int] = []
            run = residue
            for offset in range(residue, size, step):
                value = values[offset]
                if value is None:
                    stack = []
                    run = offset + step
                    continue
                if high:
                    while stack and (values[stack[-1]] or 0.0) <= value:
                        stack.pop()
                else:
                    while stack and (values[stack[-1]] or 0.0) >= value:
                        stack.pop()
                self.prev[offset] = stack[-1] if stack else -1
                self.run_start[offset] = run
                stack.append(offset)


def _record_index(track: Track, step: int, high: bool) -> _RecordIndex:
    """Built once per track, stride and direction, and kept on the track."""
    index = track._jumps.get((step, high))
    if index is None:
        index = track._jumps[(step, high)] = _RecordIndex(track.values, step, high)
    return index


def _jump_to_record(
    track: Track, index: int, step: int, now: float, high: bool, first: int
) -> tuple[int, Reason]:
    """`_scan_to_record` over the precomputed index: the same answer in a few jumps."""
    values, start = track.values, track.start
    offset = index - start
    if index < first or not 0 <= offset < len(values) or values[offset] is None:
        return _scan_to_record(track, index, step, now, high, first)
    jumps = _record_index(track, step, high)
    prev, run_start = jumps.prev, jumps.run_start
    while True:
        value = values[offset]
        assert value is not None
        if (value >= now) if high else (value <= now):
            return start + offset, "change"
        before = prev[offset]
        if before < 0:
            stop = start + run_start[offset] - step
            return stop, "gap" if stop >= first else "start"
        offset = before


def streak_at(
    kind: str, track: Track, t: int, now: float | None, test: Callable[[float], bool]
) -> Streak | None:
    """The run of `test` months ending at month index `t`, whose value is `now`."""
    if now is None or not test(now):
        return None
    first = track.first(t)
    stop, reason = _scan_back(track, t - 1, 1, test, first)
    return Streak(
        kind=kind,
        months=t - stop,
        since=from_index(stop + 1),
        at_least=reason != "change",
        reason=reason,
        stop=from_index(stop),
        history_start=from_index(first),
    )


def first_in_at(
    kind: str, track: Track, t: int, now: float | None, test: Callable[[float], bool]
) -> FirstIn | None:
    """Only when the month before is a known non-`kind` month: a gap there says nothing."""
    before = track.at(t - 1)
    if now is None or not test(now) or before is None or test(before):
        return None
    first = track.first(t)
    stop, reason = _scan_back(track, t - 1, 1, lambda x: not test(x), first)
    return FirstIn(
        kind=kind,
        months=t - stop,
        last=from_index(stop) if reason == "change" else None,
        at_least=reason != "change",
        reason=reason,
        stop=from_index(stop),
        history_start=from_index(first),
    )


def record_at(
    measure: str, direction: str, track: Track, t: int, now: float | None, *, calendar: bool
) -> Record | None:
    """How far back `now`, the value of month index `t`, is the highest (lowest)."""
    if now is None:
        return None
    first = track.first(t)
    step = 12 if calendar else 1
    stop, reason = _jump_to_record(track, t - step, step, now, direction == "high", first)
    return Record(
        measure=measure,
        direction=direction,
        calendar=calendar,
        months=t - stop,
        since=from_index(stop) if reason == "change" else None,
        at_least=reason != "change",
        reason=reason,
        stop=from_index(stop),
        history_start=from_index(first),
    )
