"""The alerts outbox: which months are releases, and one delivery row per (chat, release).

Why an outbox: a fan-out to thousands of chats takes minutes at Telegram's ~30 messages
a second, and the bot may be stopped (or killed) at any point in it. Every delivery is
a row whose state changes are committed, so a restart resumes where the last run stopped:

    pending --(claim)--> sending --(Telegram returned a Message)--> sent
       ^                    |
       +----(retry_at)------+--(blocked, kicked, chat gone, too many attempts)--> dead

A row is marked `sending` (committed) before its request goes out and `sent` only after
Telegram returned a Message for that very request. A row still `sending` when a process
starts was interrupted: `recover_interrupted` puts it back to `pending` (at-least-once).
At the free rate every change is its own commit, so a kill can repeat at most the
requests in flight (the sender's concurrency), and only rows whose answer never came.
At paid rates the sender commits per chunk (`claim_many`: the accepted rows of the last
chunk and the claims of the next, one transaction), so a kill can also repeat fewer than
one chunk of requests Telegram accepted whose `sent` was not yet committed
(`kortrade.bot.alerts` states the bound). The sender paces itself *before* claiming, so
rows rarely wait in `sending` for a rate limiter.

`alert_topics` (PRIMARY KEY chat, month, topic) makes enqueueing idempotent: a topic's
alert for a month is queued once per chat however many processes or restarts ask for
it. A chat subscribed to `all` gets the digest when the month is released; a chat
subscribed to topics gets each topic when that topic's figure for the month is stored
(with the release, or by a later ingest), so nobody gets "no figure stored" for a
figure that is still to come. One delivery carries the topics that became ready
together for one forum thread (each subscription keeps the thread it was made in). A
chat that re-subscribes after its alert died (blocked the bot, unsubscribed) is
eligible again for the months it never received.

The message text is rendered by the sender (the bot layer owns wording; `data/` may not
import it) on the first attempt and frozen in the row, so a retry or a restart resends
the identical message.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Sequence
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
    "Detected",
    "OutboxCounts",
    "claim",
    "claim_many",
    "counts",
    "data_version",
    "detect_flash",
    "detect_new_releases",
    "detect_releases",
    "enqueue_flash",
    "enqueue_release",
    "ensure_schema",
    "flash_topic",
    "mark_dead",
    "mark_failed",
    "mark_sent",
    "mark_sent_many",
    "note_check",
    "pending",
    "recover_interrupted",
    "unclaim",
    "utcnow",
]

logger = logging.getLogger(__name__)

STATUSES: tuple[str, ...] = ("pending", "sending", "sent", "dead", "cancelled")
#: The topic of a subscription to the whole digest (`subscriptions.ALL`).
_ALL = "all"
_TABLES = (
    "chats",
    "subscriptions",
    "releases",
    "deliveries",
    "outbox_state",
    "alert_topics",
    "flash_releases",
)
#: The topic of a subscription to the customs office's first-10/20-day figures.
_FLASH = "flash"

#: The deliveries table and its indexes: created by `_SCHEMA`, and rebuilt under this very
#: definition by `_MIGRATE_DELIVERIES` for stores made before topics were alerted one by one.
_DELIVERIES = """
CREATE TABLE IF NOT EXISTS deliveries (
    id INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL REFERENCES chats(id) ON UPDATE CASCADE ON DELETE CASCADE,
    period TEXT NOT NULL,
    thread_id INTEGER,
    topics TEXT,
    text TEXT,
    status TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    retry_at TEXT,
    sending_at TEXT,
    sent_at TEXT,
    message_id INTEGER,
    error TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS deliveries_status ON deliveries (status, chat_id, id);
CREATE INDEX IF NOT EXISTS deliveries_chat ON deliveries (chat_id, period);
"""

_SCHEMA = f"""
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
{_DELIVERIES}CREATE TABLE IF NOT EXISTS outbox_state (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS alert_topics (
    chat_id INTEGER NOT NULL REFERENCES chats(id) ON UPDATE CASCADE ON DELETE CASCADE,
    period TEXT NOT NULL,
    topic TEXT NOT NULL,
    delivery_id INTEGER,
    PRIMARY KEY (chat_id, period, topic)
);
CREATE INDEX IF NOT EXISTS alert_topics_delivery ON alert_topics (delivery_id);
CREATE TABLE IF NOT EXISTS flash_releases (
    period TEXT NOT NULL,
    days INTEGER NOT NULL,
    origin TEXT NOT NULL,
    detected_at TEXT NOT NULL,
    PRIMARY KEY (period, days)
);
"""

#: Stores made before topics were alerted one by one: one delivery per (chat, month).
_MIGRATE_DELIVERIES = f"""
ALTER TABLE deliveries RENAME TO deliveries_v1;
{_DELIVERIES}
INSERT INTO deliveries (id, chat_id, period, thread_id, text, status, attempts, retry_at,
    sending_at, sent_at, message_id, error, created_at)
SELECT id, chat_id, period, thread_id, text, status, attempts, retry_at, sending_at, sent_at,
    message_id, error, created_at FROM deliveries_v1;
DROP TABLE deliveries_v1;
CREATE INDEX IF NOT EXISTS deliveries_status ON deliveries (status, chat_id, id);
CREATE INDEX IF NOT EXISTS deliveries_chat ON deliveries (chat_id, period);
INSERT OR IGNORE INTO alert_topics (chat_id, period, topic, delivery_id)
SELECT d.chat_id, d.period, s.topic, d.id FROM deliveries d
JOIN subscriptions s ON s.chat_id = d.chat_id;
"""

#: The topics (item, HS code or partner slugs) with an export figure for the month.
_READY_TOPICS_SQL = """
SELECT DISTINCT CASE WHEN partner = 'world' THEN product ELSE partner END FROM figures
WHERE period = ? AND is_current = 1 AND flow = 'export' AND (partner = 'world' OR product = 'all')
"""

#: (chat, topic, thread) of active chats whose alert for a month is not queued yet; a chat
#: subscribed to `all` gets the digest only (it holds every topic). With `top_up` set, only
#: subscriptions made before the month was released. Binds: period, top_up, period.
_DUE_TOPICS_SQL = """
SELECT s.chat_id, s.topic, s.thread_id FROM subscriptions s JOIN chats c ON c.id = s.chat_id
WHERE c.active = 1
  AND (s.topic = 'all' OR NOT EXISTS (
      SELECT 1 FROM subscriptions a WHERE a.chat_id = s.chat_id AND a.topic = 'all'))
  AND NOT EXISTS (SELECT 1 FROM alert_topics t
                  WHERE t.chat_id = s.chat_id AND t.period = ?1 AND t.topic = s.topic)
  AND (?2 = 0 OR s.created_at <= (SELECT detected_at FROM releases WHERE period = ?1))
ORDER BY s.chat_id, s.created_at, s.topic
"""

_PENDING_SQL = """
SELECT d.id, d.chat_id, d.period, d.thread_id, d.text, d.attempts, c.type,
       COALESCE(c.lang, 'en'),
       COALESCE(d.topics, (SELECT group_concat(s.topic, char(31)) FROM
          (SELECT topic FROM subscriptions WHERE chat_id = d.chat_id ORDER BY created_at, topic) s))
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
    if "topics" not in db["deliveries"].columns_dict:  # one delivery per (chat, month) before
        _migrate_deliveries(db)


def _migrate_deliveries(db: sqlite_utils.Database) -> None:
    """Drop `UNIQUE(chat_id, period)` (a table rebuild in SQLite) and record which topics
    the existing deliveries covered, so no month is alerted twice after the upgrade."""
    conn = db.conn
    conn.execute("PRAGMA foreign_keys = OFF")  # the rebuild renames a referenced table
    try:
        conn.executescript(f"BEGIN;{_MIGRATE_DELIVERIES}COMMIT;")
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
    logger.info("outbox upgraded: alerts are now queued per topic")


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


@dataclass(frozen=True, slots=True)
class Detected:
    """What a release check found: `fresh` months to announce (oldest first), and
    `top_up`, the newest announced month when an ingest since the last check may have
    brought figures for its topics (its topic alerts are queued as they arrive)."""

    fresh: list[str]
    top_up: str | None = None


def data_version(store: Store) -> int:
    """SQLite's `PRAGMA data_version`: it moves when ANOTHER connection (a `kortrade
    ingest` in another process) commits, never for this connection's own writes. Reading
    it touches no table (about 2 µs), so the bot can ask every second whether anything
    happened before it asks what (`detect_releases`)."""
    return int(store.db.conn.execute("PRAGMA data_version").fetchone()[0])


def detect_new_releases(store: Store) -> list[str]:
    """Months that became releases since the last call, oldest first (`detect_releases`)."""
    return detect_releases(store).fresh


def detect_releases(store: Store) -> Detected:
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
        return Detected([])
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
    top_up = None
    if cursor is not None:
        newest = db.execute(
            "SELECT period, origin FROM releases ORDER BY period DESC LIMIT 1"
        ).fetchone()
        if newest and newest[1] in ("ingest", "broadcast") and newest[0] not in fresh:
            top_up = newest[0]
    return Detected(fresh, top_up)


def flash_topic(days: int) -> str:
    """The alert topic of one flash span ("flash-20"): a delivery's `topics` and its key
    in `alert_topics`, so each span reaches a chat once."""
    return f"{_FLASH}-{days}"


def detect_flash(store: Store) -> list[tuple[str, int]]:
    """First-10/20-day spans of the exports total stored since the last call, oldest first.

    As with months (`detect_releases`): the first call records the spans already stored as
    a baseline and returns none, and a span counts only when it is later than every span
    known before (a backfilled 2019 flash is recorded silently). Cheap when nothing
    happened: one `max(id)` over `ingests`.
    """
    db = store.db
    latest_ingest = db.execute("SELECT COALESCE(MAX(id), 0) FROM ingests").fetchone()[0]
    cursor = _state(db, "flash_cursor")
    if cursor is not None and int(cursor) >= latest_ingest:
        return []
    now = utcnow()
    conn = db.conn
    with conn:
        known = set(conn.execute("SELECT period, days FROM flash_releases"))
        stored = set(
            conn.execute(
                "SELECT period, days FROM flash_figures WHERE flow = ? AND product = ? "
                "AND partner = ? AND is_current = 1",
                list(HEADLINE),
            )
        )
        found = sorted(stored - known)
        fresh = [span for span in found if span > max(known)] if cursor and known else []
        conn.executemany(
            "INSERT OR IGNORE INTO flash_releases (period, days, origin, detected_at) "
            "VALUES (?, ?, ?, ?)",
            [(p, d, "ingest" if (p, d) in fresh else "baseline", now) for p, d in found],
        )
        conn.execute(
            "INSERT OR REPLACE INTO outbox_state (key, value) VALUES ('flash_cursor', ?)",
            [str(latest_ingest)],
        )
    if fresh:
        logger.info(
            "new flash spans stored: %s", ", ".join(f"{p} first {d} days" for p, d in fresh)
        )
    return fresh


def enqueue_flash(store: Store, period: str, days: int) -> int:
    """Queue one flash span's alert for every active chat subscribed to `flash`; returns
    the deliveries added. Idempotent like `enqueue_release` (`alert_topics`)."""
    topic = flash_topic(days)
    now = utcnow()
    conn = store.db.conn
    with conn:
        due = conn.execute(
            "SELECT s.chat_id, s.thread_id FROM subscriptions s JOIN chats c ON c.id = s.chat_id "
            "WHERE c.active = 1 AND s.topic = ? AND NOT EXISTS (SELECT 1 FROM alert_topics t "
            "WHERE t.chat_id = s.chat_id AND t.period = ? AND t.topic = ?) ORDER BY s.chat_id",
            [_FLASH, period, topic],
        ).fetchall()
        for chat_id, thread_id in due:
            delivery_id = conn.execute(
                "INSERT INTO deliveries (chat_id, period, thread_id, topics, status, created_at) "
                "VALUES (?, ?, ?, ?, 'pending', ?)",
                [chat_id, period, thread_id, topic, now],
            ).lastrowid
            conn.execute(
                "INSERT INTO alert_topics (chat_id, period, topic, delivery_id) "
                "VALUES (?, ?, ?, ?)",
                [chat_id, period, topic, delivery_id],
            )
    if due:
        logger.info("queued %d flash alerts for %s (first %d days)", len(due), period, days)
    return len(due)


def note_check(store: Store) -> None:
    """Record when the running bot last checked for releases (`kortrade status`)."""
    conn = store.db.conn
    with conn:
        conn.execute(
            "INSERT OR REPLACE INTO outbox_state (key, value) VALUES ('checked_at', ?)",
            [utcnow()],
        )


def enqueue_release(store: Store, period: str, *, top_up: bool = False) -> int:
    """Queue `period`'s alerts: the digest for chats subscribed to `all`, and each topic
    whose figure for the month is stored; returns the deliveries added.

    Idempotent: a (chat, topic, month) already queued in any state is skipped, so running
    it twice, from two processes, or again after a later ingest, queues nothing twice;
    a topic whose figure arrives later is queued by the call after that ingest.
    `top_up` (the release check) limits it to subscriptions made before the month was
    released: subscribing later does not bring last month's alert with the next ingest.
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
        ready = {row[0] for row in conn.execute(_READY_TOPICS_SQL, [period])} | {_ALL}
        groups: dict[tuple[int, int | None], list[str]] = {}
        for chat_id, topic, thread_id in conn.execute(_DUE_TOPICS_SQL, [period, int(top_up)]):
            if topic in ready:
                groups.setdefault((chat_id, thread_id), []).append(topic)
        for (chat_id, thread_id), topics in groups.items():
            delivery_id = conn.execute(
                "INSERT INTO deliveries (chat_id, period, thread_id, topics, status, created_at) "
                "VALUES (?, ?, ?, ?, 'pending', ?)",
                [chat_id, period, thread_id, "\x1f".join(topics), now],
            ).lastrowid
            conn.executemany(
                "INSERT INTO alert_topics (chat_id, period, topic, delivery_id) "
                "VALUES (?, ?, ?, ?)",
                [(chat_id, period, topic, delivery_id) for topic in topics],
            )
    if groups:
        logger.info("queued %d alerts for %s", len(groups), period)
    return len(groups)


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
    return delivery_id in claim_many(store, [(delivery_id, text)])


def claim_many(
    store: Store, rows: Sequence[tuple[int, str]], *, sent: Sequence[tuple[int, int | None]] = ()
) -> set[int]:
    """Record `sent` (id, message_id) pairs Telegram accepted, then claim `rows` (id, text),
    all in ONE transaction; returns the ids claimed (still pending until now).

    One commit per chunk instead of two per message is what lets the sender keep up at
    1,000 messages a second; the sender bounds how many accepted rows wait for it.
    """
    now = utcnow()
    conn = store.db.conn
    claimed: set[int] = set()
    with conn:
        if sent:
            _mark_sent(conn, sent, now)
        for delivery_id, text in rows:
            changed = conn.execute(
                "UPDATE deliveries SET status = 'sending', text = ?, sending_at = ?, "
                "attempts = attempts + 1 WHERE id = ? AND status = 'pending'",
                [text, now, delivery_id],
            ).rowcount
            if changed == 1:
                claimed.add(delivery_id)
    return claimed


def mark_sent(store: Store, delivery_id: int, message_id: int | None) -> None:
    """Telegram accepted the message: record it at once (this closes the window)."""
    mark_sent_many(store, [(delivery_id, message_id)])


def mark_sent_many(store: Store, sent: Sequence[tuple[int, int | None]]) -> None:
    """Record several accepted messages (id, message_id) in one commit."""
    if not sent:
        return
    conn = store.db.conn
    with conn:
        _mark_sent(conn, sent, utcnow())


def _mark_sent(conn: sqlite3.Connection, sent: Sequence[tuple[int, int | None]], now: str) -> None:
    conn.executemany(
        "UPDATE deliveries SET status = 'sent', sent_at = ?, message_id = ?, error = NULL, "
        "retry_at = NULL WHERE id = ?",
        [(now, message_id, delivery_id) for delivery_id, message_id in sent],
    )


def unclaim(store: Store, delivery_ids: Sequence[int]) -> None:
    """Claimed rows the sender did not send after all (it was told to stop): back to
    pending, the attempt not counted."""
    if not delivery_ids:
        return
    conn = store.db.conn
    with conn:
        conn.executemany(
            "UPDATE deliveries SET status = 'pending', attempts = attempts - 1 "
            "WHERE id = ? AND status = 'sending'",
            [(delivery_id,) for delivery_id in delivery_ids],
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
