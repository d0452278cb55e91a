"""Facts in words: exact counts as ordinals, lower bounds as "at least" with the reason."""

from __future__ import annotations

import pytest

from kortrade.bot.replies.facts import phrase_fact, phrase_facts
from kortrade.data.scans import FirstIn, Record, Streak


def _streak(kind: str, months: int, reason: str = "change", stop: str = "2020-04") -> Streak:
    return Streak(kind, months, "2020-05", reason != "change", reason, stop, "2018-11")


@pytest.mark.parametrize(
    "fact,lang,expected",
    [
        (_streak("double_digit_rise", 5), "en", "double-digit growth for the 5th month in a row"),
        (_streak("double_digit_rise", 5), "ko", "5개월 연속 두 자릿수 증가"),
        (_streak("surplus", 9), "en", "in surplus for the 9th month in a row"),
        (_streak("surplus", 9), "ko", "9개월 연속 흑자"),
        (_streak("decline", 3), "en", "down for the 3rd month in a row"),
        (
            _streak("rise", 2, "gap", "2020-11"),
            "en",
            "up for at least 2 months in a row (no growth figure for November 2020)",
        ),
        (
            _streak("rise", 2, "gap", "2020-11"),
            "ko",
            "최소 2개월 연속 증가 (2020년 11월 증감률 자료 없음)",
        ),
        (
            _streak("deficit", 4, "start", "2018-10"),
            "en",
            "in deficit for at least 4 months in a row (records here begin November 2018)",
        ),
        (
            FirstIn("rise", 26, "2018-11", False, "change", "2018-11", "2018-11"),
            "en",
            "the first rise in 26 months",
        ),
        (
            FirstIn("rise", 26, "2018-11", False, "change", "2018-11", "2018-11"),
            "ko",
            "26개월 만에 증가 전환",
        ),
        (
            FirstIn("surplus", 5, None, True, "gap", "2020-01", "2018-11"),
            "en",
            "the first surplus in at least 5 months (no dollar figure for January 2020)",
        ),
    ],
)
def test_streak_and_first_in_phrases(fact: Streak | FirstIn, lang: str, expected: str) -> None:
    assert phrase_fact(fact, lang) == expected


def _record(**kw: object) -> Record:
    base: dict[str, object] = dict(
        measure="value", direction="high", calendar=False, months=34, since="2018-03",
        at_least=False, reason="change", stop="2018-03", history_start="1990-01",
    )  # fmt: skip
    base.update(kw)
    return Record(**base)


@pytest.mark.parametrize(
    "fact,lang,balance,expected",
    [
        (_record(), "en", False, "the highest since March 2018"),
        (_record(), "ko", False, "2018년 3월 이후 최고"),
        (_record(direction="low"), "en", False, "the lowest since March 2018"),
        (
            _record(since=None, at_least=True, reason="start", stop="1989-12", months=373),
            "en",
            False,
            "the highest on record (records here begin January 1990)",
        ),
        (
            _record(calendar=True, since="2018-01", stop="2018-01", months=36),
            "en",
            False,
            "the highest January since 2018",
        ),
        (
            _record(calendar=True, since="2018-01", stop="2018-01", months=36),
            "ko",
            False,
            "1월 기준 2018년 이후 최고",
        ),
        (
            _record(calendar=True, since=None, at_least=True, reason="start", stop="2018-01",
                    months=36, history_start="2018-11"),
            "en",
            True,
            "the largest January surplus on record (records here begin November 2018)",
        ),
        (
            _record(measure="growth", since="2004-02", stop="2004-02", months=203),
            "en",
            False,
            "the fastest rise since February 2004",
        ),
        (
            _record(measure="growth", since=None, at_least=True, reason="start", stop="2018-10",
                    months=27, history_start="2018-11"),
            "en",
            False,
            "the fastest rise in at least 2 years (records here begin November 2018)",
        ),
        (
            _record(measure="growth", direction="low", since=None, at_least=True, reason="gap",
                    stop="2020-10", months=3, history_start="2018-11"),
            "ko",
            False,
            "최소 3개월 만의 최대 감소율 (2020년 10월 증감률 자료 없음)",
        ),
    ],
)  # fmt: skip
def test_record_phrases(fact: Record, lang: str, balance: bool, expected: str) -> None:
    assert phrase_fact(fact, lang, balance=balance) == expected


def test_phrase_facts_keeps_the_notable_and_drops_what_a_stronger_fact_says() -> None:
    facts = [
        _streak("rise", 5),
        _streak("double_digit_rise", 5),  # says all the plain streak says
        _streak("decline", 1),  # not notable
        _record(months=40, since="2017-09"),
        _record(calendar=True, since="2018-01", stop="2018-01", months=36),  # weaker: dropped
        _record(months=1, since="2020-12"),  # "highest since last month": not news
    ]
    assert phrase_facts(facts) == [
        "double-digit growth for the 5th month in a row",
        "the highest since September 2017",
    ]
    assert len(phrase_facts(facts, notable_only=False)) == 5
