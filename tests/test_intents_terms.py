"""Finding vocabulary terms among the words: n-grams, Korean particles, bounded fuzzy work."""

from __future__ import annotations

import pytest
from intents_support import shipped_vocabulary

from kortrade.intents import Vocabulary
from kortrade.intents.normalize import tokenize
from kortrade.intents.terms import TermScan, scan_terms


def terms_of(text: str) -> TermScan:
    return scan_terms(tokenize(text), shipped_vocabulary())


def slugs(scan: TermScan) -> list[str]:
    return [slug for hit in scan.hits for slug in hit.slugs]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("daily average exports", ["export_daily_avg"]),
        ("auto parts", ["auto_parts"]),
        ("system chips", ["system_chips"]),
        ("memory chips", ["memory_chips"]),
        ("chips", ["semiconductors"]),
        ("hs 8542", ["hs8542"]),
        ("u.s.", ["united_states"]),
        ("mobile phones", ["mobile_phones"]),
        ("phones", ["wireless_communication_devices"]),
    ],
)
def test_the_longest_phrase_wins(text: str, expected: list[str]) -> None:
    assert slugs(terms_of(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("반도체가", ["semiconductors"]),
        ("반도체수출은", ["semiconductors", "export"]),
        ("중국으로의", ["china"]),
        ("미국과", ["united_states"]),
        ("대중국", ["china"]),
        ("대미", ["united_states"]),
        ("대만", ["taiwan"]),
        ("석유화학제품", ["petrochemicals"]),
        ("석유제품", ["petroleum_products"]),
        ("자동차부품", ["auto_parts"]),
        ("자동차 부품", ["auto_parts"]),
        ("일평균 수출", ["export_daily_avg"]),
    ],
)
def test_korean_words_split_into_names_and_particles(text: str, expected: list[str]) -> None:
    assert slugs(terms_of(text)) == expected


@pytest.mark.parametrize("text", ["인도네시아", "차이", "차트"])
def test_a_korean_split_that_leaves_an_unknown_piece_is_rejected(text: str) -> None:
    assert slugs(terms_of(text)) == []


def test_korea_is_consumed_as_the_reporter() -> None:
    scan = terms_of("South Korea 한국의 exports")
    assert scan.reporter
    assert slugs(scan) == ["export"]
    assert scan.unknown == []


def test_a_typo_next_to_its_own_name_is_matched_as_a_pair() -> None:
    scan = terms_of("secondry batteries")
    assert slugs(scan) == ["secondary_batteries"]
    assert scan.unknown == []


def test_a_word_next_to_a_different_name_is_not_pulled_into_it() -> None:
    """ "oil exports" is close to "daily exports", but "oil" is crude oil, not a typo of it."""
    scan = terms_of("oil exports")
    assert slugs(scan) == ["crude_oil", "export"]
    assert scan.unknown == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [("integrated circuts", ["hs8542"]), ("home applainces", ["home_appliances"])],
)
def test_two_word_typos_are_matched_together(text: str, expected: list[str]) -> None:
    assert slugs(terms_of(text)) == expected


def test_unknown_words_are_reported_once_and_capped() -> None:
    scan = terms_of("banana " * 20 + " ".join(f"word{c}x" for c in "abcdefgh"))
    assert scan.unknown.count("banana") == 1
    assert len(scan.unknown) <= 5
    assert all(len(term) <= 30 for term in terms_of("z" * 200).unknown)


@pytest.mark.parametrize("text", ["the what how please show", "그리고 얼마야 알려줘", "5개 품목"])
def test_filler_and_question_words_are_not_unknown(text: str) -> None:
    assert terms_of(text).unknown == []


def test_an_alias_shared_by_two_series_is_a_question_not_a_pick() -> None:
    vocab = Vocabulary.from_rows(
        [
            {"slug": "export", "kind": "flow", "en": "exports"},
            {"slug": "memory_chips", "kind": "item", "en": "memory chips", "aliases_en": "mem"},
            {"slug": "memory_cards", "kind": "item", "en": "memory cards", "aliases_en": "mem"},
        ]
    )
    scan = scan_terms(tokenize("mem exports"), vocab)
    assert [(tie.text, [m.slug for m in tie.matches]) for tie in scan.ambiguous] == [
        ("mem", ["memory_chips", "memory_cards"])
    ]
    assert [(tie.start, tie.end) for tie in scan.ambiguous] == [(0, 3)]
    assert slugs(scan) == ["export"]
