"""Text clean-up shared by the vocabulary and period readers.

Everything a user can type goes through `clean` first: Unicode NFKC (full-width digits
and letters become ASCII), control and format characters dropped (NUL, RTL marks,
zero-width joiners), whitespace collapsed and the length capped, so the matchers after
it do bounded work on any input. `lower` keeps string offsets aligned with the cleaned
text, so a token's original spelling ("US", "May") can still be inspected.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

__all__ = [
    "MAX_CHARS",
    "Token",
    "clean",
    "detect_lang",
    "fuzzy_key",
    "has_hangul",
    "is_jamo_only",
    "lower",
    "match_key",
    "tokenize",
]

# Questions are short; anything longer is cut before any matching work.
MAX_CHARS = 300
_RAW_CAP = MAX_CHARS * 2
_IN_WORD_FORMAT = frozenset("\u200c\u200d\u00ad\u2060")

_HANGUL_RE = re.compile(r"[\uac00-\ud7a3]")
# Bare jamo (ㅋㅋ, ㅎㅎ, ㅠㅠ; NFKC turns the compatibility letters into U+1100 ones): chat
# noise, never a name, but typed by Korean speakers.
_JAMO = "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\ud7b0-\ud7ff"
_JAMO_RE = re.compile(f"[{_JAMO}]")
_JAMO_ONLY_RE = re.compile(f"[{_JAMO}]+")
_TOKEN_RE = re.compile(r"[^\W_]+")
_SPACE_RE = re.compile(r"\s+")
# Between a Latin (or other non-Hangul) letter and a Hangul syllable, either way round.
_SCRIPT_CHANGE_RE = re.compile(
    r"(?<=[^\W\d_\uac00-\ud7a3])(?=[\uac00-\ud7a3])|(?<=[\uac00-\ud7a3])(?=[^\W\d_\uac00-\ud7a3])"
)

_HANGUL_BASE = 0xAC00
_CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_JUNGSEONG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_JONGSEONG = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"


class Token(NamedTuple):
    """A word of the cleaned text: `text` lower-cased, `raw` as typed, offsets into the text."""

    text: str
    raw: str
    start: int
    end: int

    @property
    def is_hangul(self) -> bool:
        return _HANGUL_RE.search(self.text) is not None


def clean(text: object) -> str:
    """Return printable, NFKC-normalised, single-spaced text of at most MAX_CHARS characters."""
    if not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFKC", text[:_RAW_CAP])
    if not text.isprintable():
        text = "".join(_printable(char) for char in text)
    return _SPACE_RE.sub(" ", text).strip()[:MAX_CHARS]


def _printable(char: str) -> str:
    # Control and format characters (NUL, RTL marks, zero-width space) separate words;
    # the joiners that live inside words (ZWJ, ZWNJ, soft hyphen) just go.
    if char.isprintable():
        return char
    if char in _IN_WORD_FORMAT:
        return ""
    return " "


def lower(text: str) -> str:
    """Lower-case without changing the length (so offsets stay valid: 'İ' stays one char)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def has_hangul(text: str) -> bool:
    return _HANGUL_RE.search(text) is not None


def detect_lang(text: str) -> str:
    """Korean when the text holds any Hangul syllable or bare jamo ("ㅋㅋ"), else English."""
    return "ko" if has_hangul(text) or _JAMO_RE.search(text) else "en"


def is_jamo_only(word: str) -> bool:
    """ "ㅋㅋㅋ", "ㅠㅠ": letters with no syllable, chat noise rather than a word."""
    return _JAMO_ONLY_RE.fullmatch(word) is not None


def tokenize(text: str, lowered: str | None = None) -> list[Token]:
    """Split into letter/digit runs (punctuation separates, as in rapidfuzz's default_process)."""
    lowered = lower(text) if lowered is None else lowered
    tokens = []
    for match in _TOKEN_RE.finditer(lowered):
        start, end = match.span()
        # "EU로의", "K-반도체": a Latin word with a Korean particle is two words.
        cuts = [m.start() for m in _SCRIPT_CHANGE_RE.finditer(lowered, start, end)]
        for a, b in zip([start, *cuts], [*cuts, end], strict=True):
            tokens.append(Token(lowered[a:b], text[a:b], a, b))
    return tokens


def match_key(text: str) -> str:
    """The key a phrase is looked up under: rapidfuzz's default_process (lower, punctuation
    to spaces, trimmed) with inner whitespace collapsed, so "U.S." -> "u s", "K-Beauty" ->
    "k beauty" both for vocabulary entries and for what users type."""
    from rapidfuzz.utils import default_process  # imported on first use: keeps import cheap

    return _SPACE_RE.sub(" ", default_process(unicodedata.normalize("NFKC", text)))


def _jamo(char: str) -> str:
    code = ord(char) - _HANGUL_BASE
    if not 0 <= code < 11172:
        return char
    lead, rest = divmod(code, 588)
    vowel, tail = divmod(rest, 28)
    return _CHOSEONG[lead] + _JUNGSEONG[vowel] + (_JONGSEONG[tail] if tail else "")


def fuzzy_key(key: str) -> str:
    """A match key spelled for edit-distance matching: Hangul syllables decomposed to jamo,
    so a one-letter slip ("반도채") costs one letter, not a whole syllable."""
    if not has_hangul(key):
        return key
    return "".join(_jamo(c) for c in key)
