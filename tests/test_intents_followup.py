"""A short follow-up keeps the subject, period and kind of the question it follows."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from intents_support import TODAY, shipped_vocabulary

from kortrade.intents import Intent, Subject, follow_up, parse

CHIPS = "semiconductors"


def after(previous: str, text: str) -> Intent:
    vocab = shipped_vocabulary()
    return follow_up(text, parse(previous, vocab, TODAY), vocab, TODAY)


@pytest.mark.parametrize(
    ("previous", "text", "subject", "start"),
    [
        ("chip exports to China Jan 2021", "and imports?", ("import", CHIPS, "china"), "2021-01"),
        ("chip exports Jan 2021", "and to China?", ("export", CHIPS, "china"), "2021-01"),
        ("exports to china 2025", "what about Japan", ("export", "all", "japan"), "2025-01"),
        ("exports march 2025", "imports", ("import", "all", "world"), "2025-03"),
        ("반도체 수출 2025년 3월", "작년엔?", ("export", CHIPS, "world"), "2025-01"),
        ("반도체 수출 2025년 3월", "그럼 수입은?", ("import", CHIPS, "world"), "2025-03"),
    ],
)  # fmt: skip
def test_a_follow_up_changes_only_what_it_names(
    previous: str, text: str, subject: tuple[str, str, str], start: str
) -> None:
    intent = after(previous, text)
    assert intent.subjects == (Subject(*subject),)
    assert intent.period is not None and intent.period.start == start


def test_a_follow_up_keeps_the_kind_and_its_detail() -> None:
    intent = after("when did exports last fall", "and imports?")
    assert (intent.kind, intent.event) == ("last", "fall")
    assert intent.subjects == (Subject("import"),)


def test_a_shares_follow_up_recomputes_the_whole() -> None:
    intent = after("chips' share of exports", "and to China?")
    assert intent.kind == "share"
    assert intent.share_of == Subject("export", "all", "china")


@pytest.mark.parametrize("text", ["banana?", "thanks", "help"])
def test_unknown_words_and_chatter_are_not_follow_ups(text: str) -> None:
    intent = after("exports march 2025", text)
    assert intent == parse(text, shipped_vocabulary(), TODAY)


def test_the_same_bare_flow_again_is_asked_back_not_continued() -> None:
    assert after("chip exports to China Jan 2021", "exports").kind == "clarify"


def test_a_complete_question_stands_on_its_own() -> None:
    text = "semiconductor exports to Vietnam in May 2024"
    assert after("imports march 2025", text) == parse(text, shipped_vocabulary(), TODAY)


def test_without_a_previous_question_it_is_a_plain_parse() -> None:
    vocab = shipped_vocabulary()
    assert follow_up("and imports?", None, vocab, TODAY) == parse("and imports?", vocab, TODAY)


@settings(max_examples=200, deadline=None)
@given(
    previous=st.sampled_from(
        ["chip exports to China Jan 2021", "when did exports last fall", "대중 수출 비중", "3mma"]
    ),
    text=st.text(max_size=60),
)
def test_any_text_after_any_question_gives_an_intent(previous: str, text: str) -> None:
    vocab = shipped_vocabulary()
    intent = follow_up(text, parse(previous, vocab, TODAY), vocab, TODAY)
    assert isinstance(intent, Intent)
    assert len(intent.subjects) <= 8


@pytest.mark.parametrize(
    ("previous", "text", "kind"),
    [
        ("chip exports Jan 2021", "and the 3mma?", "momentum"),
        ("chip exports Jan 2021", "share?", "share"),
        ("대중 수출 2025년 3월", "비중은?", "share"),
        ("when did exports last fall", "and rise?", "last"),
    ],
)
def test_a_cue_alone_asks_it_of_the_subject_before(previous: str, text: str, kind: str) -> None:
    first = parse(previous, shipped_vocabulary(), TODAY)
    intent = after(previous, text)
    assert intent.kind == kind
    assert intent.subjects == first.subjects
    assert intent.period == first.period
    assert intent.text == text


@pytest.mark.parametrize(
    ("previous", "text", "periods"),
    [
        ("chip exports q2 2026", "vs a year ago", [("2026-04", "2026-06"), ("2025-04", "2025-06")]),
        ("exports to china june 2026", "전년 동월 대비는?",
         [("2026-06", "2026-06"), ("2025-06", "2025-06")]),
        ("exports march 2025", "and m/m?", [("2025-03", "2025-03"), ("2025-02", "2025-02")]),
    ],
)  # fmt: skip
def test_vs_a_year_ago_compares_the_period_asked_before_not_the_latest_month(
    previous: str, text: str, periods: list[tuple[str, str]]
) -> None:
    intent = after(previous, text)
    assert intent.kind == "compare"
    assert [(p.start, p.end) for p in intent.periods] == periods
