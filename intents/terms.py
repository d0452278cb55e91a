"""Finding vocabulary terms among a question's words: exact n-grams first, fuzzy for leftovers.

Windows of up to four words are looked up longest first ("daily average exports"
before "exports"), so a multi-word name wins over its parts. Korean words carry
particles ("중국으로", "반도체가") and may run nouns together ("반도체수출"), so a
Hangul word that is not a key itself is split into known keys plus particles; a split
that leaves an unknown piece is rejected ("인도네시아" is not "인도" + "네시아").
Only words left after that, and not filler or cue words, go to rapidfuzz.
"""

from __future__ import annotations

from typing import NamedTuple

from kortrade.intents import lexicon
from kortrade.intents.model import Match
from kortrade.intents.normalize import Token, has_hangul, is_jamo_only
from kortrade.intents.places import is_country
from kortrade.intents.vocabulary import Vocabulary

__all__ = ["MAX_TOKENS", "Ambiguity", "TermHit", "TermScan", "scan_terms"]

MAX_TOKENS = 60
_MAX_FUZZY_PROBES = 10
_MAX_WINDOW_PROBES = 6
_MAX_RUNS = 3
_MAX_RUN_WORDS = 4
_MAX_HANGUL_SEGMENT = 24
_MAX_TERM_CHARS = 30
_MAX_UNKNOWN = 5
_CUE_WORDS_EN = (
    frozenset(
        word
        for group in (
            lexicon.ABOUT_EN,
            lexicon.HELP_EN,
            lexicon.LATEST_EN,
            lexicon.CHART_EN,
            lexicon.COMPARE_EN,
            lexicon.STREAK_EN,
            lexicon.RECORD_EN,
            lexicon.RANK_EN,
            lexicon.GROWTH_EN,
            lexicon.VALUE_EN,
            lexicon.UP_EN,
            lexicon.DOWN_EN,
            lexicon.TRADE_BOTH_EN,
            lexicon.DOUBLE_DIGIT_EN,
            lexicon.LOWEST_EN,
        )
        for phrase in group
        for word in phrase.split()
    )
    | frozenset(lexicon.DIMENSION_EN)
    | {"may", "might", "must", "shall", "can", "cannot"}
)
_PARTICLES = frozenset(lexicon.KO_PARTICLES)
_LINKS = frozenset({"of", "to", "from", "for", "into", "with"})
# Particles safe to strip from a word we do not know (not "나", "야": 바나나, 파자마).
_COMMON_PARTICLES: tuple[str, ...] = (
    "으로의", "에서", "으로", "까지", "부터", "에게", "로의",
    "은", "는", "이", "가", "을", "를", "의", "에", "로", "와", "과", "도", "만",
)  # fmt: skip
_HANGUL_SPECIAL = tuple(
    p for p in lexicon.REPORTER_PHRASES | lexicon.UNSUPPORTED_PHRASES if has_hangul(p)
)


class TermHit(NamedTuple):
    """Slugs named by tokens[start:end]; `score` < 100 for a fuzzy match."""

    slugs: tuple[str, ...]
    start: int
    end: int
    text: str
    score: float = 100.0


class Ambiguity(NamedTuple):
    """A word that names two slugs about equally well. `start`/`end` are character offsets
    of exactly what was matched (a Korean stem without its particle), so a clarifying
    option can put a name in its place without touching other words ("chips" in "hips")."""

    text: str
    matches: tuple[Match, ...]
    start: int
    end: int


class TermScan:
    """What the words held: vocabulary hits, unknown content words, fuzzy ties, whether the
    reporter (Korea) was named, and whether an unknown word names what a flow is of
    (`attached`: "banana exports", "exports to Germany", "바나나 수출") rather than being
    a word we merely do not know ("무역적자 얼마나 계속")."""

    __slots__ = ("ambiguous", "attached", "hits", "reporter", "unknown")

    def __init__(self) -> None:
        self.hits: list[TermHit] = []
        self.unknown: list[str] = []
        self.ambiguous: list[Ambiguity] = []
        self.reporter = False
        self.attached = False


def scan_terms(tokens: list[Token], vocab: Vocabulary) -> TermScan:
    """Match tokens against the vocabulary; collect unknown content words and fuzzy ties."""
    tokens = tokens[:MAX_TOKENS]
    scan = TermScan()
    leftovers: list[int] = []
    i = 0
    while i < len(tokens):
        step = _match_window(tokens, i, vocab, scan)
        if step:
            i += step
            continue
        token = tokens[i]
        hs_code = _unknown_hs_code(tokens, i)
        if hs_code:
            scan.unknown.append(hs_code[0])
            scan.attached = True
            i += hs_code[1]
            continue
        if token.is_hangul:
            if not _match_hangul(token, i, vocab, scan) and _is_content_ko(token.text):
                leftovers.append(i)
        elif _is_content_en(token.text):
            leftovers.append(i)
        i += 1
    unknown_at = _fuzzy_leftovers(tokens, leftovers, vocab, scan)
    if not scan.attached and unknown_at:
        scan.attached = _attached_to_flow(tokens, unknown_at, scan, vocab)
    return scan


def _attached_to_flow(
    tokens: list[Token], unknown_at: list[int], scan: TermScan, vocab: Vocabulary
) -> bool:
    """Does an unknown word sit where an item or partner would: right before a flow word
    ("banana exports", "바나나 수출"), or after flow + of/to/from ("exports to Germany")?"""
    flow_starts = set()
    flow_ends = set()
    for hit in scan.hits:
        if any(vocab.kind(slug) == "flow" for slug in hit.slugs):
            flow_starts.add(hit.start)
            flow_ends.add(hit.end)
    for index in unknown_at:
        if index + 1 in flow_starts:
            return True
        before = tokens[index - 1].text if index > 0 else ""
        if before in _LINKS and index - 1 in flow_ends:
            return True
    return False


def _match_window(tokens: list[Token], i: int, vocab: Vocabulary, scan: TermScan) -> int:
    """Longest exact phrase starting at token i; returns how many tokens it used (0: none)."""
    for size in range(min(vocab.max_words, len(tokens) - i), 0, -1):
        window = tokens[i : i + size]
        key = " ".join(t.text for t in window)
        if key in lexicon.UNSUPPORTED_PHRASES:
            scan.unknown.append(" ".join(t.raw for t in window))
            scan.attached = True
            return size
        if key in lexicon.REPORTER_PHRASES:
            scan.reporter = True
            return size
        slugs = vocab.exact(key)
        if not slugs and size > 1 and all(t.is_hangul for t in window):
            slugs = vocab.exact(key.replace(" ", ""))
        if slugs:
            if key == "us" and _is_pronoun_us(tokens, i):
                return 0
            text = " ".join(t.raw for t in window)
            named = [slug for slug in slugs if not vocab.is_default(slug)]
            if len(named) > 1:  # one alias, two series: ask, never pick
                matches = tuple(Match(slug, vocab.kind(slug) or "", 100.0, key) for slug in named)
                end = window[-1].end
                scan.ambiguous.append(Ambiguity(text, matches, window[0].start, end))
            else:
                scan.hits.append(TermHit(slugs, i, i + size, text))
            return size
    return 0


def _unknown_hs_code(tokens: list[Token], i: int) -> tuple[str, int] | None:
    """ "HS 2710" when the vocabulary has no such code: an unknown term (and how many tokens
    it took), never a year."""
    words = [t.text for t in tokens[i : i + 3]]
    if words[0].startswith("hs") and words[0][2:].isdigit():
        return f"HS {words[0][2:]}", 1
    if words[0] != "hs":
        return None
    if len(words) > 1 and words[1].isdigit():
        return f"HS {words[1]}", 2
    if len(words) > 2 and words[1] == "code" and words[2].isdigit():
        return f"HS {words[2]}", 3
    return None


def _is_pronoun_us(tokens: list[Token], i: int) -> bool:
    """'us' the pronoun ("tell us", "show us") unless typed as "US"."""
    if tokens[i].raw == "US":
        return False
    return i > 0 and tokens[i - 1].text in lexicon.PRONOUN_US_BEFORE


def _match_hangul(token: Token, i: int, vocab: Vocabulary, scan: TermScan) -> bool:
    """Split a Korean word into known keys and particles; record the keys' slugs."""
    word = token.text
    if len(word) > _MAX_HANGUL_SEGMENT:
        return False
    parts = _segment(word, vocab)
    if parts is None:
        return False
    for part in parts:
        if part in lexicon.REPORTER_PHRASES:
            scan.reporter = True
        elif part in lexicon.UNSUPPORTED_PHRASES:
            scan.unknown.append(part)
            scan.attached = True
        else:
            scan.hits.append(TermHit(vocab.exact(part), i, i + 1, part))
    return True


def _segment(word: str, vocab: Vocabulary) -> list[str] | None:
    """Known keys covering `word`, particles dropped; None when some piece is unknown."""
    if not word or word in _PARTICLES:
        return []
    candidates = [*vocab.hangul_prefixes(word), *(k for k in _HANGUL_SPECIAL if word.startswith(k))]
    for key in sorted(candidates, key=len, reverse=True):
        rest = _segment(word[len(key) :], vocab)
        if rest is not None:
            return [key, *rest]
    for prefix in lexicon.KO_PREFIXES:  # 대중국, 대미: "towards" a partner
        if word.startswith(prefix) and len(word) > len(prefix):
            rest = _segment(word[len(prefix) :], vocab)
            if rest and any(vocab.kind(s) == "partner" for s in vocab.exact(rest[0])):
                return rest
    return None


def _is_content_en(word: str) -> bool:
    return (
        len(word) >= 3
        and word.isalpha()
        and word not in lexicon.STOPWORDS_EN
        and word not in _CUE_WORDS_EN
        and not is_jamo_only(word)
    )


def _is_content_ko(word: str) -> bool:
    word = word.lstrip("0123456789")  # "5대", "3개": counts, not names
    if len(word) < 2 or not has_hangul(word):
        return False
    return not word.startswith(lexicon.KO_STOP_STEMS)


def _strip_particle(word: str) -> str:
    """The noun of an unknown Korean word, for quoting it back ("바나나를" -> "바나나")."""
    for particle in _COMMON_PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= 2:
            return word[: -len(particle)]
    return word


def _fuzzy_leftovers(
    tokens: list[Token], leftovers: list[int], vocab: Vocabulary, scan: TermScan
) -> list[int]:
    """Typos: try short runs of two or three leftover words, then single words, then give up;
    returns the token indexes of the words left unknown.

    Both passes have a probe budget and remember what they tried, so a long or repetitive
    message costs a bounded number of rapidfuzz calls.
    """
    unknown_at: list[int] = []
    probes = 0
    used: set[int] = set()
    tried: set[str] = set()
    for run in _runs(leftovers)[:_MAX_RUNS]:
        for size in (3, 2):
            for start in range(len(run) - size + 1):
                window = run[start : start + size]
                key = " ".join(tokens[k].text for k in window)
                if used.intersection(window) or key in tried or probes >= _MAX_WINDOW_PROBES:
                    continue
                if is_country(key):  # "south africa": a country, not "south america" mistyped
                    used.update(window)
                    unknown_at.extend(window)
                    text = " ".join(tokens[k].raw for k in window)[:_MAX_TERM_CHARS]
                    if text not in scan.unknown and len(scan.unknown) < _MAX_UNKNOWN:
                        scan.unknown.append(text)
                    continue
                probes += 1
                tried.add(key)
                match, _tied = vocab.resolve_fuzzy(key)
                if match is not None:
                    used.update(window)
                    text = " ".join(tokens[k].raw for k in window)
                    scan.hits.append(
                        TermHit((match.slug,), window[0], window[-1] + 1, text, match.score)
                    )
    _fuzzy_with_neighbours(tokens, leftovers, vocab, scan, used)
    probes = 0
    seen: dict[str, tuple[Match | None, tuple[Match, ...]]] = {}
    for index in leftovers:
        if index in used:
            continue
        token = tokens[index]
        word = _strip_particle(token.text) if token.is_hangul else token.text
        shown = (word if token.is_hangul else token.raw)[:_MAX_TERM_CHARS]
        if word not in seen:
            fuzzy_ok = len(word) <= _MAX_TERM_CHARS and not (token.is_hangul and len(word) < 3)
            fuzzy_ok = fuzzy_ok and not is_country(word)  # "austria" is not "australia" mistyped
            if probes >= _MAX_FUZZY_PROBES or not fuzzy_ok:
                seen[word] = (None, ())
            else:
                probes += 1
                seen[word] = vocab.resolve_fuzzy(word)
        match, tied = seen[word]
        if match is not None:
            scan.hits.append(TermHit((match.slug,), index, index + 1, token.raw, match.score))
        elif tied:
            stem_end = token.start + len(word)  # a Korean particle stays where it was
            scan.ambiguous.append(Ambiguity(token.raw[: len(word)], tied, token.start, stem_end))
        else:
            unknown_at.append(index)
            if shown not in scan.unknown and len(scan.unknown) < _MAX_UNKNOWN:
                scan.unknown.append(shown)
    return unknown_at


def _fuzzy_with_neighbours(
    tokens: list[Token], leftovers: list[int], vocab: Vocabulary, scan: TermScan, used: set[int]
) -> None:
    """A typo next to an exact word of the same name ("secondry batteries"): match the pair."""
    single_hits = {hit.start: hit for hit in scan.hits if hit.end - hit.start == 1}
    probes = 0
    for index in leftovers:
        if index in used or probes >= _MAX_WINDOW_PROBES:
            continue
        for pair in ((index, index + 1), (index - 1, index)):
            neighbour = pair[1] if pair[0] == index else pair[0]
            hit = single_hits.get(neighbour)
            if hit is None or tokens[index].is_hangul or len(tokens[index].text) < 4:
                continue
            probes += 1
            match, _tied = vocab.resolve_fuzzy(" ".join(tokens[k].text for k in pair))
            if match is not None and match.slug in hit.slugs:
                scan.hits.remove(hit)
                del single_hits[neighbour]
                used.add(index)
                text = " ".join(tokens[k].raw for k in pair)
                scan.hits.append(TermHit((match.slug,), pair[0], pair[1] + 1, text, match.score))
                break


def _runs(indexes: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for index in indexes:
        if runs and runs[-1][-1] == index - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return [run for run in runs if 1 < len(run) <= _MAX_RUN_WORDS]
