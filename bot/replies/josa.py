"""Korean particles chosen for the word they follow: 은/는, 이/가, 을/를, 과/와, (이)라는.

A particle's form depends on whether the word ends in a consonant (받침). For Hangul that
is in the syllable; for digits and Latin letters, in how they are read aloud ("EU" 이유:
no 받침; "ASEAN" 아세안, "3" 삼: 받침). A closing quote is looked through, and a
parenthetical at the end is skipped.
"""

from __future__ import annotations

__all__ = ["has_final_consonant", "with_particle"]

_PAIRS = {
    "은/는": ("은", "는"),
    "이/가": ("이", "가"),
    "을/를": ("을", "를"),
    "과/와": ("과", "와"),
    "이라는/라는": ("이라는", "라는"),
    "이다/다": ("이다", "다"),
    "으로/로": ("으로", "로"),
}
_DIGITS_WITH_FINAL = frozenset("013678")  # 영 일 삼 육 칠 팔
_LATIN_WITH_FINAL = frozenset("lmnr")  # 엘 엠 엔 알
_CLOSERS = "”’\"')]}」』"


def has_final_consonant(word: str) -> bool:
    """Whether `word`, read aloud, ends in a consonant. A parenthetical at the end is
    skipped, as Korean attaches the particle to the word before it ("2월(483억 달러)이")."""
    text = word.rstrip()
    if text.endswith(")") and "(" in text:
        text = text[: text.rindex("(")]
    text = text.rstrip().rstrip(_CLOSERS).rstrip()
    if not text:
        return False
    last = text[-1]
    if "가" <= last <= "힣":
        return (ord(last) - ord("가")) % 28 != 0
    if last.isdigit():
        return last in _DIGITS_WITH_FINAL
    return last.lower() in _LATIN_WITH_FINAL


def with_particle(word: str, pair: str) -> str:
    """`word` with the particle of `pair` ("은/는", "이/가", ...) that fits it.
    "으로/로" takes 로 after ㄹ as well (서울로)."""
    after_consonant, after_vowel = _PAIRS[pair]
    final = has_final_consonant(word)
    if pair == "으로/로" and final:
        last = word.rstrip().rstrip(_CLOSERS)[-1:]
        if "가" <= last <= "힣" and (ord(last) - ord("가")) % 28 == 8:  # ㄹ
            final = False
    return word + (after_consonant if final else after_vowel)
