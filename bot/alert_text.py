"""The words of a release alert: the digest as a subscriber of `all` gets it, or the lines
of a chat's topics under one title, one export headline and one source list (worded
together by `digest_topics_text`, so nothing repeats). Imports no telegram (tested like
any wording).

Texts are rendered once per (month, language, topics) and cached, so a fan-out to 10,000
chats builds one digest per month and a handful of texts, not 10,000.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kortrade.bot.replies.digest import digest_text, digest_topics_text
from kortrade.bot.replies.flash import flash_alert_text
from kortrade.data import outbox, subscriptions
from kortrade.data.digest import build_digest
from kortrade.data.flash import FLASH_DAYS
from kortrade.resolve import store_view
from kortrade.resolve.flash import span_alert

if TYPE_CHECKING:
    from kortrade.data.outbox import Delivery
    from kortrade.data.store import Store

__all__ = ["Renderer", "digest_renderer"]

Renderer = Callable[["Delivery"], str]


def digest_renderer(store: Store) -> Renderer:
    """Word an alert as the release digest: the whole digest for `all`, else the lines of
    the chat's topics. Digests and texts are cached, so a fan-out to 10,000 chats builds
    one digest per month and one text per (language, topics)."""

    digests: dict[str, Any] = {}
    texts: dict[tuple[str, str, tuple[str, ...]], str] = {}
    flashes = {outbox.flash_topic(days): days for days in FLASH_DAYS}

    def render(delivery: Delivery) -> str:
        topics = delivery.topics
        if len(topics) == 1 and topics[0] in flashes:  # a first-10/20-day span's alert
            key = (delivery.period, delivery.lang, topics)
            if key not in texts:
                days = flashes[topics[0]]
                outcomes, sources = span_alert(store, delivery.period, days)
                texts[key] = flash_alert_text(
                    outcomes, store_view(store).vocabulary, delivery.lang, sources,
                    period=delivery.period, days=days,
                )  # fmt: skip
            return texts[key]
        if not topics or subscriptions.ALL in topics:
            topics = ()
        key = (delivery.period, delivery.lang, topics)
        text = texts.get(key)
        if text is None:
            digest = digests.get(delivery.period)
            if digest is None:
                digest = digests[delivery.period] = build_digest(store, delivery.period)
            if not topics:
                text = digest_text(digest, lang=delivery.lang)
            else:
                text = digest_topics_text(digest, delivery.lang, topics)
            text = texts[key] = text
        return text

    return render
