"""History: per month the latest vintage's level and growth, as dicts for readers and as
month-indexed tracks for the scans; both must always tell the same months.

Checked over every series of the shipped store, so the expected values are the CSV's.
"""

from __future__ import annotations

from kortrade.data.history import history
from kortrade.data.scans import Track
from kortrade.data.store import Store


def test_tracks_hold_exactly_the_months_of_the_dicts(shipped_store: Store) -> None:
    for key in shipped_store.series_keys():
        past = history(shipped_store.series(key))
        assert past.level_track == Track.of(past.levels), key
        assert past.growth_track == Track.of(past.growth), key


def test_growth_from_customs_levels_a_year_apart_wins_over_the_release(
    shipped_store: Store,
) -> None:
    checked = 0
    for key in shipped_store.series_keys(product="all", partner="world"):
        series = shipped_store.series(key)
        past = history(series)
        for period, figure in series.customs.items():
            year_before = series.customs.get(f"{int(period[:4]) - 1:04d}{period[4:]}")
            if figure.value_usd_mn is None or year_before is None or not year_before.value_usd_mn:
                continue
            expected = (figure.value_usd_mn / year_before.value_usd_mn - 1.0) * 100.0
            assert past.growth[period] == expected, (key, period)
            checked += 1
    assert checked > 0


def test_the_same_series_object_gets_the_same_history(shipped_store: Store) -> None:
    """A chart or "last 12 months" asks a dozen months of one series: built once."""
    keys = shipped_store.series_keys()[:3]
    first = [history(shipped_store.series(key)) for key in keys]
    assert [history(shipped_store.series(key)) for key in keys] == first
    assert all(
        history(shipped_store.series(key)) is built for key, built in zip(keys, first, strict=True)
    )
