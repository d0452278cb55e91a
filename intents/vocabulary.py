"""The vocabulary: item, HS code, partner and flow names in English and Korean.

Built once from the `names` rows (data/dataset/names.csv, or `Store.names()`), then
every lookup is a dict hit on a precomputed key; rapidfuzz runs only for words that
matched nothing exactly, over choice lists prepared here once per set of kinds.
Exact always beats fuzzy, so two real words one letter apart ("chips", "ships") each
land on their own slug, and a fuzzy hit that is about as close to two different slugs
is reported as ambiguous rather than guessed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from kortrade.intents.model import Match
from kortrade.intents.normalize import fuzzy_key, has_hangul, match_key

__all__ = ["ALL_KINDS", "DEFAULT_LOOKUP_KINDS", "Vocabulary", "fuzzy_cutoff"]

logger = logging.getLogger(__name__)

ALL_KINDS: tuple[str, ...] = ("item", "hs", "partner", "flow")
DEFAULT_LOOKUP_KINDS: tuple[str, ...] = ("item", "hs", "partner")

# Slugs that mean "no restriction": matching them adds nothing to a subject.
_DEFAULT_SLUGS = frozenset({"all", "world"})
# Two fuzzy candidates for different slugs closer than this are a tie, not a match.
_AMBIGUITY_MARGIN = 4.0
_SUGGEST_CUTOFF = 67.0
# A word this short with one letter swapped is usually another real word ("mars"/"cars",
# "good"/"food", "hand"/"nand": 75 points), so short words only ever get candidates one
# letter added or dropped away ("hips" -> "chips", "car" -> "cars", "chin" -> "china").
_SHORT_WORD_CHARS = 4
_SHORT_WORD_CUTOFF = 85.0
_MAX_WORDS = 4


def fuzzy_cutoff(length: int) -> float | None:
    """Minimum fuzz.ratio for a typo of a word this long (in fuzzy-key characters).

    Short words get no fuzzy matching at all: at three letters one slip turns any word
    into another ("us"/"uk", "eu"/"en"). Four letters need a near miss ("chin" ->
    "china"); longer words tolerate one or two slips ("semicondutor", "exprts", "chian").
    """
    if length <= 3:
        return None
    if length == 4:
        return 86.0
    if length <= 6:
        return 80.0
    if length <= 9:
        return 78.0
    return 75.0


class _Name(NamedTuple):
    kind: str
    en: str
    ko: str
    flow: str = ""


class _Choices(NamedTuple):
    keys: list[str]
    fuzzy_keys: list[str]
    slugs: list[str]


class Vocabulary:
    """Names and aliases of every slug, with exact and fuzzy lookup.

    Keys are `normalize.match_key` of the slug, both display names and every alias.
    `exact(key)` returns the slugs a key names (a few keys, such as "total", name
    several). Korean keys are also stored without spaces ("일평균수출"), since Korean
    writes compounds both ways.
    """

    def __init__(self, names: Mapping[str, _Name], keys: Mapping[str, tuple[str, ...]]) -> None:
        self._names = dict(names)
        self._exact = dict(keys)
        self._choices: dict[tuple[str, ...], _Choices] = {}
        self.max_words = min(_MAX_WORDS, max((k.count(" ") + 1 for k in self._exact), default=1))
        # Korean keys by first syllable, longest first, for splitting words with particles.
        self._hangul_keys: dict[str, tuple[str, ...]] = {}
        korean = (k for k in self._exact if has_hangul(k) and " " not in k)
        for key in sorted(korean, key=len, reverse=True):
            self._hangul_keys[key[0]] = (*self._hangul_keys.get(key[0], ()), key)

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, object]]) -> Vocabulary:
        """Build from names rows: slug, kind, en, ko, aliases_en, aliases_ko ('|'-separated)."""
        names: dict[str, _Name] = {}
        keys: dict[str, list[str]] = {}

        def add(key_text: str, slug: str) -> None:
            key = match_key(key_text)
            if not key:
                return
            variants = {key}
            if has_hangul(key):
                variants.add(key.replace(" ", ""))
            for variant in variants:
                slugs = keys.setdefault(variant, [])
                if slug not in slugs:
                    slugs.append(slug)

        slug_keys: list[str] = []
        for row in rows:
            slug = str(row.get("slug") or "").strip()
            kind = str(row.get("kind") or "").strip()
            if not slug or kind not in ALL_KINDS:
                logger.warning("names row skipped: slug %r kind %r", slug, kind)
                continue
            en = str(row.get("en") or slug).strip()
            ko = str(row.get("ko") or en).strip()
            names[slug] = _Name(kind, en, ko, str(row.get("flow") or "").strip())
            slug_keys.append(slug)
            add(en, slug)
            add(ko, slug)
            for column in ("aliases_en", "aliases_ko"):
                for alias in str(row.get(column) or "").split("|"):
                    if alias.strip():
                        add(alias.strip(), slug)
        # A slug's own spelling is a key only where no name or alias claims it: the customs
        # heading `machinery` must not make "machinery" (general machinery) ambiguous.
        for slug in slug_keys:
            if match_key(slug.replace("_", " ")) not in keys:
                add(slug.replace("_", " "), slug)
        return cls(names, {k: tuple(v) for k, v in keys.items()})

    # -- names ---------------------------------------------------------------------------

    def __contains__(self, slug: object) -> bool:
        return slug in self._names

    def name(self, slug: str, lang: str = "en") -> str:
        """Display name of a slug in 'en' or 'ko'; the slug itself when unknown."""
        entry = self._names.get(slug)
        if entry is None:
            return slug
        return entry.ko if lang == "ko" else entry.en

    def kind(self, slug: str) -> str | None:
        entry = self._names.get(slug)
        return entry.kind if entry else None

    def flow_only(self, slug: str) -> str:
        """The one flow an item is stored for ("import" for crude oil), "" when not fixed."""
        entry = self._names.get(slug)
        return entry.flow if entry else ""

    def slugs(self, kind: str | None = None) -> list[str]:
        """Slugs of one kind (all kinds when None), in the order of the rows."""
        return [slug for slug, entry in self._names.items() if kind is None or entry.kind == kind]

    # -- exact -----------------------------------------------------------------------------

    def exact(self, key: str) -> tuple[str, ...]:
        """Slugs named by an already-normalised key (see `normalize.match_key`)."""
        return self._exact.get(key, ())

    def hangul_prefixes(self, word: str) -> list[str]:
        """Korean keys that start `word`, longest first (for words with particles attached)."""
        if not word:
            return []
        return [key for key in self._hangul_keys.get(word[0], ()) if word.startswith(key)]

    @staticmethod
    def is_default(slug: str) -> bool:
        return slug in _DEFAULT_SLUGS

    # -- fuzzy ---------------------------------------------------------------------------

    def _choices_for(self, kinds: Sequence[str]) -> _Choices:
        wanted = tuple(sorted(set(kinds)))
        cached = self._choices.get(wanted)
        if cached is None:
            keys: list[str] = []
            slugs: list[str] = []
            for key, key_slugs in self._exact.items():
                for slug in key_slugs:
                    if self._names[slug].kind in wanted and len(fuzzy_key(key)) >= 4:
                        keys.append(key)
                        slugs.append(slug)
            cached = _Choices(keys, [fuzzy_key(k) for k in keys], slugs)
            self._choices[wanted] = cached
        return cached

    def fuzzy(
        self,
        key: str,
        kinds: Sequence[str] = ALL_KINDS,
        *,
        cutoff: float | None = None,
        limit: int = 5,
    ) -> list[Match]:
        """Best fuzzy candidates for a normalised key, one per slug, best first.

        The cutoff defaults to `fuzzy_cutoff(len(key))`: no candidates at all for words
        of three letters or fewer. Whatever cutoff is asked, a word of four letters or
        fewer needs `_SHORT_WORD_CUTOFF`, so a "did you mean" never swaps a letter of it.
        """
        from rapidfuzz import fuzz, process  # imported on first use: keeps import cheap

        probe = fuzzy_key(key)
        if cutoff is None:
            cutoff = fuzzy_cutoff(len(probe))
            if cutoff is None:
                return []
        if len(probe) <= _SHORT_WORD_CHARS:
            cutoff = max(cutoff, _SHORT_WORD_CUTOFF)
        choices = self._choices_for(kinds)
        found = process.extract(
            probe,
            choices.fuzzy_keys,
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=cutoff,
            limit=limit * 3,
        )
        best: dict[str, Match] = {}
        for _choice, score, index in found:
            slug = choices.slugs[index]
            if slug not in best or score > best[slug].score:
                best[slug] = Match(slug, self._names[slug].kind, float(score), choices.keys[index])
        return sorted(best.values(), key=lambda m: (-m.score, m.slug))[:limit]

    def resolve_fuzzy(
        self, key: str, kinds: Sequence[str] = ALL_KINDS
    ) -> tuple[Match | None, tuple[Match, ...]]:
        """One fuzzy winner, or (None, tied candidates) when two slugs score about the same."""
        candidates = self.fuzzy(key, kinds, limit=3)
        if not candidates:
            return None, ()
        top = candidates[0]
        rivals = tuple(
            c
            for c in candidates[1:]
            if top.score - c.score < _AMBIGUITY_MARGIN and not _same_meaning(top.slug, c.slug)
        )
        if rivals:
            return None, (top, *rivals)
        return top, ()

    # -- public lookups --------------------------------------------------------------------

    def lookup(self, term: str, kinds: Sequence[str] = DEFAULT_LOOKUP_KINDS) -> list[Match]:
        """Best matches for a short phrase, e.g. a /subscribe argument: exact hits (score 100)
        when there are any, else fuzzy candidates above the typo cutoff, best first."""
        key = match_key(term) if isinstance(term, str) else ""
        if not key:
            return []
        wanted = set(kinds)
        hits = [Match(s, self._names[s].kind, 100.0, key) for s in self._exact_any(key)]
        hits = [m for m in hits if m.kind in wanted]
        if hits:
            return hits
        return self.fuzzy(key, kinds)

    def suggest(
        self, term: str, kinds: Sequence[str] = DEFAULT_LOOKUP_KINDS, limit: int = 3
    ) -> list[str]:
        """Slugs loosely like an unknown word, for "did you mean"; [] when nothing is close."""
        key = match_key(term) if isinstance(term, str) else ""
        if len(key) < 3:
            return []
        return [m.slug for m in self.fuzzy(key, kinds, cutoff=_SUGGEST_CUTOFF, limit=limit)]

    def _exact_any(self, key: str) -> tuple[str, ...]:
        found = self._exact.get(key)
        if found:
            return found
        if has_hangul(key):
            return self._exact.get(key.replace(" ", ""), ())
        return ()


def _same_meaning(a: str, b: str) -> bool:
    return a in _DEFAULT_SLUGS and b in _DEFAULT_SLUGS
