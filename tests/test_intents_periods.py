"""Periods read by the regex fast path, with today fixed at 2026-10-15.

The table is the documentation: each phrasing and the `PeriodSpec` it becomes.
"""

from __future__ import annotations

import datetime as dt

import pytest
from intents_support import TODAY

from kortrade.intents import PeriodSpec
from kortrade.intents.normalize import clean, lower
from kortrade.intents.periods import scan_periods


def periods_of(text: str, today: dt.date = TODAY) -> list[PeriodSpec]:
    cleaned = clean(text)
    return [hit.spec for hit in scan_periods(cleaned, lower(cleaned), today).hits]


def one_period(text: str) -> PeriodSpec:
    found = periods_of(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("January 2021", "2021-01"),
        ("Jan 2021", "2021-01"),
        ("jan. 2021", "2021-01"),
        ("exports in Jan '21", "2021-01"),
        ("jan-21", "2021-01"),
        ("2021-01", "2021-01"),
        ("2021.01", "2021-01"),
        ("2021/1", "2021-01"),
        ("1/2021", "2021-01"),
        ("01/2021", "2021-01"),
        ("2021 January", "2021-01"),
        ("January of 2021", "2021-01"),
        ("2021년 1월", "2021-01"),
        ("2021년1월", "2021-01"),
        ("21년 1월", "2021-01"),
        ("99년 12월", "1999-12"),
        ("January 15, 2021", "2021-01"),
        ("15 January 2021", "2021-01"),
        ("2021-01-31", "2021-01"),
        ("2021년 1월 5일", "2021-01"),
        ("Febuary 2021", "2021-02"),
        ("May 2021", "2021-05"),
        ("exports March 1990", "1990-03"),
        ("auto exports in March 1850", "1850-03"),
        ("December 2030", "2030-12"),
    ],
)
def test_months_with_a_year(text: str, month: str) -> None:
    spec = one_period(text)
    assert (spec.kind, spec.start, spec.end) == ("month", month, month)


def test_month_labels_in_both_languages() -> None:
    spec = one_period("jan 2021")
    assert (spec.label, spec.label_ko) == ("January 2021", "2021년 1월")
    assert spec.relative_label is None


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("January", 1),
        ("exports in jan", 1),
        ("1월", 1),
        ("12월 수출", 12),
        ("in May", 5),
        ("sept", 9),
    ],
)
def test_a_bare_month_is_the_latest_such_month_with_data(text: str, month: int) -> None:
    spec = one_period(text)
    assert (spec.kind, spec.month, spec.start) == ("month_of_year", month, None)


@pytest.mark.parametrize(
    "text", ["may exports rise?", "May exports rise next month?", "exports may fall", "it may rise"]
)
def test_may_the_verb_is_not_a_month(text: str) -> None:
    assert all(spec.kind != "month_of_year" or spec.month != 5 for spec in periods_of(text))


@pytest.mark.parametrize("text", ["exports in may", "exports May", "exports for May?"])
def test_may_the_month_after_a_preposition_or_at_the_end(text: str) -> None:
    assert one_period(text).month == 5


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("Q1 2021", "2021-01", "2021-03", "Q1 2021"),
        ("q4 2020", "2020-10", "2020-12", "Q4 2020"),
        ("1Q21", "2021-01", "2021-03", "Q1 2021"),
        ("2021Q2", "2021-04", "2021-06", "Q2 2021"),
        ("first quarter of 2021", "2021-01", "2021-03", "Q1 2021"),
        ("the third quarter 2022", "2022-07", "2022-09", "Q3 2022"),
        ("2021년 1분기", "2021-01", "2021-03", "Q1 2021"),
        ("1분기", "2026-01", "2026-03", "Q1 2026"),
        ("4분기", "2025-10", "2025-12", "Q4 2025"),
        ("3분기", "2026-07", "2026-09", "Q3 2026"),
        ("H2", "2025-07", "2025-12", "H2 2025"),
        ("H1 2021", "2021-01", "2021-06", "H1 2021"),
        ("2H20", "2020-07", "2020-12", "H2 2020"),
        ("second half of 2019", "2019-07", "2019-12", "H2 2019"),
        ("2021년 상반기", "2021-01", "2021-06", "H1 2021"),
        ("상반기", "2026-01", "2026-06", "H1 2026"),
        ("2021", "2021-01", "2021-12", "2021"),
        ("in 2020", "2020-01", "2020-12", "2020"),
        ("2020년", "2020-01", "2020-12", "2020"),
        ("exports in 1850", "1850-01", "1850-12", "1850"),
        ("exports 1850", "1850-01", "1850-12", "1850"),
        ("March to June 2020", "2020-03", "2020-06", "March–June 2020"),
        ("from March 2020 to June 2020", "2020-03", "2020-06", "March–June 2020"),
        ("Mar-Jun 2020", "2020-03", "2020-06", "March–June 2020"),
        ("between March and June 2020", "2020-03", "2020-06", "March–June 2020"),
        ("Nov 2020 to Feb 2021", "2020-11", "2021-02", "November 2020–February 2021"),
        ("November to February 2021", "2020-11", "2021-02", "November 2020–February 2021"),
        ("2020-03 to 2020-06", "2020-03", "2020-06", "March–June 2020"),
        ("2019 to 2021", "2019-01", "2021-12", "2019–2021"),
        ("2020년 3~6월", "2020-03", "2020-06", "March–June 2020"),
        ("2020년 3월~6월", "2020-03", "2020-06", "March–June 2020"),
        ("2020년 3월부터 6월까지", "2020-03", "2020-06", "March–June 2020"),
        ("3~6월", "2026-03", "2026-06", "March–June 2026"),
        ("2021 so far", "2021-01", "2021-12", "2021 year to date"),
        ("YTD 2021", "2021-01", "2021-12", "2021 year to date"),
        ("2021년 누계", "2021-01", "2021-12", "2021 year to date"),
        ("since January 2021", "2021-01", "2026-10", "since January 2021"),
        ("2021년 이후", "2021-01", "2026-10", "since January 2021"),
    ],
)
def test_spans(text: str, start: str, end: str, label: str) -> None:
    spec = one_period(text)
    assert (spec.kind, spec.start, spec.end, spec.label) == ("span", start, end, label)


@pytest.mark.parametrize(
    ("text", "label_ko"),
    [
        ("Q1 2021", "2021년 1분기"),
        ("H2 2020", "2020년 하반기"),
        ("March to June 2020", "2020년 3~6월"),
    ],
)
def test_span_labels_in_korean(text: str, label_ko: str) -> None:
    assert one_period(text).label_ko == label_ko


@pytest.mark.parametrize(
    ("text", "kind", "start", "relative"),
    [
        ("last month", "month", "2026-09", "last month"),
        ("the previous month", "month", "2026-09", "last month"),
        ("this month", "month", "2026-10", "this month"),
        ("지난달", "month", "2026-09", "last month"),
        ("지난 달", "month", "2026-09", "last month"),
        ("이번 달", "month", "2026-10", "this month"),
        ("this year", "span", "2026-01", "this year"),
        ("올해", "span", "2026-01", "this year"),
        ("last year", "span", "2025-01", "last year"),
        ("작년", "span", "2025-01", "last year"),
        ("지난해", "span", "2025-01", "last year"),
        ("last quarter", "span", "2026-07", "last quarter"),
        ("year to date", "span", "2026-01", "year to date"),
        ("YTD", "span", "2026-01", "year to date"),
        ("so far this year", "span", "2026-01", "year to date"),
        ("올해 들어", "span", "2026-01", "year to date"),
    ],
)
def test_relative_periods_resolve_against_today_and_say_so(
    text: str, kind: str, start: str, relative: str
) -> None:
    spec = one_period(text)
    assert (spec.kind, spec.start, spec.relative_label) == (kind, start, relative)
    assert spec.relative_label_ko


def test_this_year_is_the_year_so_far() -> None:
    spec = one_period("this year")
    assert (spec.end, spec.open_end, spec.label) == ("2026-12", True, "2026 year to date")


def test_last_month_in_january_is_december_of_the_year_before() -> None:
    (spec,) = periods_of("last month", today=dt.date(2021, 1, 3))
    assert (spec.start, spec.label) == ("2020-12", "December 2020")


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("last 12 months", 12),
        ("past 6 months", 6),
        ("the last twelve months", 12),
        ("previous 3 months", 3),
        ("last 2 years", 24),
        ("the past year", 12),
        ("12-month trend", 12),
        ("최근 12개월", 12),
        ("지난 6개월간", 6),
        ("최근 1년", 12),
    ],
)
def test_trailing_windows_end_at_the_latest_data(text: str, months: int) -> None:
    spec = one_period(text)
    assert (spec.kind, spec.months, spec.start) == ("trailing", months, None)
    assert spec.relative_label == f"last {months} months"


@pytest.mark.parametrize(
    "text",
    [
        "2021-13",
        "13/2021",
        "2021년 13월",
        "13월",
        "Feb 30 2021",
        "2021-02-30",
        "January 99999",
        "in 99999",
        "exports 99999",
        "Q1 0000",
        "last 5000 months",
        "0 months",
        # a quarter or half that does not exist is not the year beside it
        "Q5 2021",
        "exports Q5 2021",
        "q12 2021",
        "2021Q5",
        "Q0 2021",
        "5Q21",
        "H3 2021",
        "exports H3 2021",
        "2021H3",
        "2021년 5분기",
        # year 0 said in Korean is not a bare month
        "반도체 수출 0년 1월",
        "0년 1분기",
        "0년 상반기",
        "0년 1~3월",
    ],
)
def test_impossible_dates_become_an_invalid_period_quoting_the_text(text: str) -> None:
    spec = one_period(text)
    assert spec.kind == "invalid"
    assert spec.label and spec.label.lower() in text.lower()
    assert not spec.is_valid


@pytest.mark.parametrize(
    "text",
    [
        "top 5 items",
        "HS 8542",
        "hs8542 exports",
        "8542",
        "5 items",
        "exports of 15 items",
        "3 partners",
        "what is 2+2",
        "version 3.11",
        "100 billion",
        "HS 2710",
        "hs code 1905",
        "top 1000 items",
        "1500 billion",
        "3000 dollars",
        "5분기 연속 증가",
        "exports 5h",
        "5q",
    ],
)
def test_numbers_that_are_not_dates_are_not_periods(text: str) -> None:
    assert periods_of(text) == []


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("Jan 2021 vs Jan 2020", ["2021-01", "2020-01"]),
        ("2021년 1월과 2020년 1월 비교", ["2021-01", "2020-01"]),
        ("Q1 2021 and Q1 2020", ["2021-01", "2020-01"]),
        ("2020 and 2021", ["2020-01", "2021-01"]),
    ],
)
def test_several_periods_are_found_in_order(text: str, starts: list[str]) -> None:
    assert [spec.start for spec in periods_of(text)] == starts


@pytest.mark.parametrize(
    "text",
    [
        "exports compared with a year ago",
        "same month last year",
        "전년 동월 대비",
        "a year earlier",
    ],
)
def test_year_ago_comparisons_are_flagged_not_read_as_last_year(text: str) -> None:
    cleaned = clean(text)
    scan = scan_periods(cleaned, lower(cleaned), TODAY)
    assert scan.year_ago
    assert scan.hits == ()


def test_a_matched_period_is_blanked_for_the_vocabulary_matcher() -> None:
    scan = scan_periods("chips Jan 2021", "chips jan 2021", TODAY)
    assert scan.masked.split() == ["chips"]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("올해 1~9월", "2026-01", "2026-09"),
        ("1~9월 누적", "2026-01", "2026-09"),
        ("작년 상반기", "2025-01", "2025-06"),
        ("Q1 last year", "2025-01", "2025-03"),
        ("March last year", "2025-03", "2025-03"),
        ("January exports in 2021", "2021-01", "2021-01"),
        ("2021년 4분기", "2021-10", "2021-12"),
    ],
)
def test_a_yearless_period_takes_the_year_said_elsewhere(text: str, start: str, end: str) -> None:
    spec = one_period(text)
    assert (spec.start, spec.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("January this year vs January last year", ["2026-01", "2025-01"]),
        ("2021년 1월과 2월", ["2021-01", "2021-02"]),
        ("Jan and Feb 2021", ["2021-01", "2021-02"]),
    ],
)
def test_each_yearless_period_takes_the_nearest_year(text: str, starts: list[str]) -> None:
    assert [spec.start for spec in periods_of(text)] == starts


@pytest.mark.parametrize(
    ("text", "month", "relative"),
    [
        ("2 months ago", "2026-08", "2 months ago"),
        ("two months ago", "2026-08", "2 months ago"),
        ("3 years ago", "2023-10", "3 years ago"),
        ("3개월 전", "2026-07", "3 months ago"),
        ("2달 전", "2026-08", "2 months ago"),
        ("2년 전", "2024-10", "2 years ago"),
    ],
)
def test_counted_months_ago_are_read_without_dateparser(
    text: str, month: str, relative: str
) -> None:
    spec = one_period(text)
    assert (spec.kind, spec.start, spec.relative_label) == ("month", month, relative)
