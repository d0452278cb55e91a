"""Words -> an alert topic (`/subscribe`, `/unsubscribe`, `/latest`): `all`, `flash`, or a
slug of the vocabulary, read with the store's `Vocabulary` (the one questions are read
with), so "/subscribe 반도체" and "/subscribe chips" land on the same slug.

It lives in the decide stage because it needs both the words (intents' vocabulary) and the
store (which names exist); `data/subscriptions.py` then stores a topic it is given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kortrade.data.subscriptions import ALL, FLASH, TOPIC_KINDS
from kortrade.resolve import store_view

if TYPE_CHECKING:
    from kortrade.data.store import Store

__all__ = ["resolve_topic"]

#: Words for "everything". `world` (the partner) and `all` (the item) mean the same.
_ALL_WORDS = frozenset({"", "all", "everything", "전체", "모두", "world"})
#: Words for the customs office's first-10/20-day figures.
_FLASH_WORDS = frozenset(
    {
        "flash", "flashes", "flash figures", "flash estimates", "early figures",
        "first 10 days", "first 20 days", "10-day", "20-day", "10 day", "20 day",
        "10일", "20일", "1~10일", "1~20일", "잠정치", "속보", "속보치", "초순", "중순",
    }
)  # fmt: skip


def _topic(slug: str) -> str:
    return ALL if slug in ("all", "world") else slug


def resolve_topic(store: Store, text: str) -> str | None:
    """`all`, `flash`, an item/hs/partner slug, or None when the words name nothing we know.

    Accepts names and aliases in English or Korean, slugs, and small typos; an
    ambiguous typo (two topics about equally close) is None rather than a guess.
    """
    words = " ".join(str(text or "").split())
    if words.lower() in _ALL_WORDS:
        return ALL
    if words.lower() in _FLASH_WORDS:
        return FLASH
    vocabulary = store_view(store).vocabulary
    slug_like = words.lower().replace(" ", "_").replace("-", "_")
    if slug_like in vocabulary and vocabulary.kind(slug_like) in TOPIC_KINDS:
        return _topic(slug_like)
    matches = [m for m in vocabulary.lookup(words, kinds=TOPIC_KINDS) if m.kind in TOPIC_KINDS]
    if not matches:
        return None
    best = matches[0]
    if any(m.slug != best.slug and m.score >= best.score for m in matches[1:]):
        return None
    return _topic(best.slug)
