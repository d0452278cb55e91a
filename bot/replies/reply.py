"""A worded reply: its text, buttons and chart, and Telegram's limit on one message.

Every reply passes `fit()` once (in `kortrade.answer`): never empty, never longer than
`MAX_REPLY_CHARS`, cut at a line with the cut marked.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from kortrade.data.series import SeriesKey
from kortrade.intents.model import Intent

__all__ = [
    "MAX_REPLY_CHARS",
    "Button",
    "ChartRequest",
    "Reply",
    "cut_to_limit",
    "fit",
    "fit_text",
]

#: Telegram's limit for one message (characters).
MAX_REPLY_CHARS = 4096


@dataclass(frozen=True, slots=True)
class Button:
    """An answer option: pressing it asks `query` as if the user had typed it."""

    label: str
    query: str


@dataclass(frozen=True, slots=True)
class ChartRequest:
    """What to draw; `bot/charts.py` turns it into a PNG."""

    keys: tuple[SeriesKey, ...]
    start: str
    end: str
    title: str
    lang: str = "en"


@dataclass(frozen=True, slots=True)
class Reply:
    text: str
    buttons: tuple[Button, ...] = ()
    chart: ChartRequest | None = None
    lang: str = "en"
    kind: str = "figure"
    extra: dict[str, object] = field(default_factory=dict)
    #: What the question was read as: the next message can be a follow-up to it.
    intent: Intent | None = field(default=None, compare=False)


def cut_to_limit(text: str) -> str:
    """No longer than Telegram allows: cut at a line break, mark the cut (an alert's text:
    empty stays empty, so the sender can tell there is nothing to send)."""
    if len(text) > MAX_REPLY_CHARS:
        cut = text.rfind("\n", 0, MAX_REPLY_CHARS - 2)
        if cut < MAX_REPLY_CHARS // 2:
            cut = MAX_REPLY_CHARS - 2
        text = text[:cut].rstrip() + "\n…"
    return text


def fit_text(text: str, lang: str = "en") -> str:
    """A reply: never empty, never longer than Telegram allows (`cut_to_limit`)."""
    text = text.strip()
    if not text:
        text = "Sorry, I have no answer to that." if lang != "ko" else "답변할 수 없습니다."
    return cut_to_limit(text)


def fit(reply: Reply) -> Reply:
    """The reply with its text fitted (`fit_text`)."""
    text = fit_text(reply.text, reply.lang)
    if text == reply.text:
        return reply
    return dataclasses.replace(reply, text=text)
