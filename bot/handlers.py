"""Questions: private chats, addressed group messages, buttons, inline mode and charts.

Each handler turns one kind of update into a call of `kortrade.answer.answer` and sends
what it returns; the wording and the figures are the pipeline's. Replies go out as
plain text (no parse mode), so nothing a user types can break the markup.

Buttons carry their question in `callback_data` when it fits Telegram's 64 bytes
(such a button keeps working after a restart); a longer one is kept in `bot_data`
under a short id, and a press that finds no entry gets a polite "expired".
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import re
import uuid

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Message,
    MessageEntity,
    Update,
)
from telegram.error import BadRequest, Conflict, TelegramError
from telegram.ext import ContextTypes

from kortrade.answer import Reply, answer
from kortrade.bot.charts import chart_data, render_png
from kortrade.bot.context import chat_lang, message_of, settings_of, store_of, ui_lang
from kortrade.bot.replies.about import about_reply
from kortrade.bot.replies.digest import digest_text
from kortrade.bot.replies.reply import fit_text
from kortrade.bot.texts import help_text, lang_of, say
from kortrade.data.digest import build_digest
from kortrade.intents import Intent
from kortrade.resolve.topics import resolve_topic

__all__ = [
    "button",
    "chart",
    "error_handler",
    "group_message",
    "help_command",
    "inline_query",
    "latest",
    "question",
    "start",
    "unknown_command",
]

logger = logging.getLogger(__name__)

MAX_CAPTION = 1024
_CALLBACK_BYTES = 64
_KEPT_CALLBACKS = 2000
_CALLBACKS = "callbacks"
_ASK, _CHART, _KEPT = "q", "c", "k"
_CONFLICT_WARNED = "conflict_warned"
_INLINE_RESULTS = 10


# -- buttons ---------------------------------------------------------------------------


def _pack(context: ContextTypes.DEFAULT_TYPE, action: str, query: str) -> str:
    """callback_data for a button that asks `query` (or charts it)."""
    data = f"{action}:{query}"
    if len(data.encode()) <= _CALLBACK_BYTES:
        return data
    kept: dict[str, tuple[str, str]] = context.bot_data.setdefault(_CALLBACKS, {})
    key = hashlib.blake2b(data.encode(), digest_size=8).hexdigest()  # same question, same key
    kept.pop(key, None)  # re-inserted last: the newest survive the trimming below
    kept[key] = (action, query)
    while len(kept) > _KEPT_CALLBACKS:  # oldest first: dicts keep insertion order
        del kept[next(iter(kept))]
    return f"{_KEPT}:{key}"


def _unpack(context: ContextTypes.DEFAULT_TYPE, data: str | None) -> tuple[str, str] | None:
    action, _, rest = (data or "").partition(":")
    if action == _KEPT:
        return context.bot_data.get(_CALLBACKS, {}).get(rest)
    if action in (_ASK, _CHART) and rest.strip():
        return action, rest
    return None


def _keyboard(
    context: ContextTypes.DEFAULT_TYPE, reply: Reply, question: str
) -> InlineKeyboardMarkup | None:
    """The reply's options, one a row, then "📈 Chart" when the reply has a chart."""
    rows = [
        [InlineKeyboardButton(option.label, callback_data=_pack(context, _ASK, option.query))]
        for option in reply.buttons
    ]
    if reply.chart is not None:
        label = say("chart_button", reply.lang)
        rows.append([InlineKeyboardButton(label, callback_data=_pack(context, _CHART, question))])
    return InlineKeyboardMarkup(rows) if rows else None


# -- answering -------------------------------------------------------------------------


def _answer(
    update: Update, context: ContextTypes.DEFAULT_TYPE, text: str, previous: Intent | None = None
) -> Reply:
    return answer(text, store=store_of(context), lang=chat_lang(update, context), previous=previous)


# What each of the bot's answers was read as, per chat (by message id), so a reply to it
# can be a follow-up; in private chats the last answer is the default one to follow.
_READ = "read_as"
_KEPT_READS = 50


def _previous(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Intent | None:
    message = message_of(update)
    read: dict[int, Intent] = context.chat_data.get(_READ, {}) if context.chat_data else {}
    parent = message.reply_to_message
    if parent is not None and parent.message_id in read:
        return read[parent.message_id]
    if message.chat.type == "private" and read:
        return read[next(reversed(read))]
    return None


def _remember(context: ContextTypes.DEFAULT_TYPE, sent: Message, reply: Reply) -> None:
    if reply.intent is None or context.chat_data is None:
        return
    read: dict[int, Intent] = context.chat_data.setdefault(_READ, {})
    read[sent.message_id] = reply.intent
    while len(read) > _KEPT_READS:
        del read[next(iter(read))]


async def _ask(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """Answer `text` under the message that asked it; a chart question gets the picture."""
    message = message_of(update)
    if not text.strip():
        await message.reply_text(say("ask_me", ui_lang(update, context)))
        return
    reply = _answer(update, context, text, _previous(update, context))
    if reply.kind == "chart" and reply.chart is not None:
        sent = await _send_chart(message, update, context, text, reply)
    else:
        sent = await message.reply_text(
            fit_text(reply.text), reply_markup=_keyboard(context, reply, text)
        )
    _remember(context, sent, reply)


async def _send_chart(
    message: Message,
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    text: str,
    reply: Reply | None = None,
) -> Message:
    """Answer `text` with a picture of its chart (or say why there is none)."""
    reply = reply or _answer(update, context, text)
    if reply.chart is None:
        return await message.reply_text(fit_text(f"{say('no_chart', reply.lang)}\n\n{reply.text}"))
    data = chart_data(store_of(context), reply.chart)
    if not (data.has_levels or data.has_growth):
        return await message.reply_text(say("chart_empty", reply.lang, title=reply.chart.title))
    png = await asyncio.to_thread(render_png, data)  # ~0.1-0.2 s: keep the loop free
    return await message.reply_photo(png, caption=reply.chart.title[:MAX_CAPTION])


def _addressed(message: Message, username: str, bot_id: int) -> str | None:
    """The question in a group message meant for the bot, else None (ordinary chatter).

    Meant for the bot: it @mentions the bot (the mention is cut out), or it replies to
    one of the bot's messages. In forum topics every message "replies" to the topic's
    creation message, which does not count.
    """
    handle = f"@{username}".lower()
    mentions = message.parse_entities([MessageEntity.MENTION]).values()
    mentioned = any(mention.lower() == handle for mention in mentions)
    parent = message.reply_to_message
    replied = (
        parent is not None
        and parent.from_user is not None
        and parent.from_user.id == bot_id
        and parent.forum_topic_created is None
    )
    if not (mentioned or replied):
        return None
    return re.sub(re.escape(handle), " ", message.text or "", flags=re.IGNORECASE).strip()


# -- handlers --------------------------------------------------------------------------


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: what the bot answers, with examples."""
    await message_of(update).reply_text(say("start", ui_lang(update, context)))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help: how to ask, and every command."""
    text = help_text(ui_lang(update, context), context.bot.username)
    await message_of(update).reply_text(text)


async def latest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/latest [topic]: the newest month's release digest, as subscribers get it."""
    store, lang = store_of(context), ui_lang(update, context)
    message = message_of(update)
    period = store.latest_period()
    if period is None:
        await message.reply_text(say("no_data", lang))
        return
    topic = None
    if context.args:
        wanted = " ".join(context.args)
        topic = resolve_topic(store, wanted)
        if topic is None:
            await message.reply_text(say("unknown_topic", lang, topic=wanted[:60]))
            return
    digest = build_digest(store, period)
    text = digest_text(digest, lang=lang, topic=None if topic == "all" else topic)
    await message.reply_text(fit_text(text))


async def about(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/about: what data the bot has, where each series runs and how many months it lacks."""
    text = about_reply(store_of(context), ui_lang(update, context))
    await message_of(update).reply_text(fit_text(text))


async def chart(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/chart QUESTION: the question's chart as a picture."""
    message = message_of(update)
    text = (message.text or "").partition(" ")[2].strip()
    if not text:
        await message.reply_text(say("chart_usage", ui_lang(update, context)))
        return
    await _send_chart(message, update, context, text)


async def question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any text in a private chat is a question."""
    await _ask(update, context, message_of(update).text or "")


async def group_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Group text: answered when it mentions the bot or replies to it; chatter is ignored."""
    text = _addressed(message_of(update), context.bot.username, context.bot.id)
    if text is not None:
        await _ask(update, context, text)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command the bot does not have (private chats only: in groups it may be another bot's)."""
    await message_of(update).reply_text(say("unknown_command", ui_lang(update, context)))


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button press: ask its question in place of the message, or send the chart."""
    query = update.callback_query
    assert query is not None  # registered for callback queries only
    unpacked = _unpack(context, query.data)
    if unpacked is None or not isinstance(query.message, Message):
        await query.answer(say("expired", ui_lang(update, context)))
        return
    action, text = unpacked
    await query.answer()
    if action == _CHART:
        await _send_chart(query.message, update, context, text)
        return
    reply = _answer(update, context, text)
    try:
        await query.edit_message_text(
            fit_text(reply.text), reply_markup=_keyboard(context, reply, text)
        )
    except BadRequest as exc:  # pressed twice: the message already shows this answer
        if "not modified" not in str(exc).lower():
            raise


def _article(title: str, body: str) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=uuid.uuid4().hex,
        title=title[:200],
        description=body[len(title) :].strip()[:200] or None,
        input_message_content=InputTextMessageContent(fit_text(body)),
    )


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """@bot QUESTION in any chat: an article holding the answer; a vague question offers
    its complete questions as results (an inline message can carry no working buttons,
    so a "Pick one:" there would dangle)."""
    query = update.inline_query
    assert query is not None  # registered for inline queries only
    text = query.query.strip()
    store = store_of(context)
    if not text:
        lang = lang_of(query.from_user.language_code, settings_of(context).default_lang)
        articles = [_article(say("ask_me", lang), say("ask_me", lang))]
    else:
        reply = answer(text, store=store)
        if reply.buttons:
            articles = [
                _article(option.label, answer(option.query, store=store).text)
                for option in reply.buttons[:_INLINE_RESULTS]
            ]
        else:
            body = fit_text(reply.text)
            articles = [_article(body.splitlines()[0] if body.strip() else text, body)]
    await query.answer(articles, cache_time=10)


def _what_failed(update: object, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Which job, which chat, or polling: the subject of the one-line failure report."""
    job = getattr(context, "job", None)
    if job is not None:
        return f"job {job.name}"
    if isinstance(update, Update):
        chat = update.effective_chat
        kind = (
            "button"
            if update.callback_query
            else "inline query"
            if update.inline_query
            else "message"
        )
        where = f" in chat {chat.id}" if chat is not None else ""
        return f"{kind} {update.update_id}{where}"
    return "polling Telegram" if update is None else f"update {update!r:.80}"


async def error_handler(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure in one line (which job or chat, which error; the traceback only at
    DEBUG); tell the user, briefly, that it failed."""
    error = context.error
    if isinstance(error, Conflict):
        # Another process polls with this token (on another machine: `kortrade run` itself
        # holds a lock per store). PTB keeps retrying; say it once, not at every poll.
        if not context.bot_data.get(_CONFLICT_WARNED):
            context.bot_data[_CONFLICT_WARNED] = True
            logger.warning(
                "another process is polling Telegram with this bot token (409 Conflict): "
                "this bot gets no updates while it runs"
            )
        return
    logger.error(
        "%s failed: %s: %s",
        _what_failed(update, context),
        type(error).__name__,
        error,
        exc_info=error if logger.isEnabledFor(logging.DEBUG) else None,
    )
    if not isinstance(update, Update):
        return
    try:
        lang = ui_lang(update, context)
    except Exception:  # the store itself may be what failed
        lang = "en"
    if update.callback_query is not None:
        with contextlib.suppress(TelegramError):  # stop the button's spinner
            await update.callback_query.answer()
    message = update.effective_message
    if isinstance(message, Message):
        try:
            await message.reply_text(say("sorry", lang))
        except TelegramError as exc:
            logger.warning("could not send the apology: %s", exc)
