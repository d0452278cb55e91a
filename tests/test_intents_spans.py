"""PeriodSpec constructors and `resolve_period`: from what was said to (start, end) months."""

from __future__ import annotations

import datetime as dt

import pytest

from kortrade.intents import PeriodSpec, resolve_period, shifted
from kortrade.intents.spans import (
    latest_spec,
    month_of_year_spec,
    month_spec,
    quarter_spec,
    range_spec,
    trailing_spec,
    year_spec,
)

LATEST = "2026-09"


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (latest_spec(), ("2026-09", "2026-09")),
        (month_spec(2021, 1, "jan 2021"), ("2021-01", "2021-01")),
        (month_of_year_spec(1, "January"), ("2026-01", "2026-01")),
        (month_of_year_spec(9, "September"), ("2026-09", "2026-09")),
        (month_of_year_spec(10, "October"), ("2025-10", "2025-10")),
        (trailing_spec(12, "last 12 months"), ("2025-10", "2026-09")),
        (quarter_spec(2021, 1, "Q1 2021", today=None), ("2021-01", "2021-03")),
        (year_spec(2026, "this year", today=None, to_date=True), ("2026-01", "2026-09")),
        (year_spec(2025, "2025", today=None), ("2025-01", "2025-12")),
        (year_spec(2030, "2030 so far", today=None, to_date=True), ("2030-01", "2030-12")),
    ],
)
def test_resolve_period_against_the_latest_month_with_data(
    spec: PeriodSpec, expected: tuple[str, str]
) -> None:
    assert resolve_period(spec, LATEST) == expected


def test_resolve_period_of_an_invalid_spec_is_none() -> None:
    assert resolve_period(month_spec(2021, 13, "2021-13"), LATEST) is None


def test_a_year_ago_of_a_concrete_month_is_concrete() -> None:
    earlier = shifted(month_spec(2021, 1, "jan 2021"), -12)
    assert (earlier.kind, earlier.start, earlier.label) == ("month", "2020-01", "January 2020")


def test_a_year_ago_of_a_span_keeps_its_length_and_names_its_year() -> None:
    earlier = shifted(quarter_spec(2021, 1, "Q1 2021", today=None), -12)
    assert (earlier.start, earlier.end) == ("2020-01", "2020-03")
    assert (earlier.label, earlier.label_ko) == ("Q1 2020", "2020년 1분기")


def test_a_year_ago_of_a_span_so_far_stops_at_the_same_month() -> None:
    so_far = year_spec(2026, "this year", today=dt.date(2026, 10, 15), to_date=True)
    earlier = shifted(so_far, -12)
    assert resolve_period(so_far, LATEST) == ("2026-01", LATEST)
    assert resolve_period(earlier, LATEST) == ("2025-01", "2025-09")
    assert earlier.label == "2025 year to date"


def test_a_year_ago_of_latest_is_resolved_with_the_data() -> None:
    earlier = shifted(latest_spec(), -12)
    assert (earlier.kind, earlier.shift) == ("latest", -12)
    assert resolve_period(earlier, LATEST) == ("2025-09", "2025-09")


def test_open_ended_spans_are_marked_when_they_reach_today() -> None:
    today = dt.date(2026, 10, 15)
    assert year_spec(2026, "2026", today=today).open_end
    assert not year_spec(2025, "2025", today=today).open_end


@pytest.mark.parametrize(
    ("start", "end", "label", "label_ko"),
    [
        ((2020, 3), (2020, 6), "March–June 2020", "2020년 3~6월"),
        ((2020, 11), (2021, 2), "November 2020–February 2021", "2020년 11월~2021년 2월"),
        ((2019, 1), (2021, 12), "2019–2021", "2019~2021년"),
        ((2020, 1), (2020, 12), "2020", "2020년"),
    ],
)
def test_range_labels(
    start: tuple[int, int], end: tuple[int, int], label: str, label_ko: str
) -> None:
    spec = range_spec(start, end, "typed", today=None)
    assert (spec.label, spec.label_ko) == (label, label_ko)


@pytest.mark.parametrize(
    "spec",
    [
        month_spec(2021, 0, "2021-00"),
        month_spec(10000, 1, "January 10000"),
        month_spec(0, 1, "January 0"),
        range_spec((2021, 6), (2021, 3), "June to March 2021", today=None),
        trailing_spec(0, "last 0 months"),
        month_of_year_spec(13, "13월"),
        quarter_spec(2021, 5, "Q5 2021", today=None),
    ],
)
def test_impossible_periods_are_invalid_not_errors(spec: PeriodSpec) -> None:
    assert spec.kind == "invalid"
    assert resolve_period(spec, LATEST) is None
