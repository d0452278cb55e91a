"""newsworthy: which true facts a digest prints, strongest first, and which it leaves out."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kortrade.data.facts import MonthFacts, month_facts
from kortrade.data.news import GAP_RECORD_MIN_MONTHS, SHORT_HISTORY_MONTHS, newsworthy
from kortrade.data.scans import Fact, FirstIn, Record, Streak
from kortrade.data.series import SeriesKey
from kortrade.data.store import Store


def _record(**kw: object) -> Record:
    base: dict[str, object] = dict(
        measure="value", direction="high", calendar=False, months=30, since="2018-07",
        at_least=False, reason="change", stop="2018-07", history_start="1990-01",
    )  # fmt: skip
    base.update(kw)
    return Record(**base)


def _streak(kind: str, months: int) -> Streak:
    return Streak(kind, months, "2020-01", False, "change", "2019-12", "1990-01")


def _month(*facts: Fact, yoy: float | None = 5.0, flow: str = "export") -> MonthFacts:
    return MonthFacts(
        SeriesKey(flow), "2021-01", 1000.0, yoy, False, "release", "src", None, None,
        facts=tuple(facts),
    )  # fmt: skip


@pytest.mark.parametrize(
    "record,yoy,kept",
    [
        (_record(), -1.5, False),  # "the highest in 2.5 years" beside a fall: contradicted
        (_record(direction="low"), 3.0, False),
        (_record(calendar=True, months=36), -1.5, False),
        (_record(months=12, since="2020-01", stop="2020-01"), -1.5, True),  # a year ago was higher
        (_record(), 4.0, True),
        (_record(direction="low"), -4.0, True),
        (_record(), None, True),  # no growth stated: nothing to contradict
    ],
)
def test_a_value_record_the_stated_growth_contradicts_is_dropped(
    record: Record, yoy: float | None, kept: bool
) -> None:
    assert (record in newsworthy(_month(record, yoy=yoy))) is kept


def test_petrochemicals_january_2026_loses_its_contradicted_record(shipped_store: Store) -> None:
    """Release -1.5% y/y, yet the news pages' rounded levels make it "the highest January
    in at least 2 years": the facts engine finds the record, the digest must not print it."""
    facts = month_facts(shipped_store.series(SeriesKey("export", "petrochemicals")), "2026-01")
    assert facts is not None and facts.yoy_pct is not None and facts.yoy_pct < 0
    highs = [f for f in facts.records if f.measure == "value" and f.direction == "high"]
    assert any(f.notable for f in highs)
    assert not set(highs) & set(newsworthy(facts))


@pytest.mark.parametrize(
    "record,kept",
    [
        (_record(calendar=True, months=36, since=None, at_least=True, reason="gap"), False),
        (_record(months=GAP_RECORD_MIN_MONTHS - 1, since=None, at_least=True, reason="gap"),
         False),
        (_record(months=GAP_RECORD_MIN_MONTHS, since=None, at_least=True, reason="gap"), True),
        (_record(calendar=True, months=SHORT_HISTORY_MONTHS - 12, since=None, at_least=True,
                 reason="start"), False),
        (_record(calendar=True, months=SHORT_HISTORY_MONTHS + 12, since=None, at_least=True,
                 reason="start"), True),
    ],
)  # fmt: skip
def test_lower_bounds_too_short_to_be_news_are_dropped(record: Record, kept: bool) -> None:
    assert (record in newsworthy(_month(record))) is kept


def test_one_value_record_per_direction_the_one_reaching_further_back() -> None:
    plain = _record(months=19, since="2019-06", stop="2019-06")
    calendar = _record(calendar=True, months=24, since="2019-01", stop="2019-01")
    assert newsworthy(_month(plain, calendar)) == (calendar,)
    on_record = _record(months=66, since=None, at_least=True, reason="start")
    calendar_on_record = _record(calendar=True, months=72, since=None, at_least=True,
                                 reason="start")  # fmt: skip
    assert newsworthy(_month(calendar_on_record, on_record)) == (on_record,)


def test_a_plain_run_as_long_as_its_double_digit_run_is_dropped() -> None:
    same = newsworthy(_month(_streak("rise", 5), _streak("double_digit_rise", 5)))
    assert same == (_streak("double_digit_rise", 5),)
    longer = newsworthy(_month(_streak("rise", 7), _streak("double_digit_rise", 5)))
    assert longer == (_streak("rise", 7), _streak("double_digit_rise", 5))  # longer first


def test_a_run_cut_by_a_gap_follows_an_exact_one() -> None:
    """Seed, chips: "double-digit for the 5th month" (exact) before "up for at least 7"."""
    cut = _streak("rise", 7)
    cut = type(cut)(**{**{f: getattr(cut, f) for f in cut.__dataclass_fields__},
                       "at_least": True, "reason": "gap"})  # fmt: skip
    exact = _streak("double_digit_rise", 5)
    assert newsworthy(_month(cut, exact)) == (exact, cut)


def test_turnarounds_then_long_records_then_runs_then_short_records() -> None:
    first = FirstIn("surplus", 16, "2019-09", False, "change", "2019-09", "1990-01")
    long_record = _record(measure="growth", months=131, since="2007-02", stop="2007-02")
    run = _streak("rise", 3)
    short_record = _record(months=19)
    facts = _month(short_record, run, long_record, first)
    assert newsworthy(facts) == (first, long_record, run, short_record)


def test_a_balance_has_no_growth_to_contradict_its_records(shipped_store: Store) -> None:
    """June 2023: the first surplus in 16 months, and the largest June surplus since
    2021; the balance's customs vintage carries a computed "growth" that means nothing."""
    from kortrade.data.answering import answering_series

    balance = answering_series(shipped_store, SeriesKey("balance"))
    assert balance is not None
    facts = month_facts(balance, "2023-06")
    assert facts is not None and facts.other_yoy_pct is not None
    negative = replace(facts, other_yoy_pct=-abs(facts.other_yoy_pct))
    kept = newsworthy(negative)
    assert any(isinstance(f, FirstIn) and f.kind == "surplus" for f in kept)
    assert any(isinstance(f, Record) and f.direction == "high" for f in kept)


def test_facts_not_notable_never_pass() -> None:
    assert newsworthy(_month(_streak("rise", 1), _record(months=3))) == ()
