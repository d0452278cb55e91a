"""The console chat: `kortrade chat`, and `kortrade run` when no bot token is set.

It asks the same `answer()` the Telegram handlers ask, so what you see here is what a
Telegram user gets. A reply's buttons are shown as numbered options: typing the
number asks that option, as pressing the button would. A chart option saves the
picture Telegram would send as a PNG file. Reads lines until end of input.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeAlias

from kortrade.answer import answer
from kortrade.bot.charts import chart_png
from kortrade.bot.replies.reply import ChartRequest, Reply
from kortrade.bot.texts import say

if TYPE_CHECKING:
    from kortrade.data.store import Store

__all__ = ["run_console"]

logger = logging.getLogger(__name__)

_QUIT = frozenset({"quit", "exit", "/quit", "/exit", ":q"})
CHART_FILE = "kortrade-chart.png"

Option: TypeAlias = str | ChartRequest  # a question to ask, or a chart to save


def _options(reply: Reply) -> list[tuple[str, Option]]:
    found: list[tuple[str, Option]] = [(button.label, button.query) for button in reply.buttons]
    if reply.chart is not None:
        found.append((f"{say('chart_button', reply.lang)} ({CHART_FILE})", reply.chart))
    return found


def _save_chart(store: Store, request: ChartRequest, folder: Path) -> str:
    png = chart_png(store, request)
    if png is None:
        return say("chart_empty", request.lang, title=request.title)
    path = folder / CHART_FILE
    path.write_bytes(png)
    return f"{request.title}: {path}"


def run_console(
    store: Store,
    *,
    today: dt.date | None = None,
    lang: str | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    chart_dir: Path | None = None,
) -> None:
    """Answer each line of `stdin` on `stdout` until end of input or "quit"."""
    source, out = stdin or sys.stdin, stdout or sys.stdout
    interactive = getattr(source, "isatty", lambda: False)()
    options: list[tuple[str, Option]] = []
    before = None  # what the last question was read as: a follow-up ("and imports?") continues it
    reply: Reply | None = None  # a short follow-up ("and imports?") continues it
    while True:
        if interactive:
            out.write("> ")
            out.flush()
        line = source.readline()
        if not line:
            break
        text = line.strip()
        if not text:
            continue
        if text.lower() in _QUIT:
            break
        if text.isdigit() and 1 <= int(text) <= len(options):
            picked = options[int(text) - 1][1]
            if isinstance(picked, ChartRequest):
                out.write(_save_chart(store, picked, chart_dir or Path.cwd()) + "\n\n")
                out.flush()
                continue
            text = picked
        reply = answer(text, store=store, today=today, lang=lang, previous=before)  # never raises
        before = reply.intent
        options = _options(reply)
        lines = [reply.text, *(f"  [{n}] {label}" for n, (label, _) in enumerate(options, 1))]
        out.write("\n".join(lines) + "\n\n")
        out.flush()
