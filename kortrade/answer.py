"""The one answer path: question text -> Intent -> facts -> worded Reply.

`kortrade ask`, `ask --jsonl`, `chat`, inline mode and every Telegram handler call
`answer()`, so what the console shows is what Telegram users get.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kortrade.data.series import SeriesKey
    from kortrade.data.store import Store

__all__ = ["Button", "ChartRequest", "Reply", "answer"]


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


def answer(
    text: str, *, store: Store, today: dt.date | None = None, lang: str | None = None
) -> Reply:
    """Answer one question. Never raises for any text a user can type."""
    raise NotImplementedError("answer() is wired in by the questions work (issue 4)")
