"""The alerts outbox: which months are releases, and one delivery row per (chat, release).

Why an outbox: a fan-out to thousands of chats takes minutes at Telegram's ~30 messages
a second, and the bot may be stopped (or killed) at any point in it. Every delivery is
a row whose state changes are committed one at a time, so a restart resumes exactly
where the last run stopped:

    pending --(claim)--> sending --(Telegram returned a Message)--> sent
       ^                    |
       +----(retry_at)------+--(blocked, kicked, chat gone, too many attempts)--> dead

A row is marked `sending` (committed) immediately before its request goes out and `sent`
(committed) immediately after Telegram accepted it. A row still `sending` when a process
starts was interrupted inside that window: `recover_interrupted` puts it back to
`pending` (at-least-once). The window is the request's round trip plus one commit, so a
kill can repeat at most the requests in flight (the sender's concurrency), and only rows
whose answer never came; the sender paces itself *before* claiming a row, so a row rarely
waits in `sending` for a rate limiter.

`UNIQUE(chat_id, period)` makes enqueueing idempotent: a release is queued once per chat
however many processes or restarts ask for it.

The message text is rendered by the sender (the bot layer owns wording; `data/` may not
import it) on the first attempt and frozen in the row, so a retry or a restart resends
the identical message.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import sqlite_utils

from kortrade.data.series import HEADLINE
from kortrade.errors import UserError
from kortrade.months import InvalidMonth, parse_month

if TYPE_CHECKING:
    from kortrade.data.store import Store

__all__ = [
    "HEADLINE",
    "STATUSES",
    "Delivery",
    "OutboxCounts",
    "claim",
    "counts",
    "detect_new_releases",
    "enqueue_release",
    "ensure_schema",
    "mark_dead",
    "mark_failed",
    "mark_sent",
    "pending",
    "recover_interrupted",
    "utcnow",
]

logger = logging.getLogger(__name__)

STATUSES: tuple[str, ...] = ("pending", "sending", "sent", "dead", "cancelled")
_TABLES = ("chats", "subscriptions", "releases", "deliveries", "outbox_state")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS chats (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL DEFAULT 'private',
    title TEXT,
    lang TEXT,
    lang_chosen INTEGER NOT NULL DEFAULT 0,
    thread_id INTEGER,
    active INTEGER NOT NULL DEFAULT 1,
    inactive_reason TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS subscriptions (
    chat_id INTEGER NOT NULL REFERENCES chats(id) ON UPDATE CASCADE ON DELETE CASCADE,
    topic TEXT NOT NULL,
    thread_id INTEGER,
    created_at TEXT NOT NULL,
    PRIMARY KEY (chat_id, topic)
);
CREATE TABLE IF NOT EXISTS releases (
    period TEXT PRIMARY KEY,
    origin TEXT NOT NULL,
    ingest_id INTEGER,
    detected_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS deliveries (
    id INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL REFERENCES chats(id) ON UPDATE CASCADE ON DELETE CASCADE,
    period TEXT NOT NULL,
    thread_id INTEGER,
    text TEXT,
    status TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    retry_at TEXT,
    sending_at TEXT,
    sent_at TEXT,
    message_id INTEGER,
    error TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (chat_id, period)
);
CREATE INDEX IF NOT EXISTS deliveries_status ON deliveries (status, chat_id, id);
CREATE TABLE IF NOT EXISTS outbox_state (key TEXT PRIMARY KEY, value TEXT);
"""

_PENDING_SQL = """
SELECT d.id, d.chat_id, d.period, d.thread_id, d.text, d.attempts, c.type,
       COALESCE(c.lang, 'en'),
       (SELECT group_concat(s.topic, char(31)) FROM
          (SELECT topic FROM subscriptions WHERE chat_id = d.chat_id ORDER BY created_at, topic) s)
FROM deliveries d JOIN chats c ON c.id = d.chat_id
WHERE d.id IN (
    SELECT MIN(id) FROM deliveries WHERE status IN ('pending', 'sending') GROUP BY chat_id
) AND d.status = 'pending' AND c.active = 1 AND (d.retry_at IS NULL OR d.retry_at <= ?)
ORDER BY d.id
LIMIT ?
"""


def utcnow() -> str:
    """Timestamps are ISO-8601 UTC text of one fixed width, so they compare as strings."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the outbox tables when missing; called by `open_store` on every open.

    Also sets `synchronous = NORMAL` on the connection: the sender commits twice per
    message, and in WAL mode NORMAL skips the fsync per commit (0.5 ms each here) while
    every commit still survives a crashed or killed process; only a power cut can lose
    the last few, which the outbox then resends (at-least-once).
    """
    db.execute("PRAGMA synchronous = NORMAL")
    if not all(db[name].exists() for name in _TABLES):
        db.conn.executescript(_SCHEMA)
    if "lang_chosen" not in db["chats"].columns_dict:  # stores made before /lang was split
        db.execute("ALTER TABLE chats ADD COLUMN lang_chosen INTEGER NOT NULL DEFAULT 0")


@dataclass(frozen=True, slots=True)
class Delivery:
    """One queued alert, with what the sender needs to word it (topics, language)."""

    id: int
    chat_id: int
    period: str
    thread_id: int | None
    text: str | None
    attempts: int
    chat_type: str
    lang: str
    topics: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OutboxCounts:
    """What /status shows about alerts."""

    active_chats: int
    inactive_chats: int
    subscriptions: int
    deliveries: dict[str, int] = field(default_factory=dict)
    last_release: str | None = None


# -- releases -----------------------------------------------------------------------------


def _state(db: sqlite_utils.Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM outbox_state WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def _headline_periods(db: sqlite_utils.Database) -> set[str]:
    rows = db.execute(
        "SELECT DISTINCT period FROM figures "
        "WHERE flow = ? AND product = ? AND partner = ? AND is_current = 1",
        list(HEADLINE),
    )
    return {row[0] for row in rows}


def detect_new_releases(store: Store) -> list[str]:
    """Months that became releases since the last call, oldest first.

    The first call on a store records every month already there as a baseline and
    returns nothing, so a fresh bot never floods subscribers with 30 years of history.
    Afterwards a month counts when its headline figure (exports, all goods, world)
    appears for the first time AND it is later than every month known before: a gap
    filled in later (say a missing 2026-03) is recorded silently, not broadcast.
    Cheap when nothing happened: one `max(id)` over `ingests`.
    """
    db = store.db
    latest_ingest = db.execute("SELECT COALESCE(MAX(id), 0) FROM ingests").fetchone()[0]
    cursor = _state(db, "ingest_cursor")
    if cursor is not None and int(cursor) >= latest_ingest:
        return []
    now = utcnow()
    conn = db.conn
    with conn:
        known = {row[0] for row in conn.execute("SELECT period FROM releases")}
        found = sorted(_headline_periods(db) - known)
        fresh: list[str] = []
        if cursor is None or not known:
            cursor = None
            origin_of = dict.fromkeys(found, "baseline")
        else:
            newest_known = max(known, default="")
            fresh = [period for period in found if period > newest_known]
            origin_of = {period: "ingest" if period in fresh else "backfill" for period in found}
        conn.executemany(
            "INSERT OR IGNORE INTO releases (period, origin, ingest_id, detected_at) "
            "VALUES (?, ?, ?, ?)",
            [(period, origin_of[period], latest_ingest, now) for period in found],
        )
        conn.execute(
            "INSERT OR REPLACE INTO outbox_state (key, value) VALUES ('ingest_cursor', ?)",
            [str(latest_ingest)],
        )
    if cursor is None:
        logger.info("alerts baseline: %d months already stored, none broadcast", len(found))
    elif found:
        logger.info("new months stored: %s (broadcast: %s)", found, fresh or "none")
    return fresh


def enqueue_release(store: Store, period: str) -> int:
    """Queue `period`'s alert for every active subscribed chat; returns rows added.

    Idempotent: a chat that already has a row for the period (in any state) is skipped,
    so running it twice, or from two processes, queues nothing twice.
    """
    try:
        parse_month(period)
    except InvalidMonth as exc:
        raise UserError(str(exc)) from None
    db = store.db
    has_figures = db.execute(
        "SELECT 1 FROM figures WHERE period = ? AND is_current = 1 LIMIT 1", [period]
    ).fetchone()
    if not has_figures:
        raise UserError(f"no figures are stored for {period}: nothing to broadcast")
    now = utcnow()
    conn = db.conn
    with conn:
        conn.execute(
            "INSERT OR IGNORE INTO releases (period, origin, ingest_id, detected_at) "
            "VALUES (?, 'broadcast', NULL, ?)",
            [period, now],
        )
        added = conn.execute(
            "INSERT OR IGNORE INTO deliveries (chat_id, period, thread_id, status, created_at) "
            "SELECT c.id, ?, c.thread_id, 'pending', ? FROM chats c WHERE c.active = 1 "
            "AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.chat_id = c.id) ORDER BY c.id",
            [period, now],
        ).rowcount
    logger.info("queued %d alerts for %s", added, period)
    return added


# -- deliveries ---------------------------------------------------------------------------


def pending(store: Store, limit: int, *, now: str | None = None) -> list[Delivery]:
    """Deliveries ready to send now, oldest first, at most one per chat.

    One per chat keeps a chat's alerts in order (an older month is sent, or given up,
    before the next is tried) and respects Telegram's one message a second per chat.
    A chat with a row still `sending` gets nothing until that row is settled.
    """
    rows = store.db.execute(_PENDING_SQL, [now or utcnow(), limit]).fetchall()
    return [
        Delivery(
            id=row[0],
            chat_id=row[1],
            period=row[2],
            thread_id=row[3],
            text=row[4],
            attempts=row[5],
            chat_type=row[6],
            lang=row[7],
            topics=tuple(row[8].split("\x1f")) if row[8] else (),
        )
        for row in rows
    ]


def claim(store: Store, delivery_id: int, text: str) -> bool:
    """Mark a row `sending` (with its frozen text) just before the request; commits.

    False when the row is no longer pending (its chat was deactivated or unsubscribed
    meanwhile): the caller must not send.
    """
    conn = store.db.conn
    with conn:
        changed = conn.execute(
            "UPDATE deliveries SET status = 'sending', text = ?, sending_at = ?, "
            "attempts = attempts + 1 WHERE id = ? AND status = 'pending'",
            [text, utcnow(), delivery_id],
        ).rowcount
    return changed == 1


def mark_sent(store: Store, delivery_id: int, message_id: int | None) -> None:
    """Telegram accepted the message: record it at once (this closes the window)."""
    conn = store.db.conn
    with conn:
        conn.execute(
            "UPDATE deliveries SET status = 'sent', sent_at = ?, message_id = ?, error = NULL, "
            "retry_at = NULL WHERE id = ?",
            [utcnow(), message_id, delivery_id],
        )


def mark_failed(store: Store, delivery_id: int, error: str, *, retry_at: str) -> None:
    """A failure worth retrying (flood control, network): back to pending after `retry_at`."""
    conn = store.db.conn
    with conn:
        conn.execute(
            "UPDATE deliveries SET status = 'pending', error = ?, retry_at = ? WHERE id = ?",
            [error[:500], retry_at, delivery_id],
        )


def mark_dead(store: Store, delivery_id: int, error: str) -> None:
    """Give up on one delivery (the reason is kept for /status and the logs)."""
    conn = store.db.conn
    with conn:
        conn.execute(
            "UPDATE deliveries SET status = 'dead', error = ?, retry_at = NULL WHERE id = ?",
            [error[:500], delivery_id],
        )


def recover_interrupted(store: Store) -> int:
    """At start-up: rows left `sending` by a stopped process go back to `pending`.

    The chosen policy is at-least-once: such a row's request may or may not have reached
    Telegram (the Bot API has no idempotency key to ask), and a duplicate alert is a
    smaller harm than a silently missing one. Only call this before the sender starts.
    """
    conn = store.db.conn
    with conn:
        count = conn.execute(
            "UPDATE deliveries SET status = 'pending', retry_at = NULL, "
            "error = 'interrupted while sending; resent after restart' WHERE status = 'sending'"
        ).rowcount
    if count:
        logger.warning(
            "alerts interrupted mid-send: %d whose answer never came, sending them again "
            "(a chat may get one of them twice)",
            count,
        )
    return count


def counts(store: Store) -> OutboxCounts:
    db = store.db
    active, inactive = db.execute(
        "SELECT COALESCE(SUM(active = 1), 0), COALESCE(SUM(active = 0), 0) FROM chats "
        "WHERE EXISTS (SELECT 1 FROM subscriptions s WHERE s.chat_id = chats.id) OR active = 0"
    ).fetchone()
    subscriptions = db.execute("SELECT COUNT(*) FROM subscriptions").fetchone()[0]
    by_status = dict(db.execute("SELECT status, COUNT(*) FROM deliveries GROUP BY status"))
    last = db.execute("SELECT MAX(period) FROM deliveries").fetchone()[0]
    return OutboxCounts(
        int(active),
        int(inactive),
        int(subscriptions),
        {status: int(by_status.get(status, 0)) for status in STATUSES},
        last,
    )
