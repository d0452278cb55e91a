"""`parse`: what a question asks, in English, Korean and with typos (today fixed: 2026-10-15).

The tables read as the bot's phrasebook: each phrasing and the Intent it becomes.
"""

from __future__ import annotations

import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from intents_support import TODAY, shipped_vocabulary

from kortrade.intents import Intent, Subject, Vocabulary, parse
from kortrade.intents.model import INTENT_KINDS

S = Subject


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return shipped_vocabulary()


def ask(text: str) -> Intent:
    return parse(text, shipped_vocabulary(), TODAY)


# -- subjects ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "subjects"),
    [
        ("semiconductor exports January 2021?", [S("export", "semiconductors")]),
        ("chip exports jan 2021", [S("export", "semiconductors")]),
        ("semis exports jan 2021", [S("export", "semiconductors")]),
        ("semicondutor exprts 2021-01", [S("export", "semiconductors")]),
        ("반도체 수출 2021년 1월", [S("export", "semiconductors")]),
        ("반도체수출은 2021년 1월에 어땠어?", [S("export", "semiconductors")]),
        ("smartphone exports Jan 2021", [S("export", "wireless_communication_devices")]),
        ("handsets jan 2021", [S("export", "wireless_communication_devices")]),
        ("car exports 2021", [S("export", "automobiles")]),
        ("autos jan 2021", [S("export", "automobiles")]),
        ("auto parts exports jan 2021", [S("export", "auto_parts")]),
        ("ships exports jan 2021", [S("export", "ships")]),
        ("integrated circuits jan 2021", [S("export", "hs8542")]),
        ("HS 8542 exports to Vietnam jan 2021", [S("export", "hs8542", "vietnam")]),
        ("exports to China January 2021", [S("export", "all", "china")]),
        ("exports to the PRC jan 2021", [S("export", "all", "china")]),
        ("mainland exports jan 2021", [S("export", "all", "china")]),
        ("exports to chian jan 2021", [S("export", "all", "china")]),
        ("중국 수출 2021년 1월", [S("export", "all", "china")]),
        ("대중국 수출 2021년 1월", [S("export", "all", "china")]),
        ("중국으로의 수출 2021년 1월", [S("export", "all", "china")]),
        ("exports to America jan 2021", [S("export", "all", "united_states")]),
        ("exports to the USA jan 2021", [S("export", "all", "united_states")]),
        ("미국 수출 2021년 1월", [S("export", "all", "united_states")]),
        ("exports to Europe jan 2021", [S("export", "all", "eu")]),
        ("EU exports jan 2021", [S("export", "all", "eu")]),
        ("유럽 수출 2021년 1월", [S("export", "all", "eu")]),
        ("chip exports to China jan 2021", [S("export", "semiconductors", "china")]),
        ("중국으로의 반도체 수출 2021년 1월", [S("export", "semiconductors", "china")]),
        ("imports jan 2021", [S("import")]),
        ("수입 2021년 1월", [S("import")]),
        ("imports from Japan jan 2021", [S("import", "all", "japan")]),
        ("trade balance Jan 2021", [S("balance")]),
        ("trade surplus jan 2021", [S("balance")]),
        ("deficit jan 2021", [S("balance")]),
        ("무역수지 2021년 1월", [S("balance")]),
        ("daily average exports jan 2021", [S("export_daily_avg")]),
        ("일평균 수출 2021년 1월", [S("export_daily_avg")]),
        ("secondry batteries jan 2021", [S("export", "secondary_batteries")]),
        ("home applainces jan 2021", [S("export", "home_appliances")]),
        (
            "Korea's car exports to the United States in 2022",
            [S("export", "automobiles", "united_states")],
        ),
        ("South Korea exports to Japan jan 2021", [S("export", "all", "japan")]),
        (
            "US and EU exports Jan 2021",
            [S("export", "all", "united_states"), S("export", "all", "eu")],
        ),
        (
            "미국과 중국 수출 2021년 1월",
            [S("export", "all", "united_states"), S("export", "all", "china")],
        ),
        (
            "steel and petrochemical exports Q3 2022",
            [S("export", "steel"), S("export", "petrochemicals")],
        ),
        ("exports and imports jan 2021", [S("export"), S("import")]),
        ("trade with China jan 2021", [S("export", "all", "china"), S("import", "all", "china")]),
        ("대중 수출입 2021년 1월", [S("export", "all", "china"), S("import", "all", "china")]),
        ("일본으로부터의 수입 2021년 1월", [S("import", "all", "japan")]),
        ("EU로의 자동차 수출 2021년 1월", [S("export", "automobiles", "eu")]),
    ],
)
def test_subjects(question: str, subjects: list[Subject]) -> None:
    assert list(ask(question).subjects) == subjects


# -- the traps -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "product"),
    [
        ("chips jan 2021", "semiconductors"),
        ("ships jan 2021", "ships"),
        ("chip exports jan 2021", "semiconductors"),
        ("ship exports jan 2021", "ships"),
        ("shipbuilding jan 2021", "ships"),
    ],
)
def test_chips_and_ships_never_swap(question: str, product: str) -> None:
    assert [s.product for s in ask(question).subjects] == [product]


@pytest.mark.parametrize(
    ("question", "partners"),
    [
        ("tell us exports to china", ["china"]),
        ("show us chip exports", ["world"]),
        ("give us the latest exports to japan", ["japan"]),
        ("US exports", ["united_states"]),
        ("exports to US", ["united_states"]),
        ("exports to us", ["united_states"]),
        ("us chip exports", ["united_states"]),
        ("Tell US exports", ["united_states"]),
    ],
)
def test_us_the_pronoun_versus_the_united_states(question: str, partners: list[str]) -> None:
    assert [s.partner for s in ask(question).subjects] == partners


@pytest.mark.parametrize(
    "question", ["South Korea exports jan 2021", "Korea's exports jan 2021", "한국 수출 2021년 1월"]
)
def test_korea_is_the_reporter_not_a_partner(question: str) -> None:
    intent = ask(question)
    assert [s.partner for s in intent.subjects] == ["world"]
    assert intent.unknown_terms == ()


@pytest.mark.parametrize("question", ["North Korea exports", "exports to north korea", "북한 수출"])
def test_north_korea_is_not_covered(question: str) -> None:
    intent = ask(question)
    assert intent.kind == "unknown"
    assert [t.lower() for t in intent.unknown_terms] in (["north korea"], ["북한"])
    assert all(s.partner == "world" for s in intent.subjects)


@pytest.mark.parametrize(
    ("question", "month"),
    [("may exports rise?", None), ("exports May 2021", "2021-05"), ("May 2021 exports", "2021-05")],
)
def test_may_the_verb_versus_may_the_month(question: str, month: str | None) -> None:
    period = ask(question).period
    assert period is not None
    assert period.start == month


@pytest.mark.parametrize(
    ("question", "limit"),
    [("top 5 items jan 2021", 5), ("수출 상위 5대 품목", 5), ("top partners", None)],
)
def test_counts_in_questions_are_limits_not_years(question: str, limit: int | None) -> None:
    intent = ask(question)
    assert intent.kind == "rank"
    assert intent.rank_limit == limit
    assert intent.period is not None and intent.period.start in (None, "2021-01")


def test_hs_code_is_not_a_year() -> None:
    intent = ask("HS 8542 exports")
    assert intent.period is not None and intent.period.kind == "latest"
    assert [s.product for s in intent.subjects] == ["hs8542"]


# -- kinds ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("how did exports do in January 2021", "figure"),
        ("petrochemicals Jan 2021", "figure"),
        ("semiconductors vs autos last 12 months", "compare"),
        ("exports to China vs US", "compare"),
        ("반도체와 디스플레이 수출 비교", "compare"),
        ("Jan 2021 vs Jan 2020", "compare"),
        ("chips jan 2021 compared with a year ago", "compare"),
        ("반도체 수출 전년 동월 대비", "compare"),
        ("which items grew most in January 2021", "rank"),
        ("top partners", "rank"),
        ("fastest growing items", "rank"),
        ("worst items last month", "rank"),
        ("exports by country 2021", "rank"),
        ("어떤 품목이 가장 많이 늘었나", "rank"),
        ("how long has the surplus lasted", "streak"),
        ("how many months have exports risen", "streak"),
        ("chip exports double-digit growth streak", "streak"),
        ("몇 달 연속 흑자", "streak"),
        ("반도체 수출 몇 달 연속 증가", "streak"),
        ("highest exports ever", "record"),
        ("record high chip exports", "record"),
        ("lowest imports on record", "record"),
        ("사상 최대 수출", "record"),
        ("chart semiconductors last 12 months", "chart"),
        ("graph of exports 2019 to 2021", "chart"),
        ("plot exports since 2020", "chart"),
        ("exports trend", "chart"),
        ("반도체 수출 그래프", "chart"),
        ("자동차 수출 추이", "chart"),
        ("/chart semiconductors", "chart"),
        ("latest", "latest"),
        ("/latest", "latest"),
        ("what's new", "latest"),
        ("what's the latest?", "latest"),
        ("최신", "latest"),
        ("help", "help"),
        ("/help", "help"),
        ("/start", "help"),
        ("what can you do?", "help"),
        ("도움말", "help"),
        ("hi", "help"),
        ("안녕하세요", "help"),
    ],
)
def test_kinds(question: str, kind: str) -> None:
    assert ask(question).kind == kind


@pytest.mark.parametrize(
    ("question", "dimension", "by", "order"),
    [
        ("which items grew most in January 2021", "product", "growth", "desc"),
        ("fastest growing items", "product", "growth", "desc"),
        ("which items fell most", "product", "growth", "asc"),
        ("worst items", "product", "growth", "asc"),
        ("top 5 items", "product", "value", "desc"),
        ("biggest export markets", "partner", "value", "desc"),
        ("top partners", "partner", "value", "desc"),
        ("best performing partners last month", "partner", "growth", "desc"),
        ("어떤 품목이 가장 많이 늘었나", "product", "growth", "desc"),
        ("가장 많이 줄어든 품목", "product", "growth", "asc"),
        ("수출 상위 국가", "partner", "value", "desc"),
    ],
)
def test_rank_fields(question: str, dimension: str, by: str, order: str) -> None:
    intent = ask(question)
    assert intent.kind == "rank"
    assert (intent.rank_dimension, intent.rank_by, intent.rank_order) == (dimension, by, order)


@pytest.mark.parametrize(
    ("question", "dimension", "flow"),
    [
        ("top import sources", "partner", "import"),
        ("biggest export customers", "partner", "export"),
        ("what did we import most in september", "product", "import"),
        ("what do we export the most", "product", "export"),
        ("where do we import the most from", "partner", "import"),
    ],
)
def test_a_desks_ranking_words_name_the_dimension(question: str, dimension: str, flow: str) -> None:
    intent = ask(question)
    assert (intent.kind, intent.rank_dimension) == ("rank", dimension)
    assert intent.subjects[0].flow == flow


@pytest.mark.parametrize(
    "question", ["what's the y/y on exports", "headline exports number", "수출 증가율", "수출 실적"]
)
def test_asking_for_the_number_plainly_is_the_latest_figure_not_a_broad_question(
    question: str,
) -> None:
    intent = ask(question)
    assert intent.kind == "figure"
    assert intent.period is not None and intent.period.kind == "latest"


@pytest.mark.parametrize(
    ("question", "record_kind"),
    [
        ("highest exports ever", "highest"),
        ("lowest imports on record", "lowest"),
        ("수출 사상 최대", "highest"),
        ("수입 역대 최저", "lowest"),
        ("가장 높은 수출", "highest"),
        ("가장 낮은 수출", "lowest"),
        ("제일 낮은 수입", "lowest"),
        ("최고 수출", "highest"),
        ("역대 최고 수출", "highest"),
        ("최저 수출", "lowest"),
        ("수출이 가장 높았던 달", "highest"),
        ("반도체 수출이 가장 적었던 달은?", "lowest"),
        ("가장 큰 무역흑자", "highest"),
        ("제일 작은 수입", "lowest"),
    ],
)
def test_record_kind(question: str, record_kind: str) -> None:
    intent = ask(question)
    assert intent.kind == "record"
    assert intent.record_kind == record_kind
    assert intent.unknown_terms == ()  # "높은", "낮은" are the question, not an item


@pytest.mark.parametrize(
    ("question", "flow", "direction"),
    [
        ("how long has the surplus lasted", "balance", "up"),
        ("how many months has the deficit lasted", "balance", "down"),
        ("how many months have exports fallen", "export", "down"),
        ("how many months have exports risen", "export", "up"),
        ("무역수지 적자 몇 달째", "balance", "down"),
        ("how long has the streak lasted", "export", None),
    ],
)
def test_streak_subject_and_direction(question: str, flow: str, direction: str | None) -> None:
    intent = ask(question)
    assert intent.kind == "streak"
    assert ([s.flow for s in intent.subjects], intent.direction) == ([flow], direction)


def test_double_digit_streaks_are_flagged() -> None:
    assert ask("how long has chip export growth been double-digit").double_digit
    assert not ask("how long has chip export growth lasted").double_digit


# -- periods in context ------------------------------------------------------------------------


def test_no_period_means_the_latest_month() -> None:
    period = ask("exports to China").period
    assert period is not None
    assert (period.kind, period.relative_label) == ("latest", None)


def test_saying_latest_is_kept_as_a_relative_label() -> None:
    period = ask("latest chip exports").period
    assert period is not None
    assert (period.kind, period.relative_label) == ("latest", "latest")


def test_a_chart_without_a_period_covers_the_last_12_months() -> None:
    period = ask("chart chip exports").period
    assert period is not None
    assert (period.kind, period.months) == ("trailing", 12)


def test_comparing_two_months_keeps_both_in_order() -> None:
    intent = ask("exports Jan 2021 vs Jan 2020")
    assert [(p.kind, p.start) for p in intent.periods] == [
        ("month", "2021-01"),
        ("month", "2020-01"),
    ]
    assert intent.period == intent.periods[0]


def test_compared_with_a_year_ago_adds_the_same_period_a_year_earlier() -> None:
    intent = ask("exports Q1 2021 compared with a year ago")
    assert [(p.start, p.end) for p in intent.periods] == [
        ("2021-01", "2021-03"),
        ("2020-01", "2020-03"),
    ]
    latest = ask("exports compared with a year ago")
    assert [(p.kind, p.shift) for p in latest.periods] == [("latest", 0), ("latest", -12)]


@pytest.mark.parametrize(
    ("question", "periods"),
    [
        ("exports m/m September 2026", [("month", "2026-09", 0), ("month", "2026-08", 0)]),
        ("2026년 9월 수출 전월 대비", [("month", "2026-09", 0), ("month", "2026-08", 0)]),
        ("exports month on month", [("latest", None, 0), ("latest", None, -1)]),
        ("수출 전월 대비", [("latest", None, 0), ("latest", None, -1)]),
        (
            "exports September 2026 compared with the previous month",
            [("month", "2026-09", 0), ("month", "2026-08", 0)],
        ),
    ],
)
def test_month_on_month_compares_with_the_month_before(question: str, periods: list) -> None:
    intent = ask(question)
    assert intent.kind == "compare"
    assert [(p.kind, p.start, p.shift) for p in intent.periods] == periods


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("재작년 수출", "2024-01", "2024-12"),
        ("exports the year before last", "2024-01", "2024-12"),
        ("지지난달 수출", "2026-08", "2026-08"),
    ],
)
def test_two_steps_back_is_two_steps_back(question: str, start: str, end: str) -> None:
    period = ask(question).period
    assert period is not None and (period.start, period.end) == (start, end)


def test_previous_month_alone_is_still_last_month() -> None:
    period = ask("exports previous month").period
    assert period is not None and (period.kind, period.start) == ("month", "2026-09")


def test_last_month_says_which_month_it_was() -> None:
    period = ask("exports last month").period
    assert period is not None
    assert (period.start, period.relative_label, period.label) == (
        "2026-09",
        "last month",
        "September 2026",
    )


def test_data_before_1990_is_still_a_valid_period_for_the_answer_to_explain() -> None:
    period = ask("auto exports in March 1990").period
    assert period is not None and (period.kind, period.start) == ("month", "1990-03")
    old = ask("exports in 1850").period
    assert old is not None and (old.kind, old.start) == ("span", "1850-01")


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("exports 1850", "1850-01", "1850-12"),
        ("1850", "1850-01", "1850-12"),
        ("chip exports 1899", "1899-01", "1899-12"),
        ("수출 1850", "1850-01", "1850-12"),
    ],
)
def test_a_bare_year_before_the_data_is_a_figure_question_not_a_vague_one(
    question: str, start: str, end: str
) -> None:
    intent = ask(question)
    assert intent.kind == "figure" and intent.clarify is None
    assert intent.period is not None
    assert (intent.period.kind, intent.period.start, intent.period.end) == ("span", start, end)


@pytest.mark.parametrize(
    "question",
    [
        "exports 2021-13",
        "exports Feb 30 2021",
        "exports in 99999",
        "exports 99999",
        "99999",
        "exports Q5 2021",
        "exports H3 2021",
        "반도체 수출 0년 1월",
        "2021년 5분기 수출",
    ],
)
def test_impossible_dates_reach_the_answer_layer_as_invalid(question: str) -> None:
    intent = ask(question)
    assert intent.period is not None and intent.period.kind == "invalid"
    assert intent.kind == "figure"


# -- language ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("chip exports", "en"),
        ("반도체 수출", "ko"),
        ("HS 8542 수출", "ko"),
        ("", "en"),
        ("/help", "en"),
    ],
)
def test_language_is_detected_from_hangul(question: str, lang: str) -> None:
    assert ask(question).lang == lang


# -- asking back and unknown words -----------------------------------------------------------


@pytest.mark.parametrize(
    "question", ["exports", "exports?", "수출", "imports", "trade balance", "무역수지"]
)
def test_a_bare_flow_is_too_vague_and_asks_back(question: str) -> None:
    intent = ask(question)
    assert intent.kind == "clarify"
    assert intent.clarify is not None and intent.clarify.question == "vague"
    assert len(intent.clarify.options) >= 2


@pytest.mark.parametrize(
    ("question", "direction"),
    [
        ("is the trade balance in deficit", "down"),
        ("have exports rebounded", "up"),
        ("are imports shrinking?", "down"),
        ("how are exports doing", None),
        ("수출 어때", None),
        ("수출은 어땠어?", None),
    ],
)
def test_a_flow_with_a_direction_asks_about_now_not_back(
    question: str, direction: str | None
) -> None:
    intent = ask(question)
    assert (intent.kind, intent.direction, intent.unknown_terms) == ("figure", direction, ())


@pytest.mark.parametrize(
    ("question", "direction"),
    [
        ("did exports climb in January 2021", "up"),
        ("did exports expand in January 2021", "up"),
        ("how many months in a row have chip exports grown", "up"),
        ("exports plunged in 2023?", "down"),
        ("exports contracted in 2019", "down"),
    ],
)
def test_reporters_verbs_set_the_direction_and_are_not_unknown_words(
    question: str, direction: str
) -> None:
    intent = ask(question)
    assert intent.direction == direction
    assert intent.unknown_terms == ()


@pytest.mark.parametrize("question", ["what's the weather in Seoul", "asdfgh qwerty", "ㅋㅋㅋ"])
def test_several_words_none_about_trade_are_no_question(question: str) -> None:
    intent = ask(question)
    assert (intent.kind, intent.unknown_terms) == ("unknown", ())


@pytest.mark.parametrize("question", ["무역수지 흑자 전환", "수출 반등했나", "반도체 수출 회복"])
def test_korean_turnaround_words_are_not_unknown_terms(question: str) -> None:
    assert ask(question).unknown_terms == ()


@pytest.mark.parametrize("question", ["ㅋㅋㅋ", "ㅠㅠ 수출", "반도체 수출 ㅋㅋ 2021년 1월"])
def test_bare_jamo_are_korean_chat_noise(question: str) -> None:
    intent = ask(question)
    assert intent.lang == "ko"
    assert intent.unknown_terms == ()


@pytest.mark.parametrize(
    "question", ["exports", "수출", "imports", "trade balance", "daily average exports"]
)
def test_every_option_is_a_question_that_gets_an_answer(question: str) -> None:
    intent = ask(question)
    assert intent.clarify is not None
    for option in intent.clarify.options:
        assert option.label_en and option.label_ko
        again = ask(option.query)
        assert again.kind not in ("clarify", "unknown", "help"), option.query
        assert again.lang == intent.lang


def test_options_are_written_in_the_askers_language() -> None:
    intent = ask("수출")
    assert intent.clarify is not None
    assert all(any("\uac00" <= c <= "\ud7a3" for c in o.query) for o in intent.clarify.options)


def test_a_typo_equally_close_to_two_items_offers_both() -> None:
    intent = ask("hips exports jan 2021")
    assert intent.kind == "clarify"
    assert intent.clarify is not None and intent.clarify.question == "ambiguous_term"
    assert intent.clarify.term == "hips"
    queries = [o.query for o in intent.clarify.options]
    assert queries == ["semiconductors exports jan 2021", "ships exports jan 2021"]
    assert [ask(q).subjects[0].product for q in queries] == ["semiconductors", "ships"]


@pytest.mark.parametrize(
    ("question", "unknown"),
    [("exports to mars", "mars"), ("bars exports", "bars"), ("good exports jan 2021", "good")],
)
def test_a_short_unknown_word_is_not_suggested_a_name_one_letter_away(
    question: str, unknown: str
) -> None:
    intent = ask(question)
    assert intent.kind == "unknown"
    assert (intent.unknown_terms, intent.suggestions) == ((unknown,), ())


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        ("banana exports", "banana"),
        ("bananna exports jan 2021", "bananna"),
        ("바나나 수출", "바나나"),
    ],
)
def test_an_unknown_item_is_named_not_answered_as_all_goods(question: str, unknown: str) -> None:
    intent = ask(question)
    assert intent.kind == "unknown"
    assert intent.unknown_terms == (unknown,)


@pytest.mark.parametrize("question", ["HS 2710 exports", "hs2710", "hs code 3004 exports"])
def test_an_hs_code_we_do_not_carry_is_unknown_and_suggests_the_ones_we_do(question: str) -> None:
    intent = ask(question)
    assert intent.kind == "unknown"
    assert intent.unknown_terms[0].startswith("HS ")
    assert intent.suggestions == ("hs8542",)
    assert intent.period is not None and intent.period.kind == "latest"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("exports to narnia", "unknown"),
        ("exports of bananas", "unknown"),
        ("chip exports please kthx", "figure"),
        ("무역적자 얼마나 계속", "streak"),
        ("2022년 연간 수출", "figure"),
        ("what are exports looking like lately", "figure"),
    ],
)
def test_only_an_unknown_word_in_the_place_of_an_item_or_partner_stops_the_answer(
    question: str, kind: str
) -> None:
    assert ask(question).kind == kind


def test_unknown_words_come_with_suggestions_when_something_is_close() -> None:
    intent = ask("semiconductorz and pertochemicalls and zzzzzzz exports")
    assert "zzzzzzz" in intent.unknown_terms
    assert {s.product for s in intent.subjects} >= {"semiconductors"}


def test_indonesia_is_not_india() -> None:
    intent = ask("인도네시아 수출")
    assert intent.unknown_terms == ("인도네시아",)
    assert "india" not in {s.partner for s in intent.subjects}


@pytest.mark.parametrize(
    "question", ["", "   ", "😀😀😀", "?", "thanks", "asdfgh qwerty", "\x00\x01"]
)
def test_empty_or_garbage_is_unknown_or_help(question: str) -> None:
    intent = ask(question)
    assert intent.kind in ("unknown", "help")
    assert intent.period is None or intent.kind == "unknown"


# -- robustness --------------------------------------------------------------------------------

HOSTILE = [
    "a" * 5000,
    "semiconductor exports " * 250,
    "semicondutr exprts chian bananna " * 160,
    "반도체수출중국으로의 " * 500,
    "반도체" * 1700,
    "2021-01 " * 700,
    "exports\x00 to china\x00" * 300,
    "\u202eexports\u202c to \u200fchina" * 300,
    "'; DROP TABLE figures; -- exports to china",
    "Robert'); DROP TABLE names;--",
    "😀🔥📈" * 1700,
    "".join(chr(i) for i in range(32)) * 150,
    "Jan 2021 vs 1Q21 H1 2021 last 12 months 3~6월 2021년 1월 " * 100,
    "may " * 1250,
    "\ud800\udfff lone surrogates",
    "9" * 5000,
    "1/1/1/1/1/1/1/1/1/1" * 100,
    "<script>alert(1)</script> exports",
    "%s %d {0} {__class__} exports",
    "\\N{NULL} \\x00 exports",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_returns_an_intent(text: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="kortrade.intents"):
        intent = ask(text)
    assert isinstance(intent, Intent)
    assert len(intent.text) <= 300
    assert len(intent.subjects) <= 8
    assert caplog.records == [], "parse hit its safety net"


def test_sql_in_a_question_is_just_words() -> None:
    intent = ask("'; DROP TABLE figures; -- exports to china")
    assert [s.partner for s in intent.subjects] == ["china"]


@pytest.mark.parametrize("value", [None, 42, b"exports"])
def test_a_non_string_is_unknown(value: object) -> None:
    assert parse(value, shipped_vocabulary(), TODAY).kind == "unknown"  # type: ignore[arg-type]


class _FailOnError(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR:
            raise AssertionError(f"parse hit its safety net: {record.getMessage()}")


@pytest.fixture(scope="module")
def strict_parse_logging() -> object:
    handler = _FailOnError()
    logger = logging.getLogger("kortrade.intents")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


_DATEISH = (
    r"(?:(?:jan|feb|march|may|sept|dec)[a-z]{0,5}|q[0-9]|[0-9]q|h[0-9]|[0-9]{1,6}[-./~ ]"
    r"[0-9]{1,6}|[0-9]{1,6}(?:년|월|분기)|last|this|so far|ytd|vs)"
)
_DATE_TEXT = st.from_regex(rf"(?:{_DATEISH}[ ,']{{0,2}}){{1,6}}", fullmatch=True)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_any_text_gives_an_intent(text: str, strict_parse_logging: object) -> None:
    intent = ask(text)
    assert isinstance(intent, Intent)
    assert intent.kind in INTENT_KINDS


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=_DATE_TEXT)
def test_any_date_like_text_gives_an_intent_with_real_months(
    text: str, strict_parse_logging: object
) -> None:
    intent = ask(f"exports {text}")
    for period in (intent.period, *intent.periods):
        if period is not None and period.start:
            year, month = int(period.start[:4]), int(period.start[5:7])
            assert 1 <= year <= 9999 and 1 <= month <= 12
            assert period.end is not None and period.start <= period.end


@pytest.mark.parametrize(
    "question",
    ["what data do you have", "data coverage?", "where does your data come from",
     "어떤 자료가 있어?", "자료 범위 알려줘"],
)  # fmt: skip
def test_asking_what_data_there_is_is_its_own_kind(question: str) -> None:
    assert ask(question).kind == "about"


def test_a_figure_question_with_a_coverage_word_stays_a_figure() -> None:
    assert ask("chip exports coverage jan 2021").kind != "about"


@pytest.mark.parametrize(
    ("question", "later", "earlier"),
    [
        ("qoq exports", ("2026-07", "2026-09"), ("2026-04", "2026-06")),
        ("반도체 수출 전분기 대비", ("2026-07", "2026-09"), ("2026-04", "2026-06")),
        ("2026년 1분기 수출 전분기 대비", ("2026-01", "2026-03"), ("2025-10", "2025-12")),
        ("exports q2 2026 quarter on quarter", ("2026-04", "2026-06"), ("2026-01", "2026-03")),
    ],
)
def test_quarter_on_quarter_compares_a_quarter_with_the_one_before(
    question: str, later: tuple[str, str], earlier: tuple[str, str]
) -> None:
    """Asked on 15 October: with no quarter named, the last quarter ended (Q3)."""
    intent = ask(question)
    assert intent.kind == "compare"
    assert [(p.start, p.end) for p in intent.periods] == [later, earlier]
    assert intent.unknown_terms == ()


@pytest.mark.parametrize(
    "question",
    [
        "수출 잘 되고 있어?",
        "요즘 수출 괜찮아?",
        "수출 상황 좋나?",
        "are exports up or down",
        "수출 늘었어 줄었어?",
    ],
)
def test_how_are_exports_doing_in_korean_is_about_now_not_a_broad_question(question: str) -> None:
    intent = ask(question)
    assert intent.kind == "figure"
    assert intent.unknown_terms == ()


@pytest.mark.parametrize(
    ("question", "record_kind", "record_by"),
    [
        ("수출 증가율 가장 높았던 달", "highest", "growth"),
        ("fastest export growth on record", "highest", "growth"),
        ("lowest export growth ever", "lowest", "growth"),
        ("best month for chip exports", "highest", None),
        ("record exports", "highest", None),
        ("biggest trade deficit ever", "highest", None),  # a balance has no growth record
    ],
)
def test_a_record_of_growth_is_not_a_record_of_levels(
    question: str, record_kind: str, record_by: str | None
) -> None:
    intent = ask(question)
    assert intent.kind == "record"
    assert (intent.record_kind, intent.record_by) == (record_kind, record_by)


@pytest.mark.parametrize(
    "question", ["exports the month before last", "지지난달 수출", "전전월 수입"]
)
def test_the_month_before_last_is_two_months_ago(question: str) -> None:
    """Asked on 15 October: August, never a broad question or last month."""
    intent = ask(question)
    assert intent.kind == "figure"
    assert intent.period is not None and intent.period.start == "2026-08"


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("상반기 누적 수입 2026", "2026-01", "2026-06"),
        ("1분기 누계 수출 2026", "2026-01", "2026-03"),
    ],
)
def test_a_summed_half_or_quarter_is_that_span_not_a_comparison_with_the_year(
    question: str, start: str, end: str
) -> None:
    """ "누적" beside a half or quarter says it is summed; the year only carries its year."""
    intent = ask(question)
    assert intent.kind != "compare"
    assert intent.period is not None
    assert (intent.period.start, intent.period.end) == (start, end)


def test_a_year_set_against_its_half_is_still_a_comparison() -> None:
    assert ask("exports 2026 vs h1 2026").kind == "compare"
