"""The one answer path: question text -> Intent -> facts -> worded Reply.

`kortrade ask`, `ask --jsonl`, `chat`, inline mode and every Telegram handler call
`answer()`, so what the console shows is what Telegram users get.

The vocabulary is built once per store (and rebuilt only when its names rows change),
month facts are memoised per stored series (`kortrade.resolve`), so a question costs a
parse plus a few dictionary look-ups. Every reply is checked here, in one place: never
empty, never over Telegram's 4,096 characters, and never an exception.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
import threading
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kortrade.data.digest import SourceRef
    from kortrade.data.series import SeriesKey
    from kortrade.data.store import Store
    from kortrade.intents import Intent, Vocabulary
    from kortrade.outcomes import Line
    from kortrade.resolve import Resolver

__all__ = ["MAX_REPLY_CHARS", "Button", "ChartRequest", "Reply", "answer", "vocabulary"]

logger = logging.getLogger(__name__)

#: Telegram's limit for one message.
MAX_REPLY_CHARS = 4096
_CHART_MONTHS = 24


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


# -- per-store context ------------------------------------------------------------------------


@dataclass
class _Context:
    """What a store's questions share until its data changes.

    `token` is the store's exports Series object: the store hands out the same object
    until its content changes and then drops every cached read at once, so "is it still
    the same object" is a free freshness check for the names, keys and newest month.
    """

    token: object
    rows: list[dict[str, Any]]
    vocabulary: Vocabulary
    keys: frozenset[SeriesKey]
    latest: str | None
    sources: dict[str, SourceRef] = field(default_factory=dict)


_contexts: weakref.WeakKeyDictionary[Store, _Context] = weakref.WeakKeyDictionary()
_contexts_lock = threading.Lock()


def _context(store: Store) -> _Context:
    """The store's vocabulary (built once; rebuilt only when its names rows change),
    series keys and newest month, refreshed whenever the store's data changes."""
    from kortrade.resolve import TOTAL_EXPORTS, last_of

    token = store.series(TOTAL_EXPORTS)
    with _contexts_lock:
        context = _contexts.get(store)
    if context is not None and context.token is token:
        return context
    rows = store.names()
    if context is not None and context.rows == rows:
        vocab = context.vocabulary
    else:
        from kortrade.intents import Vocabulary

        vocab = Vocabulary.from_rows(rows)
    fresh = _Context(token, rows, vocab, frozenset(store.series_keys()), last_of(token))
    with _contexts_lock:
        _contexts[store] = fresh
    return fresh


def vocabulary(store: Store) -> Vocabulary:
    """The cached vocabulary of a store (the Telegram adapter can share it)."""
    return _context(store).vocabulary


# -- the answer --------------------------------------------------------------------------------


def answer(
    text: str, *, store: Store, today: dt.date | None = None, lang: str | None = None
) -> Reply:
    """Answer one question. Never raises for any text a user can type."""
    wanted = lang if lang in ("en", "ko") else None
    try:
        reply = _answer(
            text if isinstance(text, str) else "", store, today or dt.date.today(), wanted
        )
    except Exception:  # one bad question must never take the bot (or a --jsonl run) down
        logger.exception("answer failed for %r", text[:200] if isinstance(text, str) else text)
        from kortrade.bot.texts import say

        reply = Reply(text=say("sorry", wanted or "en"), lang=wanted or "en", kind="error")
    return _fit(reply)


def _fit(reply: Reply) -> Reply:
    """Never empty, never longer than Telegram allows: cut at a line, mark the cut."""
    text = reply.text.strip()
    if not text:
        text = "Sorry, I have no answer to that." if reply.lang != "ko" else "답변할 수 없습니다."
    if len(text) > MAX_REPLY_CHARS:
        cut = text.rfind("\n", 0, MAX_REPLY_CHARS - 2)
        if cut < MAX_REPLY_CHARS // 2:
            cut = MAX_REPLY_CHARS - 2
        text = text[:cut].rstrip() + "\n…"
    if text == reply.text:
        return reply
    return dataclasses.replace(reply, text=text)


def _answer(text: str, store: Store, today: dt.date, wanted: str | None) -> Reply:
    from kortrade.intents import parse
    from kortrade.resolve import Resolver

    context = _context(store)
    intent = parse(text, context.vocabulary, today=today)
    lang = wanted or intent.lang
    resolver = Resolver(store, today, keys=context.keys, latest=context.latest)
    return _dispatch(intent, resolver, context, lang)


def _dispatch(intent: Intent, resolver: Resolver, context: _Context, lang: str) -> Reply:
    from kortrade.bot.replies import answers

    names = context.vocabulary
    kind = intent.kind
    if kind == "help":
        return Reply(answers.help_text(lang), lang=lang, kind="help")
    if kind == "clarify" and intent.clarify is not None:
        buttons = tuple(
            Button(o.label_ko if lang == "ko" else o.label_en, o.query)
            for o in intent.clarify.options
        )
        return Reply(
            answers.clarify_text(intent.clarify, names, lang), buttons, lang=lang, kind="clarify"
        )
    if kind in ("unknown", "clarify") or (not intent.subjects and kind != "latest"):
        return _unknown(intent, names, lang)
    if kind == "rank":
        return _rank(intent, resolver, context, lang)
    if kind in ("streak", "record"):
        return _streak_or_record(intent, resolver, context, lang)
    if kind == "compare" and intent.periods:
        return _compare_periods(intent, resolver, context, lang)
    return _figures(intent, resolver, context, lang)


def _figures(intent: Intent, resolver: Resolver, context: _Context, lang: str) -> Reply:
    from kortrade import reply_parts as parts
    from kortrade.bot.replies import answers
    from kortrade.data.series import SeriesKey
    from kortrade.intents.spans import latest_spec
    from kortrade.resolve import TOTAL_EXPORTS, key_of

    names = context.vocabulary
    spec = intent.period or latest_spec()
    keys = [key_of(s) for s in intent.subjects] if intent.kind != "latest" else [TOTAL_EXPORTS]
    if keys == [TOTAL_EXPORTS, SeriesKey("import")]:
        # "how is trade doing": the month's whole picture is exports with imports and the
        # balance beside them; a span gets the balance summed as a third line.
        keys = (
            [TOTAL_EXPORTS]
            if spec.kind not in ("span", "trailing")
            else [*keys, SeriesKey("balance")]
        )
    lines = [resolver.line(key, spec, companions=len(keys) == 1) for key in keys]
    sources = parts.refs(resolver, context.sources, parts.line_source_ids(lines))
    text = answers.figure_text(lines, names, lang, sources, ignored=intent.unknown_terms)
    kind = "figure" if intent.kind in ("figure", "latest") else intent.kind
    if not any(parts.has_figure(line) for line in lines):
        kind = "missing"
    chart = parts.chart(lines, resolver, names, lang, as_asked=intent.kind in ("chart", "compare"))
    buttons = parts.buttons(lines, names, lang)
    return Reply(text, buttons, chart, lang, kind, parts.extra(lines))


def _compare_periods(intent: Intent, resolver: Resolver, context: _Context, lang: str) -> Reply:
    from kortrade import reply_parts as parts
    from kortrade.bot.replies import answers
    from kortrade.resolve_kinds import compare_periods

    names = context.vocabulary
    comparisons = compare_periods(resolver, intent)
    lines = [line for c in comparisons for line in c.lines]
    sources = parts.refs(resolver, context.sources, parts.line_source_ids(lines))
    text = answers.compare_text(comparisons, names, lang, sources)
    chart = parts.chart(lines, resolver, names, lang)
    return Reply(
        text, parts.buttons(lines, names, lang), chart, lang, "compare", parts.extra(lines)
    )


def _rank(intent: Intent, resolver: Resolver, context: _Context, lang: str) -> Reply:
    from kortrade import reply_parts as parts
    from kortrade.bot.replies import answer_kinds, answers
    from kortrade.bot.replies.format import month_name
    from kortrade.outcomes import NoFigure
    from kortrade.resolve_kinds import ranking

    names = context.vocabulary
    outcome = ranking(resolver, intent)
    if isinstance(outcome, NoFigure):
        return Reply(answers.figure_text([outcome], names, lang), lang=lang, kind="missing")
    ids = parts.facts_source_ids([*outcome.ranked, *outcome.others])
    ids += [source for f in outcome.span_ranked for source in f.sources]
    text = answer_kinds.rank_text(outcome, names, lang, parts.refs(resolver, context.sources, ids))
    buttons = tuple(
        Button(month_name(p, lang), answer_kinds.rank_question(outcome, p, names, lang))
        for p in outcome.nearest
    )
    kind = "rank" if outcome.ranked or outcome.others or outcome.span_ranked else "missing"
    return Reply(text, buttons, lang=lang, kind=kind, extra={"period": outcome.period})


def _streak_or_record(intent: Intent, resolver: Resolver, context: _Context, lang: str) -> Reply:
    from kortrade import reply_parts as parts
    from kortrade.bot.replies import answer_kinds
    from kortrade.outcomes import RecordOutcome, StreakOutcome
    from kortrade.resolve_kinds import record, streak

    names = context.vocabulary
    ids: list[str] = []
    lines: list[Line] = []
    if intent.kind == "streak":
        streaks = streak(resolver, intent)
        lines = [o.line if isinstance(o, StreakOutcome) else o for o in streaks]
        sources = parts.refs(resolver, context.sources, parts.line_source_ids(lines))
        text = answer_kinds.streak_text(streaks, names, lang, sources)
    else:
        records = record(resolver, intent)
        for outcome in records:
            if isinstance(outcome, RecordOutcome):
                ids.extend([outcome.source] if outcome.source else [])
                lines.extend([outcome.line] if outcome.line is not None else [])
            else:
                lines.append(outcome)
        sources = parts.refs(resolver, context.sources, ids + parts.line_source_ids(lines))
        text = answer_kinds.record_text(records, names, lang, sources)
    chart = parts.chart(lines, resolver, names, lang)
    return Reply(text, (), chart, lang, intent.kind, parts.extra(lines))


def _unknown(intent: Intent, names: Vocabulary, lang: str) -> Reply:
    """No such item (with close names as buttons), or no question at all (examples)."""
    from kortrade.bot.replies import answers
    from kortrade.data.digest import MAJOR_ITEMS, REGIONS
    from kortrade.intents.clarify import replace_term

    term = intent.unknown_terms[0] if intent.unknown_terms else None
    partners = REGIONS if term and _where_a_partner_goes(term, intent.text) else ()
    text = answers.unknown_text(
        intent.unknown_terms, intent.suggestions, MAJOR_ITEMS, names, lang, partners=partners
    )
    buttons: list[Button] = []
    for slug in intent.suggestions[:3]:
        name = names.name(slug, lang)
        query = (replace_term(intent.text, term, name) if term else None) or name
        buttons.append(Button(name, query))
    if not buttons:
        examples = (
            ("exports latest", "semiconductor exports latest", "which items grew most latest")
            if lang != "ko"
            else ("최근 수출", "최근 반도체 수출", "최근 가장 많이 늘어난 품목")
        )
        buttons = [Button(example, example) for example in examples]
    return Reply(text, tuple(buttons), lang=lang, kind="unknown")


def _where_a_partner_goes(term: str, text: str) -> bool:
    """ "exports to Germany", "imports from Australia", "대독일 수출": the unknown word
    names a place, so the partners are the useful list, not the items."""
    if term.startswith("대") and len(term) >= 3:  # "대독일": 대 + a place
        return True
    word = re.escape(term)
    pattern = rf"(?:\b(?:to|from|with)\s+(?:the\s+)?{word}\b)|대\s*{word}|{word}\s*향"
    return re.search(pattern, text, re.IGNORECASE) is not None
