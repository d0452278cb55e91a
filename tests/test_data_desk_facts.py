"""Shares, last occurrences and momentum: pure facts over Series (no store)."""

from __future__ import annotations

import pytest

from kortrade.data.history import history
from kortrade.data.momentum import momentum
from kortrade.data.occurrences import last_occurrence
from kortrade.data.series import Figure, Series, SeriesKey
from kortrade.data.shares import share
from kortrade.months import add_months


def _customs(key: SeriesKey, start: str, levels: list[float | None]) -> Series:
    return Series(
        key,
        customs={
            add_months(start, i): Figure(add_months(start, i), "customs", v, None, "src")
            for i, v in enumerate(levels)
            if v is not None
        },
    )


def _release(key: SeriesKey, figures: dict[str, tuple[float | None, float | None]]) -> Series:
    return Series(
        key, release={p: Figure(p, "release", v, y, "rel") for p, (v, y) in figures.items()}
    )


TOTAL = SeriesKey("export")
CHIPS = SeriesKey("export", "semiconductors")


# -- shares ---------------------------------------------------------------------------------------


def test_a_share_gives_both_levels_and_the_share_a_year_earlier() -> None:
    whole = _customs(TOTAL, "2024-01", [100.0] * 12 + [200.0] * 12)
    part = _customs(CHIPS, "2024-01", [10.0] * 12 + [50.0] * 12)
    found = share(part, whole, "2025-03", "2025-03")
    assert found is not None
    assert (found.part_usd_mn, found.whole_usd_mn, found.pct) == (50.0, 200.0, 25.0)
    assert found.basis == "customs"
    assert found.year_ago is not None and found.year_ago.pct == 10.0


def test_a_share_over_a_span_sums_both_levels() -> None:
    whole = _customs(TOTAL, "2025-01", [100.0, 300.0])
    part = _customs(CHIPS, "2025-01", [10.0, 30.0])
    found = share(part, whole, "2025-01", "2025-02")
    assert found is not None and found.pct == pytest.approx(10.0)
    assert found.year_ago is None


def test_a_share_never_mixes_bases_within_a_month() -> None:
    whole = _customs(TOTAL, "2025-01", [100.0])
    part = _release(CHIPS, {"2025-01": (20.0, 5.0)})
    assert share(part, whole, "2025-01", "2025-01") is None


def test_a_span_with_a_month_missing_has_no_share() -> None:
    whole = _customs(TOTAL, "2025-01", [100.0, None, 100.0])
    part = _customs(CHIPS, "2025-01", [10.0, 10.0, 10.0])
    assert share(part, whole, "2025-01", "2025-03") is None


# -- when did it last happen ----------------------------------------------------------------------


def test_the_last_fall_is_the_latest_month_of_negative_growth() -> None:
    # levels a year apart: 2025-02 is below 2024-02 (a fall), 2025-03 and -04 above.
    levels = [100.0, 100.0, 100.0, 100.0] + [100.0] * 8 + [110.0, 90.0, 120.0, 130.0]
    found = last_occurrence(history(_customs(TOTAL, "2024-01", levels)), "fall", "2025-04")
    assert found.period == "2025-02"
    assert found.growth_pct == pytest.approx(-10.0)
    assert found.level_usd_mn == 90.0
    assert found.gaps == 0


def test_the_last_double_digit_fall_skips_smaller_falls() -> None:
    grown = {"2025-01": (None, -12.0), "2025-02": (None, -3.0), "2025-03": (None, 4.0)}
    found = last_occurrence(history(_release(TOTAL, grown)), "double_digit_fall", "2025-03")
    assert (found.period, found.growth_pct) == ("2025-01", -12.0)


def test_the_last_deficit_and_the_last_month_above_a_level() -> None:
    balance = _customs(SeriesKey("balance"), "2025-01", [5.0, -3.0, 4.0, 2.0])
    assert last_occurrence(history(balance), "deficit", "2025-04").period == "2025-02"
    totals = _customs(TOTAL, "2025-01", [70.0, 50.0, 40.0])
    found = last_occurrence(history(totals), "above", "2025-03", threshold_usd_mn=60.0)
    assert (found.period, found.level_usd_mn) == ("2025-01", 70.0)


def test_months_without_a_figure_on_the_way_are_counted() -> None:
    balance = _customs(SeriesKey("balance"), "2025-01", [-5.0, None, None, 4.0])
    found = last_occurrence(history(balance), "deficit", "2025-05")
    assert found.period == "2025-01"
    assert found.gaps == 3  # March and April missing, May after the stored months


def test_an_event_that_never_happened_in_the_stored_months_says_so() -> None:
    totals = _customs(TOTAL, "2025-01", [70.0, 80.0])
    found = last_occurrence(history(totals), "below", "2025-02", threshold_usd_mn=10.0)
    assert found.period is None
    assert found.first == "2025-01"


# -- momentum -------------------------------------------------------------------------------------


def test_growth_faster_each_month_is_accelerating_with_the_3mma() -> None:
    series = _customs(TOTAL, "2024-01", [100.0] * 12 + [100.0] * 9 + [101.0, 105.0, 110.0])
    found = momentum(history(series), "2025-12")
    assert found.trend == "accelerating"
    assert [m for m, _ in found.growth] == ["2025-10", "2025-11", "2025-12"]
    assert found.mma_usd_mn == pytest.approx((101.0 + 105.0 + 110.0) / 3)
    assert found.mma_growth_pct == pytest.approx(((101.0 + 105.0 + 110.0) / 300.0 - 1) * 100)
    assert found.mom_pct == pytest.approx((110.0 / 105.0 - 1) * 100)


def test_slowing_and_mixed_growth() -> None:
    slowing = _release(
        TOTAL, {"2025-01": (None, 9.0), "2025-02": (None, 5.0), "2025-03": (None, 1.0)}
    )
    assert momentum(history(slowing), "2025-03").trend == "slowing"
    mixed = _release(
        TOTAL, {"2025-01": (None, 9.0), "2025-02": (None, 5.0), "2025-03": (None, 7.0)}
    )
    assert momentum(history(mixed), "2025-03").trend == "mixed"


def test_a_missing_month_leaves_the_trend_and_average_unknown() -> None:
    series = _release(TOTAL, {"2025-01": (100.0, 9.0), "2025-03": (100.0, 1.0)})
    found = momentum(history(series), "2025-03")
    assert found.trend is None
    assert found.mma_usd_mn is None
