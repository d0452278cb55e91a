"""What a desk asks beyond the figure, read by `parse` (pure: the shipped vocabulary, no store).

Shares, "when did it last", "since when", momentum, working days, flash spans, the
questions out of scope, and the period fixes that go with them.
"""

from __future__ import annotations

import datetime as dt

import pytest
from intents_support import TODAY, shipped_vocabulary

from kortrade.intents import Intent, Subject, parse
from kortrade.intents.asks import pre_scan

EXPORTS = Subject("export")
ALL = ("export", "all", "world")
CHIPS = ("export", "semiconductors", "world")
CHIPS_CN = ("export", "semiconductors", "china")
OIL, ENERGY = ("import", "crude_oil", "world"), ("import", "energy", "world")
IMPORTS = ("import", "all", "world")
DECEMBER_3 = dt.date(2026, 12, 3)


def ask(text: str, today: dt.date = TODAY) -> Intent:
    return parse(text, shipped_vocabulary(), today)


# -- out of scope ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("export volume growth", "volume"),
        ("수출 물량 증가율", "volume"),
        ("exports forecast 2027", "forecast"),
        ("what is the export outlook for next year", "forecast"),
        ("내년 수출 전망", "forecast"),
        ("why did exports fall", "cause"),
        ("수출 감소 이유", "cause"),
        ("왜 수출이 줄었나", "cause"),
        ("exports in won", "won"),
        ("원화 기준 수출액", "won"),
        ("services exports", "services"),
        ("서비스 수출", "services"),
        ("what were china's total exports last year", "foreign"),
        ("Japan's trade surplus", "foreign"),
        ("중국의 총수출", "foreign"),
        ("export prices", "prices"),
        ("수출 단가", "prices"),
        ("seasonally adjusted exports", "seasonal"),
        ("계절조정 수출", "seasonal"),
        ("exports as a share of GDP", "macro"),
        ("current account balance", "macro"),
        ("us tariffs on korean cars", "macro"),
        ("경상수지", "macro"),
        ("real exports growth", "volume"),
        ("working-day adjusted imports", "working_days"),
    ],
)
def test_a_word_that_changes_the_question_declines_it(text: str, reason: str) -> None:
    intent = ask(text)
    assert intent.kind == "decline"
    assert intent.decline == reason


def test_another_countrys_trade_keeps_the_partner_so_the_reply_can_offer_koreas() -> None:
    intent = ask("what were china's total exports last year")
    assert intent.subjects == (Subject("export", "all", "china"),)
    assert intent.period is not None and intent.period.start == "2025-01"


@pytest.mark.parametrize(
    "text",
    [
        "exports to China 2025",
        "대중 수출",
        "chips' share of exports",
        "US exports",
        "exports due to be released in October",
        "I ask because we need chip exports Jan 2021",
        "10대수출품목 2025년 3월",
    ],
)
def test_koreas_trade_with_a_partner_is_not_declined(text: str) -> None:
    assert ask(text).kind != "decline"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("exports bal full sum", ("bal", "full", "sum")),
        ("how much went to china", ("went",)),
        ("cumulative exports this year", ("cumulative",)),
        ("대중 수출 비중", ("비중",)),
        ("마지막 무역적자", ("마지막",)),
        ("관세청 수출 통계 2025년", ("관세청",)),
        ("customs exports 2025", ("customs",)),
        ("we ship to china a lot, what were exports to china in june 2026", ("lot",)),
        ("um, just quickly: really need exports to china please, thanks", ("really", "um")),
        ("ok so what were exports in june 2026, actually", ("actually",)),
        ("원유 도입액", ("도입액",)),  # 도입: crude "brought in", the import itself
        ("이번달 10일까지 수출 나왔어?", ("나왔어",)),
        ("did we run a surplus with china last year", ("run",)),
    ],
)
def test_harmless_and_cue_words_are_never_reported_as_unknown(
    text: str, words: tuple[str, ...]
) -> None:
    assert not set(words) & set(ask(text).unknown_terms)


def test_filler_leaves_nothing_unknown_but_a_word_that_changes_the_question_is_said() -> None:
    said = ask("we ship to china a lot, what were exports to china in june 2026")
    assert said.unknown_terms == ()
    assert "bananas" in ask("we ship a lot of bananas, bananas exports please").unknown_terms


def test_ship_to_is_the_verb_not_the_item_ships() -> None:
    intent = ask("what do we ship to china")
    assert intent.subjects == (Subject("export", "all", "china"),)


# -- shares ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "part", "whole"),
    [
        ("chips' share of exports", CHIPS, ALL),
        ("대중 수출 비중", ("export", "all", "china"), ALL),
        ("what % of exports went to the US", ("export", "all", "united_states"), ALL),
        ("semiconductors share of exports to China", CHIPS_CN, ("export", "all", "china")),
        ("china's share of chip exports", CHIPS_CN, CHIPS),
        ("반도체 수출 비중 2025년 3월", CHIPS, ALL),
        ("how much of korea's exports go to china", ("export", "all", "china"), ALL),
        ("what part of exports is chips", CHIPS, ALL),
        ("crude oil share of energy imports", OIL, ENERGY),
        ("what share of imports come from china", ("import", "all", "china"), IMPORTS),
    ],
)  # fmt: skip
def test_a_share_names_its_part_and_its_whole(
    text: str, part: tuple[str, str, str], whole: tuple[str, str, str]
) -> None:
    intent = ask(text)
    assert intent.kind == "share"
    assert intent.subjects[0] == Subject(*part)
    assert intent.share_of == Subject(*whole)


def test_a_ranking_by_share_stays_a_ranking_by_value_with_shares() -> None:
    intent = ask("top 5 partners by share")
    assert (intent.kind, intent.rank_by) == ("rank", "value")
    assert intent.share_of == Subject("export", "all", "world")


# -- when did it last happen ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "flow", "event", "threshold"),
    [
        ("when did exports last fall", "export", "fall", None),
        ("last time exports rose", "export", "rise", None),
        ("마지막 무역적자", "balance", "deficit", None),
        ("when was the last trade surplus", "balance", "surplus", None),
        ("when were exports last above 60bn", "export", "above", 60_000.0),
        ("last time exports were below $40 billion", "export", "below", 40_000.0),
        ("수출 600억 달러 넘은 마지막 달", "export", "above", 60_000.0),
        ("수출 1,200억 달러 넘은 마지막 달", "export", "above", 120_000.0),
        ("when were exports last above $60.5bn", "export", "above", 60_500.0),
        ("수출이 마지막으로 감소한 달", "export", "fall", None),
        ("last time exports grew by double digits", "export", "double_digit_rise", None),
        ("수출이 마지막으로 두 자릿수 감소한 달", "export", "double_digit_fall", None),
        ("when was there a trade deficit", "balance", "deficit", None),
        ("언제 적자였어?", "balance", "deficit", None),
        ("무역수지 언제 적자로 돌아섰어?", "balance", "deficit", None),
        ("무역수지 적자 전환은 언제?", "balance", "deficit", None),
    ],
)
def test_when_did_it_last_happen(text: str, flow: str, event: str, threshold: float | None) -> None:
    intent = ask(text)
    assert intent.kind == "last"
    assert intent.subjects[0].flow == flow
    assert intent.event == event
    assert intent.threshold_usd_mn == threshold


@pytest.mark.parametrize(
    "text", ["흑자 언제부터?", "how long has the surplus run", "since when has the surplus lasted"]
)
def test_since_when_of_a_balance_is_its_run_not_the_last_such_month(text: str) -> None:
    assert ask(text).kind == "streak"


def test_last_month_is_a_period_not_a_last_happened_question() -> None:
    intent = ask("exports last month")
    assert intent.kind == "figure"
    assert intent.period is not None and intent.period.start == "2026-09"


# -- since when, momentum, working days -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "record_kind", "start"),
    [
        ("exports highest since when", "highest", None),
        ("were September 2026 exports the highest since", "highest", "2026-09"),
        ("imports lowest since when in March 2020", "lowest", "2020-03"),
        ("2025년 3월 수출 몇 달 만에 최대", "highest", "2025-03"),
    ],
)
def test_since_when(text: str, record_kind: str, start: str | None) -> None:
    intent = ask(text)
    assert intent.kind == "since"
    assert intent.record_kind == record_kind
    assert intent.period is not None and intent.period.start == start


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("is export growth accelerating?", "trend"),
        ("are exports slowing", "trend"),
        ("수출 증가세 둔화?", "trend"),
        ("3mma exports", "3mma"),
        ("3-month moving average of exports", "3mma"),
        ("수출 3개월 이동평균", "3mma"),
        ("are exports getting bigger?", "trend"),
        ("are exports getting smaller", "trend"),
        ("are exports growing faster?", "trend"),
        ("are exports picking up?", "trend"),
        ("are exports losing steam", "trend"),
        ("수출 증가 폭이 커지고 있어?", "trend"),
        ("has export growth peaked?", "trend"),
        ("수출 증가율 정점 찍었나?", "trend"),
        ("average exports over the last 3 months", "3mma"),
        ("지난 3개월 수출 평균", "3mma"),
    ],
)
def test_momentum(text: str, measure: str) -> None:
    intent = ask(text)
    assert intent.kind == "momentum"
    assert intent.momentum == measure
    assert intent.subjects == (EXPORTS,)
    assert intent.unknown_terms == ()


@pytest.mark.parametrize(
    "text",
    [
        "is the trade surplus getting bigger?",
        "is the surplus widening?",
        "is the trade deficit narrowing",
        "흑자 폭이 커지고 있나?",
        "is the trade surplus shrinking",
        "is the surplus growing?",
        "흑자 규모 줄고 있어?",
        "무역수지 흑자 늘고 있나",
    ],
)
def test_a_balance_getting_bigger_or_smaller_is_momentum_not_unknown_words(text: str) -> None:
    intent = ask(text)
    assert intent.kind == "momentum"
    assert [s.flow for s in intent.subjects] == ["balance"]
    assert intent.unknown_terms == ()


@pytest.mark.parametrize(
    "text", ["working-day adjusted exports", "조업일수 감안 수출", "exports per working day"]
)
def test_working_days_ask_for_the_daily_average(text: str) -> None:
    intent = ask(text)
    assert intent.kind == "working_days"
    assert intent.subjects == (Subject("export_daily_avg"),)


# -- flash spans ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days", "start", "month"),
    [
        ("exports first 20 days of September 2026", 20, "2026-09", None),
        ("exports in the first 10 days of September 2026", 10, "2026-09", None),
        ("9월 1~20일 수출", 20, "2026-09", None),
        ("2026년 9월 1~10일 수출", 10, "2026-09", None),
        ("9월 20일까지 수출", 20, "2026-09", None),
        ("exports sept 1-20", 20, "2026-09", None),
        ("9월 초순 수출", 10, "2026-09", None),
        ("9월 중순까지 수출", 20, "2026-09", None),
        ("flash exports", None, None, None),
        ("20-day exports", 20, None, None),
        ("ten-day exports September 2026", 10, "2026-09", None),
        ("exports through the 20th", 20, None, None),
        ("exports to the 10th of september", 10, "2026-09", None),
        ("how are the 20-day numbers looking", 20, None, None),
    ],
)
def test_a_flash_span_is_never_read_as_a_month(
    text: str, days: int | None, start: str | None, month: int | None
) -> None:
    intent = ask(text, DECEMBER_3)
    assert intent.kind == "flash"
    assert intent.flash_days == days
    assert intent.period is not None
    assert (intent.period.start, intent.period.month) == (start, month)


@pytest.mark.parametrize(
    "text", ["exports first 10 days of december", "12월 10일까지 수출", "12월 1~20일 수출"]
)
def test_a_flash_of_the_current_month_is_this_years_month_not_last_years(text: str) -> None:
    """Asked on 3 December, "to December 10th" is this December's count (not out yet: the
    reply says so), never last December's figures given as if they answered."""
    intent = ask(text, DECEMBER_3)
    assert intent.kind == "flash"
    assert intent.period is not None
    assert intent.period.start == f"{DECEMBER_3.year}-12"


@pytest.mark.parametrize(
    "text", ["what was the worst month for exports in 2025", "best month for chip exports"]
)
def test_best_and_worst_month_ask_for_a_record(text: str) -> None:
    assert ask(text).kind == "record"


def test_a_month_range_in_korean_is_not_a_flash() -> None:
    intent = ask("수출 1~10월")
    assert intent.kind == "figure"
    assert intent.period is not None and intent.period.kind == "span"


def test_pre_scan_blanks_what_it_read_without_moving_offsets() -> None:
    text = "exports first 20 days of september 2026 above 60bn"
    pre = pre_scan(text)
    assert len(pre.text) == len(text)
    assert "20 days" not in pre.text and "60bn" not in pre.text and "2026" in pre.text


# -- periods --------------------------------------------------------------------------------------


def test_a_bare_month_asked_the_month_after_is_the_month_just_past() -> None:
    intent = ask("nov exports?", DECEMBER_3)
    assert intent.period is not None
    assert (intent.period.kind, intent.period.start) == ("month", "2026-11")


@pytest.mark.parametrize(("text", "start"), [("oct exports", "2026-10"), ("9월 수출", "2026-09")])
def test_a_bare_month_of_the_last_three_is_that_month(text: str, start: str) -> None:
    intent = ask(text, DECEMBER_3)
    assert intent.period is not None
    assert (intent.period.kind, intent.period.start) == ("month", start)


def test_an_older_bare_month_is_still_the_latest_such_month_with_data() -> None:
    intent = ask("semiconductor exports August", DECEMBER_3)
    assert intent.period is not None and intent.period.kind == "month_of_year"


@pytest.mark.parametrize(
    "text", ["October vs October last year", "October last year vs October", "10월 vs 작년 10월"]
)
def test_a_month_against_the_same_month_last_year_compares_two_years(text: str) -> None:
    intent = ask(text, DECEMBER_3)
    assert intent.kind == "compare"
    assert sorted(p.start or "" for p in intent.periods) == ["2025-10", "2026-10"]


@pytest.mark.parametrize(
    "text", ["올해 누적 수출", "올해 들어 누적 수출", "cumulative exports this year", "exports ytd"]
)
def test_year_to_date_is_one_period_asked_once(text: str) -> None:
    intent = ask(text, DECEMBER_3)
    assert intent.kind == "figure"
    assert intent.periods == ()
    assert intent.period is not None
    assert (intent.period.start, intent.period.open_end) == ("2026-01", True)


def test_what_the_text_said_is_recorded_for_follow_ups() -> None:
    assert ask("chip exports to China Jan 2021").said == {"flow", "product", "partner", "period"}
    assert ask("and to China?").said == {"partner"}
