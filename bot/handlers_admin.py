"""Chat settings and alerts: /subscribe, /unsubscribe, /subscriptions, /lang, and the
bot administrators' /broadcast and CSV upload.

Who may change what: anyone their own private chat; in a group only its administrators
(an anonymous administrator writes as the group itself, `sender_chat` == the chat); a
channel, from a private chat with `/subscribe @channel`, only an administrator of the
channel, and only when the bot may post there. Subscriptions, languages, the outbox
and ingest are `kortrade.data`'s; these handlers only check rights and reply.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from telegram import ChatMember, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from kortrade.bot.alerts import check_now
from kortrade.bot.context import chat_lang, message_of, settings_of, store_of, ui_lang
from kortrade.bot.texts import say
from kortrade.data import uploads
from kortrade.data.ingest import IngestError
from kortrade.data.outbox import enqueue_release
from kortrade.data.subscriptions import (
    clear_lang,
    deactivate_chat,
    list_topics,
    migrate_chat,
    set_lang,
    subscribe,
    unsubscribe,
)
from kortrade.errors import UserError
from kortrade.resolve.topics import resolve_topic

if TYPE_CHECKING:
    from kortrade.data.store import Store

__all__ = [
    "broadcast",
    "membership",
    "migrated",
    "set_language",
    "subscribe_command",
    "subscriptions_command",
    "unsubscribe_command",
    "upload",
]

logger = logging.getLogger(__name__)

_ADMIN = (ChatMember.ADMINISTRATOR, ChatMember.OWNER)
_WAITING = "upload_waiting"  # chat_data: the half of a figures + sources pair sent first
_GONE = (ChatMember.LEFT, ChatMember.BANNED)


@dataclass(frozen=True, slots=True)
class _Target:
    """The chat a subscription command acts on, and the words after the chat."""

    chat_id: int
    chat_type: str
    title: str | None
    thread_id: int | None
    where: str
    rest: list[str]


async def _is_group_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    message, user = message_of(update), update.effective_user
    chat = message.chat
    if message.sender_chat is not None and message.sender_chat.id == chat.id:
        return True  # an anonymous administrator
    if user is None:
        return False
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError as exc:
        logger.warning("getChatMember(%s) failed: %s", chat.id, exc)
        return False
    return member.status in _ADMIN


async def _channel(
    update: Update, context: ContextTypes.DEFAULT_TYPE, handle: str, *, must_post: bool
) -> tuple[int, str | None] | str:
    """(id, title) of channel `handle` when the user administers it; else the refusal."""
    bot, lang, user = context.bot, ui_lang(update, context), update.effective_user
    handle = handle[:40]  # usernames are at most 32 characters; never echo a novel
    try:
        channel = await bot.get_chat(handle)
    except TelegramError:
        return say("channel_not_found", lang, channel=handle)
    if channel.type != ChatType.CHANNEL:
        return say("not_a_channel", lang, channel=handle)
    try:
        me = await bot.get_chat_member(channel.id, bot.id)
        can_post = me.status == ChatMember.ADMINISTRATOR and bool(
            getattr(me, "can_post_messages", False)
        )
    except TelegramError:
        can_post = False
    if must_post and not can_post:
        return say("channel_bot_cannot_post", lang, channel=handle)
    try:
        is_admin = user is not None and (
            (await bot.get_chat_member(channel.id, user.id)).status in _ADMIN
        )
    except TelegramError:  # e.g. the bot is no member: it cannot see the member list
        is_admin = False
    if not is_admin:
        return say("channel_user_not_admin", lang, channel=handle)
    return channel.id, channel.title


async def _target(
    update: Update, context: ContextTypes.DEFAULT_TYPE, *, change: bool, must_post: bool = False
) -> _Target | None:
    """This chat, or `@channel` when the first argument names one; None after a refusal."""
    args = list(context.args or [])
    message = message_of(update)
    chat = message.chat
    if args and args[0].startswith("@"):
        found = await _channel(update, context, args[0], must_post=must_post)
        if isinstance(found, str):
            await message.reply_text(found)
            return None
        return _Target(found[0], ChatType.CHANNEL, found[1], None, args[0], args[1:])
    if change and chat.type != ChatType.PRIVATE and not await _is_group_admin(update, context):
        await message.reply_text(say("admins_only", ui_lang(update, context)))
        return None
    thread_id = message.message_thread_id if message.is_topic_message else None
    where = say("this_chat", ui_lang(update, context))
    return _Target(chat.id, chat.type, chat.title, thread_id, where, args)


def _topic_name(store: Store, topic: str, lang: str) -> str:
    if topic == "all":
        return say("all_topics", lang)
    if topic == "flash":
        return say("flash_topic", lang)
    for row in store.names():
        if row["slug"] == topic:
            return str(row.get(lang) or row["en"])
    return topic


async def _topic(
    update: Update, context: ContextTypes.DEFAULT_TYPE, words: list[str]
) -> str | None:
    """The topic slug the words name ("all" for none); None after telling the user."""
    wanted = " ".join(words)
    topic = resolve_topic(store_of(context), wanted)
    if topic is None:
        lang = ui_lang(update, context)
        await message_of(update).reply_text(say("unknown_topic", lang, topic=wanted[:60]))
    return topic


async def subscribe_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/subscribe [topic] or /subscribe @channel [topic]: alerts for each new release."""
    target = await _target(update, context, change=True, must_post=True)
    if target is None:
        return
    topic = await _topic(update, context, target.rest)
    if topic is None:
        return
    store, lang = store_of(context), ui_lang(update, context)
    new = subscribe(
        store,
        target.chat_id,
        topic,
        chat_type=target.chat_type,
        title=target.title,
        thread_id=target.thread_id,
        lang=chat_lang(update, context) or lang,  # a new chat's alert language only
    )
    key = "subscribed" if new else "already_subscribed"
    text = say(key, lang, where=target.where, topic=_topic_name(store, topic, lang))
    await message_of(update).reply_text(text)


async def unsubscribe_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/unsubscribe [topic] or /unsubscribe @channel [topic]: no topic stops every alert."""
    target = await _target(update, context, change=True)
    if target is None:
        return
    topic = await _topic(update, context, target.rest) if target.rest else None
    if target.rest and topic is None:
        return
    count = unsubscribe(store_of(context), target.chat_id, topic)
    text = say("unsubscribed", ui_lang(update, context), count=count, where=target.where)
    await message_of(update).reply_text(text)


async def subscriptions_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/subscriptions [@channel]: the topics this chat (or the channel) gets."""
    target = await _target(update, context, change=False)
    if target is None:
        return
    store, lang = store_of(context), ui_lang(update, context)
    topics = list_topics(store, target.chat_id)
    if not topics:
        text = say("no_subscriptions", lang, where=target.where)
    else:
        lines = [f"• {_topic_name(store, topic, lang)}" for topic in topics]
        text = "\n".join([say("subscriptions", lang, where=target.where), *lines])
    await message_of(update).reply_text(text)


async def set_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/lang en|ko|auto: this chat's language (replies and alerts), or `auto` to answer
    each question in its own language again (group administrators only in groups)."""
    message = message_of(update)
    chat = message.chat
    lang = ui_lang(update, context)
    wanted = (context.args or [""])[0].lower()
    if wanted not in ("en", "ko", "auto"):
        now = chat_lang(update, context) or say("lang_auto", lang)
        await message.reply_text(say("lang_usage", lang, current=now))
        return
    if chat.type != ChatType.PRIVATE and not await _is_group_admin(update, context):
        await message.reply_text(say("admins_only", lang))
        return
    if wanted == "auto":
        clear_lang(store_of(context), chat.id)
        await message.reply_text(say("lang_auto_set", ui_lang(update, context)))
        return
    set_lang(store_of(context), chat.id, wanted)
    await message.reply_text(say("lang_set", wanted))


def _is_bot_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    user = update.effective_user
    return user is not None and user.id in settings_of(context).admins


async def broadcast(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/broadcast YYYY-MM (bot administrators): queue that month's digest for every subscriber."""
    message, lang = message_of(update), ui_lang(update, context)
    if not _is_bot_admin(update, context):
        await message.reply_text(say("bot_admins_only", lang))
        return
    args = context.args or []
    if len(args) != 1:
        await message.reply_text(say("broadcast_usage", lang))
        return
    month = args[0]
    try:
        count = enqueue_release(store_of(context), month)
    except UserError as exc:  # not a month, or a month with no figures
        await message.reply_text(str(exc))
        return
    await message.reply_text(say("broadcast_queued", lang, count=count, month=month))


async def upload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A CSV or zip sent by a bot administrator: ingest it (all or nothing) and report.

    A figures CSV and the sources CSV it cites may come in either order, or zipped
    together: the first of the pair waits in this chat until the other arrives.
    """
    message, lang = message_of(update), ui_lang(update, context)
    if not _is_bot_admin(update, context):
        await message.reply_text(say("bot_admins_only", lang))
        return
    document = message.document
    name = (document.file_name or "").lower()
    if not name.endswith((".csv", ".zip")):
        await message.reply_text(say("send_csv", lang))
        return
    content = bytes(await (await document.get_file()).download_as_bytearray())
    waiting: dict[str, bytes] = context.chat_data.setdefault(_WAITING, {})  # type: ignore[union-attr]
    store = store_of(context)
    try:
        if name.endswith(".zip"):
            figures, sources = uploads.unzip_pair(content)
        else:
            kind = uploads.kind_of(content)
            if kind is None:
                await message.reply_text(say("send_csv", lang))
                return
            other = waiting.pop(
                uploads.SOURCES if kind == uploads.FIGURES else uploads.FIGURES, None
            )
            if kind == uploads.SOURCES and other is None:
                count = uploads.check_sources(content)
                waiting[uploads.SOURCES] = content
                await message.reply_text(say("sources_waiting", lang, count=count))
                return
            figures, sources = (content, other) if kind == uploads.FIGURES else (other, content)
        report = uploads.ingest_upload(store, figures, sources)
    except IngestError as exc:
        text = say("ingest_failed", lang, error=str(exc))
        if not name.endswith(".zip") and uploads.kind_of(content) == uploads.FIGURES:
            waiting[uploads.FIGURES] = content  # its sources may be what is missing
            text += "\n\n" + say("figures_waiting", lang)
        await message.reply_text(text[:4096])
        return
    waiting.clear()
    check_now(context.application)  # a new month's alerts are queued at once
    await message.reply_text(report.summary())


async def membership(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The bot was removed from a chat: stop its alerts (a later /subscribe revives them)."""
    change = update.my_chat_member
    assert change is not None  # registered for my_chat_member only
    status = change.new_chat_member.status
    if status in _GONE:
        deactivate_chat(store_of(context), change.chat.id, f"bot {status}")


async def migrated(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A group became a supergroup (a new chat id): its subscriptions move along."""
    message = message_of(update)
    if message.migrate_to_chat_id:
        migrate_chat(store_of(context), message.chat.id, message.migrate_to_chat_id)
