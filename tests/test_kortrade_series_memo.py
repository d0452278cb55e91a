"""Memos keyed by Series identity: a hit for the same object, never for a new one."""

from __future__ import annotations

from kortrade.data.facts import month_facts
from kortrade.data.series import Figure, Series, SeriesKey
from kortrade.series_memo import facts_for, first_of, last_of, periods_of


def _series(value: float) -> Series:
    months = ("2020-01", "2021-01")
    figures = {
        m: Figure(m, "customs", value + i, None, "kcs-newtrade") for i, m in enumerate(months)
    }
    return Series(SeriesKey("export"), customs=figures)


def test_the_same_series_object_is_answered_from_the_memo() -> None:
    series = _series(100.0)
    first = facts_for(series, "2021-01")
    assert first == month_facts(series, "2021-01")
    assert facts_for(series, "2021-01") is first


def test_a_new_series_object_is_never_served_a_stale_memo() -> None:
    old, new = _series(100.0), _series(200.0)
    assert facts_for(old, "2021-01") is not None
    facts = facts_for(new, "2021-01")
    assert facts is not None and facts.value_usd_mn == 201.0


def test_periods_are_sorted_and_bound_the_series() -> None:
    series = _series(1.0)
    assert periods_of(series) == ["2020-01", "2021-01"]
    assert (first_of(series), last_of(series)) == ("2020-01", "2021-01")
    assert first_of(Series(SeriesKey("import"))) is None
