"""Text clean-up: every input becomes short, printable, single-spaced text; offsets stay aligned."""

from __future__ import annotations

import pytest

from kortrade.intents.normalize import (
    MAX_CHARS,
    clean,
    detect_lang,
    fuzzy_key,
    lower,
    match_key,
    tokenize,
)


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("  exports   to\tchina\n", "exports to china"),
        ("exports\x00to china", "exports to china"),
        ("\u202eexports\u202c to china", "exports to china"),
        ("exports\u200bto china", "exports to china"),
        ("ＵＳ　ｅｘｐｏｒｔｓ　２０２１", "US exports 2021"),
        ("반도체\u200d수출", "반도체수출"),
        ("", ""),
        ("\x00\x01\x02", ""),
    ],
)
def test_clean_drops_control_and_format_characters(raw: str, cleaned: str) -> None:
    assert clean(raw) == cleaned


@pytest.mark.parametrize("value", [None, 42, b"exports", ["exports"]])
def test_clean_of_a_non_string_is_empty(value: object) -> None:
    assert clean(value) == ""


def test_clean_caps_the_length() -> None:
    assert len(clean("exports " * 2000)) <= MAX_CHARS


def test_lower_keeps_offsets_aligned() -> None:
    text = "İstanbul US exports"
    lowered = lower(text)
    assert len(lowered) == len(text)
    assert lowered.endswith("us exports")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("EU로의", ["eu", "로의"]),
        ("K반도체", ["k", "반도체"]),
        ("2차전지", ["2차전지"]),
        ("hs8542", ["hs8542"]),
    ],
)
def test_a_latin_word_and_a_korean_particle_are_two_tokens(text: str, words: list[str]) -> None:
    assert [t.text for t in tokenize(text)] == words


def test_tokens_keep_the_spelling_as_typed() -> None:
    tokens = tokenize("tell US, U.S.A. 반도체가!")
    assert [t.text for t in tokens] == ["tell", "us", "u", "s", "a", "반도체가"]
    assert tokens[1].raw == "US"
    assert tokens[-1].is_hangul


@pytest.mark.parametrize(
    ("text", "lang"),
    [("exports", "en"), ("반도체 exports", "ko"), ("", "en"), ("😀", "en"), ("ㅋㅋㅋ", "ko")],
)
def test_any_hangul_means_korean(text: str, lang: str) -> None:
    assert detect_lang(text) == lang


@pytest.mark.parametrize(
    ("text", "key"),
    [("U.S.", "u s"), ("K-Beauty", "k beauty"), ("  HS   8542 ", "hs 8542"), ("반도체", "반도체")],
)
def test_match_key_is_rapidfuzz_default_process_with_single_spaces(text: str, key: str) -> None:
    assert match_key(text) == key


def test_fuzzy_key_spells_hangul_as_jamo() -> None:
    assert fuzzy_key("반도체") == "ㅂㅏㄴㄷㅗㅊㅔ"
    assert fuzzy_key("chips") == "chips"
