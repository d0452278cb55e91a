"""The vocabulary: names.csv is complete and clean, and lookups find the right slug.

Exact names and aliases (English, Korean, slugs) always win; rapidfuzz fixes typos only
above a per-length cutoff, and a typo that is about as close to two slugs is a tie,
never a guess.
"""

from __future__ import annotations

import csv
from collections import Counter

import pytest
from intents_support import TRADE_CSV, names_rows, shipped_vocabulary

from kortrade.intents import Match, Vocabulary
from kortrade.intents.normalize import match_key
from kortrade.intents.vocabulary import fuzzy_cutoff

KINDS = {"item", "hs", "partner", "flow"}


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return shipped_vocabulary()


# -- names.csv ---------------------------------------------------------------------------------


def test_names_csv_has_the_documented_columns_and_kinds() -> None:
    with open(TRADE_CSV.parent / "names.csv", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == [
            "slug", "kind", "en", "ko", "aliases_en", "aliases_ko", "flow"
        ]  # fmt: skip
        rows = list(reader)
    assert {row["kind"] for row in rows} == KINDS
    assert all(row["slug"] and row["en"] and row["ko"] for row in rows)
    duplicates = [slug for slug, n in Counter(r["slug"] for r in rows).items() if n > 1]
    assert duplicates == []


def test_every_product_and_partner_in_the_dataset_has_a_name() -> None:
    with open(TRADE_CSV, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    named = {row["slug"]: row["kind"] for row in names_rows()}
    products = {row["product"] for row in rows}
    partners = {row["partner"] for row in rows}
    flows = {row["flow"] for row in rows}
    assert products - named.keys() == set()
    assert partners - named.keys() == set()
    assert flows - named.keys() == set()
    assert {named[p] for p in partners} == {"partner"}
    assert {named[p] for p in products} <= {"item", "hs"}


def test_no_alias_names_two_different_series() -> None:
    """An alias shared by two non-default slugs could only ever be a guess."""
    owners: dict[str, set[str]] = {}
    for row in names_rows():
        aliases = [row["en"], row["ko"]]
        aliases += row["aliases_en"].split("|") + row["aliases_ko"].split("|")
        for alias in filter(None, (a.strip() for a in aliases)):
            owners.setdefault(match_key(alias), set()).add(row["slug"])
    for row in names_rows():  # a slug's spelling is a key only where no name claims it
        owners.setdefault(match_key(row["slug"].replace("_", " ")), {row["slug"]})
    clashes = {key: slugs for key, slugs in owners.items() if len(slugs - {"all", "world"}) > 1}
    assert clashes == {}


def test_aliases_have_no_stray_whitespace_or_empty_entries() -> None:
    for row in names_rows():
        for column in ("aliases_en", "aliases_ko"):
            if not row[column]:
                continue
            for alias in row[column].split("|"):
                assert alias and alias == alias.strip(), (row["slug"], column, alias)


# -- names -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "lang", "expected"),
    [
        ("semiconductors", "en", "semiconductors"),
        ("semiconductors", "ko", "반도체"),
        ("united_states", "en", "the United States"),
        ("united_states", "ko", "미국"),
        ("hs8542", "en", "integrated circuits (HS 8542)"),
        ("export", "ko", "수출"),
        ("no_such_slug", "en", "no_such_slug"),
    ],
)
def test_name_gives_the_display_name_in_each_language(
    vocab: Vocabulary, slug: str, lang: str, expected: str
) -> None:
    assert vocab.name(slug, lang) == expected


def test_from_rows_skips_rows_without_slug_or_with_an_unknown_kind() -> None:
    vocab = Vocabulary.from_rows(
        [
            {"slug": "", "kind": "item", "en": "nothing"},
            {"slug": "x", "kind": "planet", "en": "x"},
            {"slug": "tea", "kind": "item", "en": "tea", "ko": "차", "aliases_en": "chai"},
        ]
    )
    assert vocab.slugs() == ["tea"]
    assert [m.slug for m in vocab.lookup("chai")] == ["tea"]
    assert [m.slug for m in vocab.lookup("차")] == ["tea"]


# -- lookup ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "slug"),
    [
        ("semiconductors", "semiconductors"),
        ("chips", "semiconductors"),
        ("Semis", "semiconductors"),
        ("반도체", "semiconductors"),
        ("smartphones", "wireless_communication_devices"),
        ("handsets", "wireless_communication_devices"),
        ("스마트폰", "wireless_communication_devices"),
        ("cars", "automobiles"),
        ("autos", "automobiles"),
        ("자동차", "automobiles"),
        ("auto parts", "auto_parts"),
        ("ships", "ships"),
        ("선박", "ships"),
        ("integrated circuits", "hs8542"),
        ("HS 8542", "hs8542"),
        ("hs8542", "hs8542"),
        ("US", "united_states"),
        ("U.S.A.", "united_states"),
        ("America", "united_states"),
        ("미국", "united_states"),
        ("PRC", "china"),
        ("mainland", "china"),
        ("중국", "china"),
        ("Europe", "eu"),
        ("EU", "eu"),
        ("유럽", "eu"),
        ("동남아", "asean"),
        ("united_kingdom", "united_kingdom"),
        ("secondary batteries", "secondary_batteries"),
        ("2차전지", "secondary_batteries"),
        ("K-Beauty", "cosmetics"),
    ],
)
def test_lookup_finds_exact_names_aliases_and_slugs(
    vocab: Vocabulary, term: str, slug: str
) -> None:
    matches = vocab.lookup(term)
    assert [m.slug for m in matches] == [slug]
    assert matches[0].score == 100.0


@pytest.mark.parametrize(
    ("typo", "slug"),
    [
        ("semicondutor", "semiconductors"),
        ("semiconducters", "semiconductors"),
        ("chian", "china"),
        ("Jpan", "japan"),
        ("vietnma", "vietnam"),
        ("autmobiles", "automobiles"),
        ("petrochemcials", "petrochemicals"),
        ("smarphones", "wireless_communication_devices"),
        ("반도채", "semiconductors"),
        ("디스플래이", "displays"),
    ],
)
def test_lookup_corrects_typos_with_a_lower_score(vocab: Vocabulary, typo: str, slug: str) -> None:
    matches = vocab.lookup(typo)
    assert matches and matches[0].slug == slug
    assert 75.0 <= matches[0].score < 100.0


@pytest.mark.parametrize(
    ("term", "slug"),
    [
        ("chips", "semiconductors"),
        ("ships", "ships"),
        ("chip", "semiconductors"),
        ("ship", "ships"),
    ],
)
def test_chips_and_ships_each_keep_their_own_slug(vocab: Vocabulary, term: str, slug: str) -> None:
    assert [m.slug for m in vocab.lookup(term)] == [slug]


def test_a_typo_between_chips_and_ships_is_a_tie_not_a_guess(vocab: Vocabulary) -> None:
    winner, tied = vocab.resolve_fuzzy("hips")
    assert winner is None
    assert {m.slug for m in tied} == {"semiconductors", "ships"}


@pytest.mark.parametrize("term", ["korea", "South Korea", "North Korea", "banana", "us", "eu x"])
def test_lookup_finds_nothing_for_words_outside_the_vocabulary(
    vocab: Vocabulary, term: str
) -> None:
    expected = ["united_states"] if term == "us" else []
    assert [m.slug for m in vocab.lookup(term)] == expected


@pytest.mark.parametrize("term", ["", "   ", "?!", "😀"])
def test_lookup_of_nothing_is_empty(vocab: Vocabulary, term: str) -> None:
    assert vocab.lookup(term) == []
    assert vocab.suggest(term) == []


def test_lookup_restricted_to_kinds(vocab: Vocabulary) -> None:
    assert vocab.lookup("exports") == []
    assert vocab.lookup("exports", kinds=("flow",)) == [Match("export", "flow", 100.0, "exports")]
    assert [m.slug for m in vocab.lookup("중국", kinds=("item",))] == []


@pytest.mark.parametrize(
    ("word", "expected"),
    [("semicondutr", "semiconductors"), ("batterys", "secondary_batteries"), ("vietnm", "vietnam")],
)
def test_suggest_offers_close_slugs_for_did_you_mean(
    vocab: Vocabulary, word: str, expected: str
) -> None:
    assert expected in vocab.suggest(word)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("car", "automobiles"),
        ("hips", "semiconductors"),
        ("hips", "ships"),
        ("chin", "china"),
        ("jpan", "japan"),
        ("hina", "china"),
    ],
)
def test_short_words_are_suggested_names_one_letter_added_or_dropped(
    vocab: Vocabulary, word: str, expected: str
) -> None:
    assert expected in vocab.suggest(word)


@pytest.mark.parametrize("word", ["mars", "bars", "ears", "good", "hand", "gold", "wood", "tram"])
def test_short_words_one_letter_swapped_from_a_name_get_no_suggestion(
    vocab: Vocabulary, word: str
) -> None:
    """ "mars" is not a typo of "cars", nor "good" of "food": another word, not a slip."""
    assert vocab.suggest(word) == []
    assert vocab.fuzzy(word, cutoff=50.0) == []  # however low a caller sets the cutoff


@pytest.mark.parametrize("word", ["banana", "zzz", "weather"])
def test_suggest_offers_nothing_for_unrelated_words(vocab: Vocabulary, word: str) -> None:
    assert vocab.suggest(word) == []


@pytest.mark.parametrize(
    ("length", "cutoff"), [(2, None), (3, None), (4, 86.0), (5, 80.0), (8, 78.0), (14, 75.0)]
)
def test_fuzzy_cutoff_is_stricter_for_short_words(length: int, cutoff: float | None) -> None:
    assert fuzzy_cutoff(length) == cutoff


@pytest.mark.parametrize("word", ["us", "uk", "eu", "en", "ev", "ic"])
def test_words_of_three_letters_or_fewer_are_never_fuzzy_matched(
    vocab: Vocabulary, word: str
) -> None:
    assert vocab.fuzzy(word + "x"[: 3 - len(word)]) == []
