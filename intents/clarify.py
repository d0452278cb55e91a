"""Asking back instead of guessing: concrete options, each a full question the bot can re-ask.

Every `Option.query` is written in the asker's language and is itself understood by
`parse` without asking back again (a test checks this), so pressing a button always
gets an answer.
"""

from __future__ import annotations

import re

from kortrade.intents.model import Clarification, Match, Option
from kortrade.intents.normalize import has_hangul, lower
from kortrade.intents.vocabulary import Vocabulary

__all__ = ["ambiguous_term", "replace_term", "vague_question"]


def vague_question(flow: str, vocab: Vocabulary, lang: str) -> Clarification:
    """Bare "exports" (no item, partner or period): offer the usual next steps."""
    flow_en, flow_ko = vocab.name(flow, "en"), vocab.name(flow, "ko")
    options = [
        Option(
            f"{flow_en}, latest month",
            f"최근 {flow_ko}",
            f"{flow_en} latest" if lang == "en" else f"최근 {flow_ko}",
        ),
        Option(
            f"{flow_en}, last 12 months (chart)",
            f"{flow_ko} 최근 12개월 차트",
            f"chart {flow_en} last 12 months" if lang == "en" else f"{flow_ko} 최근 12개월 차트",
        ),
    ]
    if flow in ("export", "import"):
        item_en, item_ko = vocab.name("semiconductors", "en"), vocab.name("semiconductors", "ko")
        options.append(
            Option(
                f"{flow_en} of {item_en}, latest",
                f"최근 {item_ko} {flow_ko}",
                f"{item_en} {flow_en} latest" if lang == "en" else f"최근 {item_ko} {flow_ko}",
            )
        )
    if flow == "export":
        china_en, china_ko = vocab.name("china", "en"), vocab.name("china", "ko")
        options.append(
            Option(
                f"{flow_en} to {china_en}, latest",
                f"최근 {china_ko} {flow_ko}",
                f"{flow_en} to {china_en} latest" if lang == "en" else f"최근 {china_ko} {flow_ko}",
            )
        )
        options.append(
            Option(
                "which export items grew most, latest month",
                "최근 수출이 가장 많이 늘어난 품목",
                "which export items grew most latest"
                if lang == "en"
                else "최근 수출이 가장 많이 늘어난 품목",
            )
        )
    if flow == "balance":
        options.append(
            Option(
                "how long has the surplus or deficit lasted",
                "무역수지 몇 달 연속",
                "how long has the trade balance streak lasted"
                if lang == "en"
                else "무역수지 몇 달 연속",
            )
        )
    return Clarification("vague", tuple(options))


def ambiguous_term(
    term: str,
    candidates: tuple[Match, ...],
    text: str,
    vocab: Vocabulary,
    lang: str,
    span: tuple[int, int] | None = None,
) -> Clarification:
    """A word about equally close to two slugs ("hips": chips or ships?): one option each,
    the question re-typed with that slug's name in place of the word.

    `span` is where the matcher found the word in `text`; without it the first whole-word
    occurrence is used. Never a plain substring replace: "hips" is inside "chips" and
    "whips", and the wrong one re-typed gives a button that asks something else.
    """
    found = span if span is not None else _word_span(text, term)
    options = []
    for match in candidates:
        name = vocab.name(match.slug, lang)
        query = f"{text} {name}" if found is None else _put(text, found, name)
        options.append(Option(vocab.name(match.slug, "en"), vocab.name(match.slug, "ko"), query))
    return Clarification("ambiguous_term", tuple(options), term=term)


def replace_term(text: str, term: str, name: str) -> str | None:
    """`text` with its first whole-token `term` replaced by `name` (None if absent): the
    question a suggestion button asks, e.g. "banana exports" -> "bananas exports"."""
    span = _word_span(text, term)
    return _put(text, span, name) if span else None


def _put(text: str, span: tuple[int, int], name: str) -> str:
    return text[: span[0]] + name + text[span[1] :]


def _word_span(text: str, term: str) -> tuple[int, int] | None:
    """First occurrence of `term` as a whole token: not inside a longer word, though a
    Korean particle may follow it ("힙스를", "EU로")."""
    if not term:
        return None
    for found in re.finditer(re.escape(lower(term)), lower(text)):
        start, end = found.span()
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not _is_word_char(before) and (not _is_word_char(after) or has_hangul(after)):
            return start, end
    return None


def _is_word_char(char: str) -> bool:
    return char.isalnum()
