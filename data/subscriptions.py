"""Who gets release alerts: chats (private, group, supergroup, channel), their topics and
language.

A topic is `all` (the whole digest), `flash` (the first-10/20-day figures) or one slug of
the vocabulary (an item such as `semiconductors`, an HS code such as `hs8542`, a partner
such as `china`); the words a user typed are read into one by `kortrade.resolve.topics`
with the same `Vocabulary` that reads questions, so "/subscribe 반도체" and
"/subscribe chips" land on the same slug. A chat that blocks the bot, kicks it or
disappears is *deactivated*, not deleted: its subscriptions stay, nothing is sent to it,
and subscribing again turns it back on.

Permission checks (only group admins may subscribe a group) belong to the bot's handlers;
this module trusts its caller.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import TYPE_CHECKING

from kortrade.data import outbox
from kortrade.errors import UserError

if TYPE_CHECKING:
    from kortrade.data.store import Store

__all__ = [
    "ALL",
    "CHAT_TYPES",
    "FLASH",
    "LANGS",
    "TOPIC_KINDS",
    "clear_lang",
    "deactivate_chat",
    "get_lang",
    "list_topics",
    "migrate_chat",
    "set_lang",
    "subscribe",
    "unsubscribe",
]

logger = logging.getLogger(__name__)

ALL = "all"
TOPIC_KINDS: tuple[str, ...] = ("item", "hs", "partner")
CHAT_TYPES: tuple[str, ...] = ("private", "group", "supergroup", "channel")
LANGS: tuple[str, ...] = ("en", "ko")
#: The opt-in topic of the customs office's first-10/20-day figures: one alert per span.
FLASH = "flash"


def _topic(slug: str) -> str:
    return ALL if slug in ("all", "world") else slug


def _check_topic(store: Store, topic: str) -> str:
    if topic in (ALL, FLASH):
        return topic
    if any(row["slug"] == topic and row["kind"] in TOPIC_KINDS for row in store.names()):
        return _topic(topic)
    raise UserError(
        f"unknown topic {topic!r}: use 'all', 'flash', an item, an HS code or a partner"
    )


def _check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise UserError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def subscribe(
    store: Store,
    chat_id: int,
    topic: str,
    *,
    chat_type: str,
    title: str | None = None,
    thread_id: int | None = None,
    lang: str = "en",
) -> bool:
    """Subscribe a chat to a topic; True when that is news (a new topic, or a chat that
    had been deactivated and now receives alerts again).

    This topic's alerts go to `thread_id` (a forum topic). A new chat's alerts are worded
    in `lang` (its first subscriber's); later subscriptions never change it, only /lang
    does (`set_lang`), and only /lang overrides the language a question is asked in.
    """
    topic = _check_topic(store, topic)
    lang = _check_lang(lang)
    if chat_type not in CHAT_TYPES:
        raise UserError(f"unknown chat type {chat_type!r}")
    now = outbox.utcnow()
    conn = store.db.conn
    with conn:
        row = conn.execute("SELECT active FROM chats WHERE id = ?", [chat_id]).fetchone()
        was_inactive = row is not None and not row[0]
        had_topics = conn.execute(
            "SELECT 1 FROM subscriptions WHERE chat_id = ? LIMIT 1", [chat_id]
        ).fetchone()
        if was_inactive or not had_topics:
            # Back after blocking the bot or unsubscribing: months whose alert died or was
            # cancelled unsent may be sent again (/broadcast, or the month's next top-up).
            conn.execute(
                "DELETE FROM alert_topics WHERE chat_id = ? AND delivery_id IN (SELECT id "
                "FROM deliveries WHERE chat_id = ? AND status IN ('dead', 'cancelled'))",
                [chat_id, chat_id],
            )
        if row is None:
            conn.execute(
                "INSERT INTO chats (id, type, title, lang, thread_id, active, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
                [chat_id, chat_type, title, lang, thread_id, now, now],
            )
        else:
            conn.execute(
                "UPDATE chats SET type = ?, title = COALESCE(?, title), "
                "lang = COALESCE(lang, ?), "
                "thread_id = ?, active = 1, inactive_reason = NULL, updated_at = ? WHERE id = ?",
                [chat_type, title, lang, thread_id, now, chat_id],
            )
        added = conn.execute(
            "INSERT OR IGNORE INTO subscriptions (chat_id, topic, thread_id, created_at) "
            "VALUES (?, ?, ?, ?)",
            [chat_id, topic, thread_id, now],
        ).rowcount
        if not added:
            conn.execute(
                "UPDATE subscriptions SET thread_id = ? WHERE chat_id = ? AND topic = ?",
                [thread_id, chat_id, topic],
            )
    logger.info("chat %s subscribed to %s (%s)", chat_id, topic, "new" if added else "again")
    return bool(added) or was_inactive


def unsubscribe(store: Store, chat_id: int, topic: str | None = None) -> int:
    """Drop one topic (or all when None); returns how many were dropped.

    A chat left without topics also loses its queued alerts, and a dropped topic its own
    queued alert: an alert that was not yet sent when the user said stop is not sent.
    """
    conn = store.db.conn
    with conn:
        if topic is None:
            removed = conn.execute(
                "DELETE FROM subscriptions WHERE chat_id = ?", [chat_id]
            ).rowcount
        else:
            removed = conn.execute(
                "DELETE FROM subscriptions WHERE chat_id = ? AND topic = ?",
                [chat_id, _topic(topic)],
            ).rowcount
        left = conn.execute(
            "SELECT COUNT(*) FROM subscriptions WHERE chat_id = ?", [chat_id]
        ).fetchone()[0]
        if removed and not left:
            conn.execute(
                "UPDATE deliveries SET status = 'cancelled', error = 'unsubscribed' "
                "WHERE chat_id = ? AND status = 'pending'",
                [chat_id],
            )
        elif removed and topic is not None:  # an alert queued for that topic alone
            conn.execute(
                "UPDATE deliveries SET status = 'cancelled', error = 'unsubscribed' "
                "WHERE chat_id = ? AND status = 'pending' AND topics = ?",
                [chat_id, _topic(topic)],
            )
    return int(removed)


def list_topics(store: Store, chat_id: int) -> list[str]:
    """The chat's topics in the order it subscribed to them."""
    rows = store.db.execute(
        "SELECT topic FROM subscriptions WHERE chat_id = ? ORDER BY created_at, topic",
        [chat_id],
    )
    return [row[0] for row in rows]


def set_lang(store: Store, chat_id: int, lang: str) -> None:
    """Remember a chat's chosen language (alerts and replies); creates the chat if needed."""
    lang = _check_lang(lang)
    now = outbox.utcnow()
    conn = store.db.conn
    with conn:
        conn.execute(
            "INSERT INTO chats (id, type, lang, lang_chosen, active, created_at, updated_at) "
            "VALUES (?, ?, ?, 1, 1, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET lang = excluded.lang, lang_chosen = 1, "
            "updated_at = excluded.updated_at",
            [chat_id, "private" if chat_id > 0 else "group", lang, now, now],
        )


def clear_lang(store: Store, chat_id: int) -> None:
    """/lang auto: replies follow each question's language again (alerts keep the last)."""
    conn = store.db.conn
    with conn:
        conn.execute(
            "UPDATE chats SET lang_chosen = 0, updated_at = ? WHERE id = ?",
            [outbox.utcnow(), chat_id],
        )


def get_lang(store: Store, chat_id: int) -> str | None:
    """The language chosen with /lang, else None (replies follow each question's language)."""
    row = store.db.execute(
        "SELECT lang FROM chats WHERE id = ? AND lang_chosen = 1", [chat_id]
    ).fetchone()
    return row[0] if row else None


def deactivate_chat(store: Store, chat_id: int, reason: str) -> None:
    """Stop sending to a chat (blocked, kicked, deleted); its queued alerts die with
    `reason`. Its subscriptions are kept, so a later /subscribe revives them."""
    conn = store.db.conn
    with conn:
        _deactivate(conn, chat_id, reason)
    logger.info("chat %s deactivated: %s", chat_id, reason)


def _deactivate(conn: sqlite3.Connection, chat_id: int, reason: str) -> None:
    conn.execute(
        "UPDATE chats SET active = 0, inactive_reason = ?, updated_at = ? WHERE id = ?",
        [reason, outbox.utcnow(), chat_id],
    )
    conn.execute(
        "UPDATE deliveries SET status = 'dead', error = ? WHERE chat_id = ? AND status = 'pending'",
        [reason, chat_id],
    )


def migrate_chat(store: Store, old_id: int, new_id: int) -> None:
    """A group upgraded to a supergroup gets a new id: move its subscriptions and queue.

    When the new id is unknown the chat row is renamed (subscriptions and deliveries follow
    through ON UPDATE CASCADE); when it is already a chat, the two are merged.
    """
    conn = store.db.conn
    with conn:
        if not conn.execute("SELECT 1 FROM chats WHERE id = ?", [new_id]).fetchone():
            conn.execute(
                "UPDATE chats SET id = ?, type = 'supergroup', updated_at = ? WHERE id = ?",
                [new_id, outbox.utcnow(), old_id],
            )
        else:
            conn.execute(
                "INSERT OR IGNORE INTO subscriptions (chat_id, topic, thread_id, created_at) "
                "SELECT ?, topic, thread_id, created_at FROM subscriptions WHERE chat_id = ?",
                [new_id, old_id],
            )
            conn.execute(
                "INSERT INTO deliveries (chat_id, period, thread_id, topics, text, status, "
                "created_at) SELECT ?, period, thread_id, topics, text, 'pending', created_at "
                "FROM deliveries d WHERE chat_id = ? AND status = 'pending' AND NOT EXISTS "
                "(SELECT 1 FROM deliveries e WHERE e.chat_id = ? AND e.period = d.period)",
                [new_id, old_id, new_id],
            )
            conn.execute(
                "INSERT OR IGNORE INTO alert_topics (chat_id, period, topic, delivery_id) "
                "SELECT ?, period, topic, delivery_id FROM alert_topics WHERE chat_id = ?",
                [new_id, old_id],
            )
            _deactivate(conn, old_id, f"migrated to {new_id}")
    logger.info("chat %s migrated to %s", old_id, new_id)
