"""Asking back: options are concrete, bilingual, and each one is a question that gets answered."""

from __future__ import annotations

import pytest
from intents_support import TODAY, shipped_vocabulary

from kortrade.intents import Match, Vocabulary, parse
from kortrade.intents.clarify import ambiguous_term, replace_term, vague_question


@pytest.mark.parametrize("flow", ["export", "import", "balance", "export_daily_avg"])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_vague_options_parse_to_answers_in_the_same_language(flow: str, lang: str) -> None:
    vocab = shipped_vocabulary()
    clarification = vague_question(flow, vocab, lang)
    assert clarification.question == "vague"
    assert len(clarification.options) >= 2
    for option in clarification.options:
        intent = parse(option.query, vocab, TODAY)
        assert intent.kind not in ("clarify", "unknown", "help"), option.query
        assert intent.lang == lang
        assert flow in {subject.flow for subject in intent.subjects}


def test_export_options_offer_an_item_a_partner_and_a_ranking() -> None:
    vocab = shipped_vocabulary()
    intents = [parse(o.query, vocab, TODAY) for o in vague_question("export", vocab, "en").options]
    assert any(s.product == "semiconductors" for i in intents for s in i.subjects)
    assert any(s.partner == "china" for i in intents for s in i.subjects)
    assert any(i.kind == "rank" for i in intents)
    assert any(i.kind == "chart" for i in intents)


def test_option_labels_read_as_english_phrases() -> None:
    vocab = shipped_vocabulary()
    labels = [o.label_en for o in vague_question("export", vocab, "en").options]
    assert f"exports of {vocab.name('semiconductors')}, latest" in labels


def test_ambiguous_term_options_retype_the_question_with_each_name() -> None:
    vocab = shipped_vocabulary()
    candidates = (
        Match("semiconductors", "item", 88.9, "chips"),
        Match("ships", "item", 88.9, "ships"),
    )
    clarification = ambiguous_term("hips", candidates, "hips exports 2021", vocab, "ko")
    assert clarification.term == "hips"
    assert [o.query for o in clarification.options] == ["반도체 exports 2021", "선박 exports 2021"]
    assert [(o.label_en, o.label_ko) for o in clarification.options] == [
        ("semiconductors", "반도체"),
        ("ships", "선박"),
    ]


def _korean_twins() -> Vocabulary:
    """Two made-up items one jamo apart, so a Korean typo ties between them."""
    return Vocabulary.from_rows(
        [
            {"slug": "export", "kind": "flow", "en": "exports", "ko": "수출"},
            {"slug": "gauze", "kind": "item", "en": "gauze", "ko": "가나다"},
            {"slug": "ganache", "kind": "item", "en": "ganache", "ko": "가나라"},
        ]
    )


@pytest.mark.parametrize(
    ("question", "term", "queries"),
    [
        (
            "chips ships hips whips",
            "hips",
            ["chips ships semiconductors whips", "chips ships ships whips"],
        ),
        ("whips hips exports", "whips", ["semiconductors hips exports", "ships hips exports"]),
        (
            "HIPS exports Jan 2021",
            "HIPS",
            ["semiconductors exports Jan 2021", "ships exports Jan 2021"],
        ),
        (
            "exports of hips, chips",
            "hips",
            ["exports of semiconductors, chips", "exports of ships, chips"],
        ),
    ],
)
def test_ambiguous_options_replace_only_the_word_that_was_matched(
    question: str, term: str, queries: list[str]
) -> None:
    intent = parse(question, shipped_vocabulary(), TODAY)
    assert intent.clarify is not None and intent.clarify.term == term
    assert [o.query for o in intent.clarify.options] == queries


@pytest.mark.parametrize(
    ("question", "term", "queries"),
    [
        (
            "가나마를 수출 2021년 1월",
            "가나마",
            ["가나라를 수출 2021년 1월", "가나다를 수출 2021년 1월"],
        ),
        (
            "가나마가나마 가나마를 수출",
            "가나마",
            ["가나마가나마 가나라를 수출", "가나마가나마 가나다를 수출"],
        ),
        ("수출 가나마", "가나마", ["수출 가나라", "수출 가나다"]),
    ],
)
def test_korean_options_replace_the_stem_and_keep_its_particle(
    question: str, term: str, queries: list[str]
) -> None:
    intent = parse(question, _korean_twins(), TODAY)
    assert intent.clarify is not None and intent.clarify.term == term
    assert [o.query for o in intent.clarify.options] == queries


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("chips hips", "chips 반도체"),
        ("hips로 가는 수출", "반도체로 가는 수출"),
        ("whips", "whips 반도체"),  # no whole word "hips": the name is added, nothing is broken
    ],
)
def test_ambiguous_term_without_a_span_replaces_a_whole_word_only(text: str, query: str) -> None:
    candidates = (Match("semiconductors", "item", 88.9, "chips"),)
    clarification = ambiguous_term("hips", candidates, text, shipped_vocabulary(), "ko")
    assert [o.query for o in clarification.options] == [query]


@pytest.mark.parametrize(
    "text,term,name,expected",
    [
        ("banana exports", "banana", "bananas", "bananas exports"),
        ("chips ships hips whips", "hips", "ships", "chips ships ships whips"),
        ("바나나를 수출", "바나나", "반도체", "반도체를 수출"),
        ("whips exports", "hips", "ships", None),
    ],
)
def test_replace_term_swaps_a_whole_token_only(text, term, name, expected):
    assert replace_term(text, term, name) == expected
