"""The one answer path: text -> parse -> resolve -> word -> Reply.

`kortrade ask`, `ask --jsonl`, `chat`, `chart`, inline mode and every Telegram handler
call `answer()`, so what the console shows is what Telegram users get. The vocabulary
is built once per store (`kortrade.resolve.store_view`), so a question costs a parse
plus a few dictionary look-ups. Every reply passes `fit()` here, in one place: never
empty, never over Telegram's 4,096 characters, and never an exception.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from typing import TYPE_CHECKING

from kortrade.bot.replies.reply import MAX_REPLY_CHARS, Button, ChartRequest, Reply, fit
from kortrade.bot.replies.word import word
from kortrade.bot.texts import say
from kortrade.intents import Intent, follow_up
from kortrade.resolve import resolve, store_view

if TYPE_CHECKING:
    from kortrade.data.store import Store

__all__ = ["MAX_REPLY_CHARS", "Button", "ChartRequest", "Reply", "answer"]

logger = logging.getLogger(__name__)


def answer(
    text: str,
    *,
    store: Store,
    today: dt.date | None = None,
    lang: str | None = None,
    previous: Intent | None = None,
) -> Reply:
    """Answer one question. Never raises for any text a user can type.

    `previous` is what the question this one follows was read as (`Reply.intent`): a
    short follow-up ("and imports?", "작년엔?") keeps its subject, period and kind."""
    wanted = lang if lang in ("en", "ko") else None
    day = today or dt.date.today()
    try:
        vocabulary = store_view(store).vocabulary
        intent = follow_up(text if isinstance(text, str) else "", previous, vocabulary, day)
        outcome = resolve(intent, store, day)
        reply = dataclasses.replace(word(outcome, vocabulary, wanted or intent.lang), intent=intent)
    except Exception:  # one bad question must never take the bot (or a --jsonl run) down
        logger.exception("answer failed for %r", text[:200] if isinstance(text, str) else text)
        reply = Reply(text=say("sorry", wanted or "en"), lang=wanted or "en", kind="error")
    return fit(reply)
