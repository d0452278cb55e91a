"""The `kortrade` command: a thin layer over the library.

Each subcommand parses its arguments, calls one library function and prints the
result. Heavy libraries (telegram, dateparser, matplotlib) are imported inside the
subcommand that needs them, so `kortrade ask` starts fast. Errors a user can fix
(`UserError` and its subclasses) print one line and exit 1, with no traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import shlex
import sqlite3
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kortrade.errors import UserError

if TYPE_CHECKING:
    from kortrade.config import Settings
    from kortrade.data.store import Store

__all__ = ["build_parser", "main"]

logger = logging.getLogger(__name__)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in YYYY-MM-DD form") from None


def _month(text: str) -> str:
    from kortrade.months import InvalidMonth, parse_month

    try:
        parse_month(text)
    except InvalidMonth as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kortrade",
        description=(
            "South Korea's monthly trade figures: ask, chart, chat, run the Telegram bot, ingest."
        ),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    ask = sub.add_parser("ask", help="print the reply the bot would send to a question")
    ask.add_argument("question", nargs="?", help="the question, in English or Korean")
    ask.add_argument("--jsonl", action="store_true", help="read questions from stdin, one a line")
    ask.add_argument("--today", type=_date, help="resolve 'last month' against this date")
    ask.add_argument(
        "--lang", choices=("en", "ko"), help="reply language (default: the question's)"
    )

    chart = sub.add_parser("chart", help="write the chart a Telegram user gets for a question")
    chart.add_argument("question", help="the question, in English or Korean")
    chart.add_argument(
        "--out", metavar="FILE.png", default="kortrade-chart.png", help="where to write the PNG"
    )
    chart.add_argument("--today", type=_date, help="resolve 'last month' against this date")
    chart.add_argument(
        "--lang", choices=("en", "ko"), help="chart language (default: the question's)"
    )

    chat = sub.add_parser("chat", help="chat with the bot in the terminal")
    chat.add_argument("--today", type=_date, help="resolve 'last month' against this date")
    chat.add_argument(
        "--lang", choices=("en", "ko"), help="reply language (default: the question's)"
    )

    sub.add_parser(
        "run", help="run the Telegram bot (the console chat when TELEGRAM_BOT_TOKEN is unset)"
    )

    ingest = sub.add_parser("ingest", help="validate and load a CSV of figures")
    ingest.add_argument("file", help="CSV in the shipped dataset's format")
    ingest.add_argument(
        "--sources",
        metavar="SOURCES.csv",
        help="sources the figures cite (id,publisher,title,url,via), loaded in the same "
        "transaction: new ids are added, known ones updated",
    )

    about = sub.add_parser("about", help="what data the store holds: coverage, gaps, sources")
    about.add_argument("--lang", choices=("en", "ko"), default="en")

    digest = sub.add_parser("digest", help="print a month's release digest")
    digest.add_argument("month", type=_month, help="YYYY-MM")
    digest.add_argument("--lang", choices=("en", "ko"), default="en")

    customs = sub.add_parser(
        "import-customs", help="import monthly totals from Korea Customs Service's open API"
    )
    customs.add_argument("--from", dest="start", type=_month, required=True, help="YYYY-MM")
    customs.add_argument("--to", dest="end", type=_month, required=True, help="YYYY-MM")
    customs.add_argument(
        "--hs",
        metavar="CODE",
        help="instead of totals, exports of this HS code by country (getNitemtradeList), e.g. 8542",
    )
    customs.add_argument(
        "--countries",
        metavar="CN,US,...",
        help="with --hs: ISO country codes (default: every country the vocabulary knows)",
    )

    sub.add_parser(
        "status",
        help="the store, its newest months, subscribers, the outbox and the sender, on one "
        "screen (exit 1 when the store is unusable: a container health check)",
    )

    broadcast = sub.add_parser(
        "broadcast", help="queue a month's digest for every subscriber (sent by the running bot)"
    )
    broadcast.add_argument("month", type=_month, help="YYYY-MM")
    return parser


def _open_store(settings: Settings) -> Store:
    from kortrade.data.store import open_store

    return open_store(settings.db_path)


def _open_writable_store(settings: Settings) -> Store:
    """The store, for a command that writes: a read-only one is one line, at once."""
    from kortrade.data.ownership import require_writable

    store = _open_store(settings)
    require_writable(store)
    return store


def _stdin_lines() -> Iterator[str]:
    """Lines of stdin as text; bytes that are not UTF-8 become U+FFFD, so one bad line
    neither stops the stream nor puts invalid UTF-8 into the JSON written back."""
    binary = getattr(sys.stdin, "buffer", None)
    if binary is None:  # a text stream without bytes underneath (tests, embedding)
        yield from sys.stdin
        return
    for raw in binary:
        yield raw.decode("utf-8", errors="replace")


def _cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from kortrade.answer import answer

    store = _open_store(settings)
    today = args.today or dt.date.today()
    if not args.jsonl:
        if not args.question:
            raise UserError('Usage: kortrade ask "QUESTION" (or --jsonl to read stdin)')
        reply = answer(args.question, store=store, today=today, lang=args.lang)
        print(reply.text)
        for number, button in enumerate(reply.buttons, 1):  # Telegram shows these as buttons
            print(f"  [{number}] {button.label}: kortrade ask {shlex.quote(button.query)}")
        return 0
    for line in _stdin_lines():
        question = line.rstrip("\r\n")
        started = time.perf_counter()
        text = answer(question, store=store, today=today, lang=args.lang).text  # never raises
        elapsed_ms = (time.perf_counter() - started) * 1000
        record = {"question": question, "reply": text, "elapsed_ms": round(elapsed_ms, 3)}
        print(json.dumps(record, ensure_ascii=False), flush=True)
    return 0


def _cmd_chart(args: argparse.Namespace, settings: Settings) -> int:
    """The reply's chart, drawn as Telegram's /chart and chart button draw it."""
    from kortrade.answer import answer
    from kortrade.bot.charts import draw
    from kortrade.bot.texts import say

    store = _open_store(settings)
    reply = answer(args.question, store=store, today=args.today, lang=args.lang)
    if reply.chart is None:
        first = reply.text.strip().splitlines()[0] if reply.text.strip() else ""
        raise UserError(f"{say('no_chart', reply.lang)} {first}".strip())
    drawn = draw(store, reply.chart)
    if drawn is None:
        raise UserError(say("chart_empty", reply.lang, title=reply.chart.title))
    data, png = drawn
    out = Path(args.out).expanduser()
    try:
        out.write_bytes(png)
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror or exc}") from None
    print(f"{out}: {data.title} ({data.months_drawn} months drawn)")
    return 0


def _cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from kortrade.bot.console import run_console

    run_console(_open_store(settings), today=args.today, lang=args.lang)
    return 0


def _cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.telegram_token:
        from kortrade.bot.console import run_console

        print("TELEGRAM_BOT_TOKEN is not set: starting the console chat (Ctrl-D to quit).")
        if not settings.log_level:  # the bot's INFO log would interleave with the chat
            logging.getLogger().setLevel(logging.WARNING)
        run_console(_open_store(settings), today=None, lang=None)
        return 0
    from kortrade.bot.app import run_bot
    from kortrade.data.ownership import hold_sender_lock

    settings.require_token()
    lock = hold_sender_lock(settings.db_path)  # held until this process ends
    try:
        run_bot(settings, _open_writable_store(settings))
    finally:
        lock.release()
    return 0


def _cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from kortrade.data.ingest import ingest_file

    report = ingest_file(_open_writable_store(settings), args.file, sources=args.sources)
    print(report.summary())
    return 0


def _cmd_digest(args: argparse.Namespace, settings: Settings) -> int:
    from kortrade.bot.replies.digest import digest_text
    from kortrade.data.digest import build_digest

    print(digest_text(build_digest(_open_store(settings), args.month), lang=args.lang))
    return 0


def _cmd_about(args: argparse.Namespace, settings: Settings) -> int:
    from kortrade.bot.replies.about import about_reply

    print(about_reply(_open_store(settings), args.lang))
    return 0


def _cmd_import_customs(args: argparse.Namespace, settings: Settings) -> int:
    from kortrade.data.customs_api import DEFAULT_COUNTRIES, import_items, import_range

    store = _open_writable_store(settings)
    api = {"api_key": settings.customs_api_key, "base_url": settings.customs_api_url}
    if args.hs:
        countries = (
            tuple(code.strip().upper() for code in args.countries.split(",") if code.strip())
            if args.countries
            else DEFAULT_COUNTRIES
        )
        report = import_items(store, args.hs, args.start, args.end, countries=countries, **api)
    elif args.countries:
        raise UserError("--countries goes with --hs (totals are for the world)")
    else:
        report = import_range(store, args.start, args.end, **api)
    print(report.summary())
    return 0


def _cmd_broadcast(args: argparse.Namespace, settings: Settings) -> int:
    from kortrade.data.outbox import enqueue_release

    queued = enqueue_release(_open_writable_store(settings), args.month)
    print(f"{queued} deliveries queued for {args.month}; the running bot sends them.")
    return 0


def _cmd_status(args: argparse.Namespace, settings: Settings) -> int:
    from kortrade.data.status import require_store, store_status

    require_store(settings.db_path)
    print("\n".join(store_status(_open_store(settings)).lines()))
    return 0


_COMMANDS = {
    "ask": _cmd_ask,
    "chart": _cmd_chart,
    "chat": _cmd_chat,
    "run": _cmd_run,
    "ingest": _cmd_ingest,
    "digest": _cmd_digest,
    "about": _cmd_about,
    "import-customs": _cmd_import_customs,
    "broadcast": _cmd_broadcast,
    "status": _cmd_status,
}


def main(argv: Sequence[str] | None = None) -> int:
    from kortrade.config import ConfigError, load_settings

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        settings = load_settings()
        # The bot logs its work; one-shot commands print results and only warnings.
        default_level = "INFO" if args.command == "run" else "WARNING"
        logging.basicConfig(
            level=getattr(logging, settings.log_level or default_level, logging.INFO),
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        )
        # httpx logs request URLs at INFO, and Bot API URLs carry the token.
        logging.getLogger("httpx").setLevel(logging.WARNING)
        return _COMMANDS[args.command](args, settings)
    except (UserError, ConfigError) as exc:
        print(f"kortrade: {exc}", file=sys.stderr)
        return 1
    except sqlite3.Error as exc:  # disk full, I/O error, locked: the store, not the input
        logger.debug("store failure", exc_info=exc)
        print(f"kortrade: the store failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `kortrade ask ... | head`: the reader left, nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
