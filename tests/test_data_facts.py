"""The facts engine: which figure answers, streaks, "first rise in N months", records,
rankings and spans, on hand-built series, on generated series (hypothesis, against
brute-force scans), and on the shipped data for January 2021 against the seed release.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kortrade.data.facts import (
    FirstIn,
    MonthFacts,
    Record,
    Streak,
    latest_period_with,
    month_facts,
    rank,
    span_facts,
)
from kortrade.data.series import Figure, Series, SeriesKey
from kortrade.data.store import Store
from kortrade.months import add_months, from_index, to_index

# The seed release (a copy of shared/seed-release-2021-01.txt): the ground truth for 2021-01.
SEED = (Path(__file__).parent / "fixtures" / "seed-release-2021-01.txt").read_text(encoding="utf-8")


# -- helpers -----------------------------------------------------------------------------

_EXPORTS = SeriesKey("export")


def _series(
    release: dict[str, tuple[float | None, float | None]] | None = None,
    customs: dict[str, float] | None = None,
    key: SeriesKey = _EXPORTS,
) -> Series:
    """release: period -> (value, stated yoy); customs: period -> level."""
    return Series(
        key,
        release={
            p: Figure(p, "release", v, y, "rel-src", "2021-02-01")
            for p, (v, y) in (release or {}).items()
        },
        customs={p: Figure(p, "customs", v, None, "cus-src") for p, v in (customs or {}).items()},
    )


def _growth_series(start: str, yoys: list[float | None]) -> Series:
    """A release series of stated growth from `start`, None = a month with no row."""
    return _series({add_months(start, i): (None, y) for i, y in enumerate(yoys) if y is not None})


def _kinds(facts: MonthFacts) -> dict[str, Streak]:
    return {s.kind: s for s in facts.streaks}


# -- which figure answers ----------------------------------------------------------------


def test_release_month_answers_with_stated_growth_not_computed() -> None:
    series = _series({"2021-01": (48010.0, 11.4)}, {"2020-01": 43103.0, "2021-01": 48006.0})
    facts = month_facts(series, "2021-01")
    assert facts is not None
    assert (facts.value_usd_mn, facts.yoy_pct, facts.yoy_computed) == (48010.0, 11.4, False)
    assert facts.basis == "release" and facts.source == "rel-src"


def test_customs_only_month_computes_growth_and_flags_it() -> None:
    facts = month_facts(_series(customs={"2020-01": 100.0, "2021-01": 110.0}), "2021-01")
    assert facts is not None
    assert facts.basis == "customs" and facts.yoy_computed
    assert facts.yoy_pct == pytest.approx(10.0)


def test_customs_month_without_a_year_earlier_has_no_growth() -> None:
    facts = month_facts(_series(customs={"2021-01": 110.0}), "2021-01")
    assert facts is not None
    assert facts.yoy_pct is None and not facts.yoy_computed


@pytest.mark.parametrize(
    "release,customs_before,customs_now,carries",
    [
        # Jan 2021 imports (shipped CSV): release 44,050 vs customs final 44,456.822.
        ((44050.0, 3.1), 42700.0, 44456.822, True),
        # Jan 2021 exports: 48,010 vs 48,006.974 and 11.4 vs 11.38 computed: rounding only.
        ((48010.0, 11.4), 43103.061, 48006.974, False),
        ((1000.0, 5.0), 1000.0 / 1.1, 1000.0, True),  # same level, growth 10 % vs stated 5 %
        ((None, 10.0), 1000.0, 1100.0, True),  # the release stated growth only
    ],
)
def test_both_bases_carry_the_other_only_when_it_differs(
    release: tuple[float | None, float],
    customs_before: float,
    customs_now: float,
    carries: bool,
) -> None:
    series = _series({"2021-01": release}, {"2020-01": customs_before, "2021-01": customs_now})
    facts = month_facts(series, "2021-01")
    assert facts is not None
    assert facts.basis == "release" and facts.yoy_pct == release[1]
    assert (facts.other_basis is not None) is carries
    if facts.other_basis is not None:
        assert facts.other_basis.value_usd_mn == customs_now
        assert facts.other_yoy_pct == pytest.approx((customs_now / customs_before - 1) * 100)
        assert facts.other_yoy_computed
        assert facts.level_usd_mn == (release[0] if release[0] is not None else customs_now)


def test_history_prefers_customs_growth_over_the_release_statement() -> None:
    # The release said December rose; customs final levels say it fell: the streak
    # follows the revised vintage and ends there.
    series = _series(
        {"2020-12": (None, 1.0), "2021-01": (None, 5.0)},
        {"2019-12": 100.0, "2020-12": 99.0},
    )
    facts = month_facts(series, "2021-01")
    assert facts is not None
    rise = _kinds(facts)["rise"]
    assert (rise.months, rise.at_least, rise.reason) == (1, False, "change")


def test_no_figure_of_either_basis_gives_none() -> None:
    assert month_facts(_series({"2021-01": (1.0, 1.0)}), "2021-02") is None


# -- streaks ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "yoys,kind,months,at_least,reason",
    [
        ([-1.0, 2.0, 3.0, 4.0], "rise", 3, False, "change"),
        ([2.0, 3.0, 4.0], "rise", 3, True, "start"),
        ([5.0, None, 3.0, 4.0], "rise", 2, True, "gap"),
        ([1.0, -2.0, -3.0], "decline", 2, False, "change"),
        ([5.0, 12.0, 10.0, 15.0], "double_digit_rise", 3, False, "change"),
        ([-20.0, -10.0, -12.0], "double_digit_decline", 3, True, "start"),
        ([0.0, 1.0], "rise", 1, False, "change"),  # zero growth is no rise
    ],
)
def test_growth_streaks(
    yoys: list[float | None], kind: str, months: int, at_least: bool, reason: str
) -> None:
    series = _growth_series("2020-01", yoys)
    period = add_months("2020-01", len(yoys) - 1)
    facts = month_facts(series, period)
    assert facts is not None
    streak = _kinds(facts)[kind]
    assert (streak.months, streak.at_least, streak.reason) == (months, at_least, reason)
    assert streak.since == add_months(period, -(months - 1))


def test_streak_stops_at_a_gap_and_names_the_missing_month() -> None:
    facts = month_facts(_growth_series("2020-01", [3.0, None, 2.0, 4.0]), "2020-04")
    assert facts is not None
    rise = _kinds(facts)["rise"]
    assert rise.at_least and rise.stop == "2020-02" and rise.months == 2


@pytest.mark.parametrize(
    "levels,kind,months,at_least",
    [
        ([-950.0, 440.0, 3700.0], "surplus", 2, False),
        ([10.0, 20.0], "surplus", 2, True),
        ([5.0, -1.0, -2.0], "deficit", 2, False),
    ],
)
def test_balance_surplus_and_deficit_streaks(
    levels: list[float], kind: str, months: int, at_least: bool
) -> None:
    key = SeriesKey("balance")
    series = _series({add_months("2020-01", i): (v, None) for i, v in enumerate(levels)}, key=key)
    facts = month_facts(series, add_months("2020-01", len(levels) - 1))
    assert facts is not None
    streak = _kinds(facts)[kind]
    assert (streak.months, streak.at_least) == (months, at_least)
    assert not any(s.kind in ("rise", "decline") for s in facts.streaks)


# -- first rise in N months ---------------------------------------------------------------


@pytest.mark.parametrize(
    "yoys,months,last,at_least",
    [
        ([4.0, -1.0, -2.0, -3.0, 2.0], 4, "2020-01", False),
        ([-1.0, -2.0, 2.0], 3, None, True),  # no earlier rise stored: at least 3
        ([4.0, None, -2.0, 2.0], 2, None, True),  # a gap: at least 2 (2020-02 unknown)
    ],
)
def test_first_rise_in_n_months(
    yoys: list[float | None], months: int, last: str | None, at_least: bool
) -> None:
    period = add_months("2020-01", len(yoys) - 1)
    facts = month_facts(_growth_series("2020-01", yoys), period)
    assert facts is not None
    (first,) = [f for f in facts.firsts if f.kind == "rise"]
    assert (first.months, first.last, first.at_least) == (months, last, at_least)


def test_no_first_rise_claim_when_the_month_before_is_missing() -> None:
    facts = month_facts(_growth_series("2020-01", [-5.0, -4.0, None, 3.0]), "2020-04")
    assert facts is not None
    assert facts.firsts == []


# -- records ------------------------------------------------------------------------------


def _level_series(levels: list[float | None], start: str = "2019-01") -> Series:
    return _series(customs={add_months(start, i): v for i, v in enumerate(levels) if v is not None})


def _record(facts: MonthFacts, measure: str, direction: str, calendar: bool) -> Record:
    (found,) = [
        r
        for r in facts.records
        if (r.measure, r.direction, r.calendar) == (measure, direction, calendar)
    ]
    return found


def test_highest_since_is_the_latest_earlier_month_at_least_as_high() -> None:
    facts = month_facts(_level_series([50.0, 70.0, 60.0, 40.0, 65.0]), "2019-05")
    assert facts is not None
    high = _record(facts, "value", "high", False)
    assert (high.since, high.months, high.at_least) == ("2019-02", 3, False)


def test_highest_on_record_says_where_records_begin() -> None:
    facts = month_facts(_level_series([50.0, 40.0, 60.0]), "2019-03")
    assert facts is not None
    high = _record(facts, "value", "high", False)
    assert high.on_record and high.since is None and high.history_start == "2019-01"


def test_calendar_month_record_compares_the_same_month_only() -> None:
    levels: list[float | None] = [None] * 25
    levels[0], levels[12], levels[24] = 100.0, 80.0, 90.0  # Januaries 2019, 2020, 2021
    levels[23] = 500.0  # a higher December does not count
    facts = month_facts(_level_series(levels), "2021-01")
    assert facts is not None
    january = _record(facts, "value", "high", True)
    assert (january.since, january.months) == ("2019-01", 24)


def test_fastest_rise_since_compares_growth() -> None:
    facts = month_facts(_growth_series("2020-01", [30.0, 5.0, 8.0, 20.0]), "2020-04")
    assert facts is not None
    fastest = _record(facts, "growth", "high", False)
    assert (fastest.since, fastest.months) == ("2020-01", 3)


# -- rank, latest ---------------------------------------------------------------------------


def test_rank_sorts_by_growth_and_lists_series_without_it() -> None:
    a = _series({"2021-01": (None, 5.0)}, key=SeriesKey("export", "a"))
    b = _series({"2021-01": (None, 50.0)}, key=SeriesKey("export", "b"))
    c = _series({"2021-01": (10.0, None)}, key=SeriesKey("export", "c"))
    d = _series({"2020-12": (None, 1.0)}, key=SeriesKey("export", "d"))
    ranking = rank([a, b, c, d], "2021-01")
    assert [f.key.product for f in ranking] == ["b", "a"]
    assert [k.product for k in ranking.missing] == ["c", "d"]
    by_value = rank([a, b, c, d], "2021-01", by="value")
    assert [f.key.product for f in by_value] == ["c"]


def test_latest_calendar_month() -> None:
    a = _growth_series("2020-01", [1.0] * 14)  # to 2021-02
    assert latest_period_with(a, 1) == "2021-01"
    assert latest_period_with(a, 3) == "2020-03"
    assert latest_period_with(a, 1, until="2020-12") == "2020-01"


# -- spans ----------------------------------------------------------------------------------


def test_span_sums_every_month_and_compares_with_a_year_earlier() -> None:
    series = _level_series([10.0, 20.0, 30.0] + [None] * 9 + [11.0, 22.0, 33.0], "2020-01")
    span = span_facts(series, "2021-01", "2021-03")
    assert span.total_usd_mn == pytest.approx(66.0)
    assert span.prior_total_usd_mn == pytest.approx(60.0)
    assert span.yoy_pct == pytest.approx(10.0) and span.yoy_computed
    assert span.months == 3


def test_span_with_a_missing_month_names_it_and_gives_no_sum() -> None:
    series = _level_series([10.0, None, 30.0], "2021-01")
    span = span_facts(series, "2021-01", "2021-03")
    assert span.total_usd_mn is None and span.missing == ["2021-02"] and span.yoy_pct is None


def test_daily_average_is_not_summable() -> None:
    series = _series({"2021-01": (2130.0, 6.4)}, key=SeriesKey("export_daily_avg"))
    span = span_facts(series, "2021-01", "2021-01")
    assert not span.summable and span.total_usd_mn is None


# -- properties against brute force ---------------------------------------------------------

_yoys = st.lists(
    st.one_of(st.none(), st.sampled_from([-15.0, -5.0, 0.0, 5.0, 15.0]), st.floats(-50, 50)),
    min_size=1,
    max_size=40,
)


def _brute_streak(yoys: list[float | None], test) -> tuple[int, bool]:  # type: ignore[no-untyped-def]
    count = 0
    for value in reversed(yoys):
        if value is None:
            return count, True
        if not test(value):
            return count, False
        count += 1
    return count, True


@settings(max_examples=150, deadline=None)
@given(_yoys)
def test_streak_agrees_with_a_brute_force_scan(yoys: list[float | None]) -> None:
    if yoys[-1] is None:
        yoys = [*yoys[:-1], 1.0]
    series = _growth_series("2010-01", yoys)
    facts = month_facts(series, add_months("2010-01", len(yoys) - 1))
    assert facts is not None
    rise = _kinds(facts).get("rise")
    expected, at_least = _brute_streak(yoys, lambda x: x > 0)
    if expected == 0:
        assert rise is None
        return
    assert rise is not None
    assert (rise.months, rise.at_least) == (expected, at_least)
    stored = len(yoys) - next(i for i, y in enumerate(yoys) if y is not None)
    assert rise.months <= stored  # never longer than the stored history
    if rise.months == stored:
        assert rise.at_least and rise.reason == "start"


def _brute_first_rise(yoys: list[float | None]) -> tuple[int, bool] | None:
    *earlier, now = yoys
    if now is None or now <= 0 or not earlier or earlier[-1] is None or earlier[-1] > 0:
        return None
    for distance, value in enumerate(reversed(earlier), start=1):
        if value is None:
            return distance, True
        if value > 0:
            return distance, False
    return len(earlier) + 1, True


@settings(max_examples=150, deadline=None)
@given(_yoys)
def test_first_rise_agrees_with_a_brute_force_scan(yoys: list[float | None]) -> None:
    while yoys and yoys[0] is None:
        yoys = yoys[1:]
    if not yoys or yoys[-1] is None:
        return
    facts = month_facts(_growth_series("2010-01", yoys), add_months("2010-01", len(yoys) - 1))
    assert facts is not None
    found = [f for f in facts.firsts if f.kind == "rise"]
    expected = _brute_first_rise(yoys)
    if expected is None:
        assert found == []
    else:
        assert [(f.months, f.at_least) for f in found] == [expected]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(0, 20).map(float)), min_size=1, max_size=40))
def test_highest_since_agrees_with_a_brute_force_scan(levels: list[float | None]) -> None:
    while levels and levels[0] is None:
        levels = levels[1:]
    if not levels or levels[-1] is None:
        return
    period = add_months("2010-01", len(levels) - 1)
    facts = month_facts(_level_series(levels, "2010-01"), period)
    assert facts is not None
    high = _record(facts, "value", "high", False)
    now = levels[-1]
    since: str | None = None
    for back, value in enumerate(reversed(levels[:-1]), start=1):
        if value is None:
            break
        if value >= now:
            since = add_months(period, -back)
            break
    assert high.since == since
    assert high.at_least is (since is None)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(0, 9).map(float)), min_size=13, max_size=72))
def test_calendar_month_record_agrees_with_a_brute_force_scan(levels: list[float | None]) -> None:
    if levels[-1] is None or levels[0] is None:
        return
    period = add_months("2010-01", len(levels) - 1)
    facts = month_facts(_level_series(levels, "2010-01"), period)
    assert facts is not None
    record = _record(facts, "value", "high", True)
    since: str | None = None
    for back in range(12, len(levels), 12):
        value = levels[-1 - back]
        if value is None:
            break
        if value >= levels[-1]:
            since = add_months(period, -back)
            break
    assert record.since == since


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.floats(0, 1e5)), min_size=24, max_size=24),
    st.integers(0, 11),
    st.integers(0, 11),
)
def test_span_sum_equals_a_brute_force_sum(levels: list[float | None], a: int, b: int) -> None:
    start, end = sorted((a, b))
    series = _level_series(levels, "2020-01")
    span = span_facts(series, from_index(to_index("2021-01") + start), add_months("2021-01", end))
    window = levels[12 + start : 12 + end + 1]
    if any(v is None for v in window):
        assert span.total_usd_mn is None and len(span.missing) == window.count(None)
    else:
        assert span.total_usd_mn == pytest.approx(sum(v for v in window if v is not None))


# -- the shipped data against the seed release (January 2021) -------------------------------

# The seed's stated facts, quoted from seed-release-2021-01.txt, and what the stored
# series support. Where the seed claims a longer streak than the data can show, the
# data's answer is "at least N": the month before the streak's stored start is missing.
SEED_STREAKS = [
    # quote, key, kind, months, at_least
    ("kept a double-digit growth for two straight months", SeriesKey("export"),
     "double_digit_rise", 2, False),
    # "rebounded ... in November, after sliding ... in October": up since November = 3rd month.
    ("rebounded 4.0 percent in November", SeriesKey("export"), "rise", 3, False),
    ("stayed in black for nine months in a row", SeriesKey("balance"), "surplus", 9, False),
    ("keeping a double-digit growth for the fifth consecutive month",
     SeriesKey("export", "semiconductors"), "double_digit_rise", 5, False),
    # Seed: 3rd month. Stored: Nov +1.0, Dec +3.3, Jan +22.0, and Oct 2020 a fall: exact.
    ("keeping an upward momentum for the third straight month",
     SeriesKey("export", "all", "china"), "rise", 3, False),
    # Seed: 5th month. Customs final levels by country reach back to 2000: exact.
    ("continuing to go up for five months in a row",
     SeriesKey("export", "all", "united_states"), "rise", 5, False),
    # Seed: 5th month. The EU has release rows only, and 2020-09 is missing: "at least 4".
    ("continuing to go up for five months in a row",
     SeriesKey("export", "all", "eu"), "rise", 4, True),
]  # fmt: skip


@pytest.mark.parametrize("quote,key,kind,months,at_least", SEED_STREAKS)
def test_seed_streaks_from_the_shipped_series(
    shipped_store: Store, quote: str, key: SeriesKey, kind: str, months: int, at_least: bool
) -> None:
    assert quote in SEED
    facts = month_facts(shipped_store.series(key), "2021-01")
    assert facts is not None
    streak = _kinds(facts)[kind]
    assert (streak.months, streak.at_least) == (months, at_least)


def test_petrochemicals_first_rise_is_not_claimed_without_december_2020(
    shipped_store: Store, dataset_rows: list[dict[str, str]]
) -> None:
    # The seed: "the first rebound in 26 months". That needs every month 2018-12..2020-12;
    # the shipped data has no petrochemicals row for 2020-12, so no "first rise" is claimed.
    assert "petrochemicals shipment marked the first rebound in 26 months" in SEED
    stored = {r["period"] for r in dataset_rows if r["product"] == "petrochemicals"}
    assert "2020-12" not in stored and "2021-01" in stored
    facts = month_facts(shipped_store.series(SeriesKey("export", "petrochemicals")), "2021-01")
    assert facts is not None and facts.yoy_pct is not None and facts.yoy_pct > 0
    assert facts.firsts == []


def test_january_2021_imports_carry_the_customs_final(
    shipped_store: Store, dataset_rows: list[dict[str, str]]
) -> None:
    row = {
        r["basis"]: r
        for r in dataset_rows
        if (r["period"], r["flow"], r["product"], r["partner"])
        == ("2021-01", "import", "all", "world")
    }
    facts = month_facts(shipped_store.series(SeriesKey("import")), "2021-01")
    assert facts is not None
    assert facts.value_usd_mn == float(row["release"]["value_usd_mn"])
    assert facts.yoy_pct == float(row["release"]["yoy_pct"])
    assert facts.other_basis is not None
    assert facts.other_basis.value_usd_mn == float(row["customs"]["value_usd_mn"])
    assert facts.other_yoy_computed


def test_every_fact_kind_is_a_dataclass_of_the_engine() -> None:
    facts = month_facts(_growth_series("2020-01", [-1.0, -2.0, -3.0, 4.0]), "2020-04")
    assert facts is not None
    assert {type(f) for f in facts.facts} >= {Streak, FirstIn, Record}
