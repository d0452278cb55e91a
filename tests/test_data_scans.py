"""The backward scans: a `Track` (a measure over consecutive months) walked from the asked
month, whose own value is passed apart from the history, so the headline can speak for it.

Expected values come from brute-force walks over plain lists, never typed in.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kortrade.data.scans import (
    Track,
    first_in_at,
    record_at,
    streak_at,
)
from kortrade.months import add_months, from_index, to_index

START = "2015-01"


def _mapping(values: list[float | None]) -> dict[str, float]:
    return {add_months(START, i): v for i, v in enumerate(values) if v is not None}


@pytest.mark.parametrize(
    "values,index,expected",
    [
        ([1.0, None, 3.0], 0, 1.0),
        ([1.0, None, 3.0], 1, None),
        ([1.0, None, 3.0], 2, 3.0),
        ([1.0, None, 3.0], -1, None),
        ([1.0, None, 3.0], 3, None),
        ([None, None, 5.0], 2, 5.0),
    ],
)
def test_track_holds_each_month_at_its_index_and_gaps_as_none(
    values: list[float | None], index: int, expected: float | None
) -> None:
    track = Track.of(_mapping(values))
    assert track.at(to_index(START) + index) == expected
    assert from_index(track.start) == min(_mapping(values))


def test_an_empty_track_begins_where_the_asked_month_is() -> None:
    track = Track.of({})
    assert track.values == []
    assert track.first(to_index(START)) == to_index(START)
    assert streak_at("rise", track, to_index(START), 5.0, lambda x: x > 0) is not None


def find_streak(kind, values, period, test):
    """The oracle: a scan of the merged `{period: value}` months."""
    return streak_at(kind, Track.of(values), to_index(period), values.get(period), test)


def find_first_in(kind, values, period, test):
    return first_in_at(kind, Track.of(values), to_index(period), values.get(period), test)


def find_record(measure, direction, values, period, *, calendar):
    track, t = Track.of(values), to_index(period)
    return record_at(measure, direction, track, t, values.get(period), calendar=calendar)


_history = st.lists(
    st.one_of(st.none(), st.sampled_from([-12.0, -3.0, 0.0, 4.0, 11.0])), max_size=30
)
_now = st.one_of(st.none(), st.sampled_from([-12.0, -3.0, 0.0, 4.0, 11.0]))


@settings(max_examples=200, deadline=None)
@given(_history, _now, st.integers(0, 32))
def test_scans_with_the_asked_value_apart_equal_scans_of_the_merged_months(
    history: list[float | None], now: float | None, offset: int
) -> None:
    """What month_facts does (history + the headline's own value apart) equals scanning the
    merged months, the way it did before the value was kept apart."""
    t = to_index(START) + offset
    merged = _mapping(history)
    if now is not None:
        merged[from_index(t)] = now
    track = Track.of(_mapping(history))
    own = now if now is not None else track.at(t)
    period = from_index(t)

    def rises(x: float) -> bool:
        return x > 0

    assert streak_at("rise", track, t, own, rises) == find_streak("rise", merged, period, rises)
    for direction in ("high", "low"):
        for calendar in (False, True):
            assert record_at("value", direction, track, t, own, calendar=calendar) == (
                find_record("value", direction, merged, period, calendar=calendar)
            )
    assert first_in_at("rise", track, t, own, rises) == find_first_in("rise", merged, period, rises)


def test_a_new_high_walks_the_whole_history_and_says_on_record() -> None:
    levels = [float(v) for v in range(1, 441)]  # rising every month for 440 months
    track = Track.of(_mapping(levels))
    t = to_index(START) + len(levels) - 1
    high = record_at("value", "high", track, t, levels[-1], calendar=False)
    assert high is not None
    assert (high.on_record, high.since, high.months) == (True, None, len(levels))
    assert high.history_start == START


def _walk_to_record(
    values: list[float | None], t: int, step: int, now: float, high: bool
) -> tuple[int, str]:
    """The plain walk back, month by month: where a record scan must stop, and why."""
    index = t - step
    while index >= 0:
        value = values[index] if index < len(values) else None
        if value is None:
            return index, "gap"
        if (value >= now) if high else (value <= now):
            return index, "change"
        index -= step
    return index, "start"


_levels = st.lists(
    st.one_of(st.none(), st.integers(-6, 6).map(float)), min_size=1, max_size=60
).map(lambda xs: [1.0 if xs[0] is None else xs[0], *xs[1:]])


@settings(max_examples=300, deadline=None)
@given(_levels, st.integers(0, 75), st.integers(-7, 7).map(float), st.booleans())
def test_highest_since_jumps_to_the_same_month_as_walking_back(
    values: list[float | None], offset: int, now: float, calendar: bool
) -> None:
    """The record index (built once per track) stops where the month-by-month walk does,
    with the same reason, for every month, value, direction and stride."""
    start = to_index(START)
    track = Track(start, values)
    step = 12 if calendar else 1
    for direction in ("high", "low"):
        found = record_at("value", direction, track, start + offset, now, calendar=calendar)
        assert found is not None
        stop, reason = _walk_to_record(values, offset, step, now, direction == "high")
        assert (found.stop, found.reason) == (from_index(start + stop), reason)
