"""Asking back: options are concrete, bilingual, and each one is a question that gets answered."""

from __future__ import annotations

import pytest
from intents_support import TODAY, shipped_vocabulary
from kortrade.intents import Match, parse
from kortrade.intents.clarify import ambiguous_term, vague_question


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
