"""Release alerts: notice a new month (ingested by any process) and drain the outbox.

Two JobQueue jobs; the first release check runs in `post_init`, before polling begins
(`check_at_start`), so a first start takes its baseline before anything can be ingested:

- `release-check` (every `settings.release_check_seconds`, default 1 s) makes sure the
  store is still the file the bot opened (`FileIdentity`: if it was deleted or replaced,
  the bot stops and `run_bot` exits non-zero), then reads SQLite's `PRAGMA data_version`
  (a few µs, no table): only when another process committed (`kortrade ingest`,
  `import-customs`, a cron job, `kortrade broadcast`) does it ask `outbox.detect_releases`
  whether a new month has been stored, queue its alert for every subscriber whose topic
  has a figure (and, after a later ingest, for topics whose figures arrived since) and
  start a drain at once. An ingest in this process (an admin's upload, which does not move
  `data_version`) calls `check_now`. So an alert leaves within a second of the commit.
- `alerts-drain` (every 2 s) sends what is due: new rows, and retries whose
  `retry_at` has passed. The first drain first returns rows a killed process left
  `sending` to the queue (see `kortrade.data.outbox` for the exactly-once argument).

Pacing: Telegram allows about 30 messages a second overall, 20 a minute per group and
one a second per chat; with paid broadcasts (`KORTRADE_PAID_BROADCAST=1`) alerts carry
`allow_paid_broadcast` and may go at up to 1,000 a second (`Pace`). `PerChatFloodLimiter`
(PTB's `AIORateLimiter`, installed by `build_application`; paid messages pass its own
1,000 msg/s limiter) shapes every request the bot makes; the sender also paces itself at
the overall rate *before* it claims a row (at the free rate one row at a time; at paid
rates a chunk of 1/20 s of sends), so rows rarely wait in `sending` while a limiter holds
their requests back. Alerts ask the limiter not to wait out flood control: a RetryAfter
comes back to the sender, which reschedules that chat's row and moves on, so one chat's
429 delays that chat only; when three chats meet flood control within a second, the
limit is the bot's own, and the whole sender pauses for the wait.

The message text comes from `alert_text` (the digest, or the lines of the chat's topics),
rendered once per (month, language, topics) and reused for every chat that shares them.

Where the CPU went (cProfile with a CPU clock over `benchmarks/bench_fanout.py`, 2,000
chats, limiter far above Telegram's; 2.73 ms of sender CPU per message before):

- HTTP, about three quarters. The loopback fake spoke HTTP/1.0, so every message opened
  and closed a TCP connection; and httpcore's pool (PTB's default `HTTPXRequest`)
  re-scans all its connections on every request and response, quadratically and with a
  poll() per idle one: 0.61 ms a request with 8 connections, 1.94 ms with 32, even with
  keep-alive. httpcore also retried `import sniffio` (not installed) six times a
  request. Now: keep-alive everywhere and one aiohttp pool (`bot.transport`): PTB plus
  aiohttp cost about 0.2 ms a request at any pool size.
- Form-encoding the 1.9 KB digest: 60 µs a message (urllib quotes byte by byte); the
  transport sends JSON instead (6 µs). PTB's `Message.de_json` of the answer: 56 µs (kept).
- SQLite: two commits a message, about 0.1 ms. At paid rates the sender now claims and
  records rows a chunk at a time, one commit per chunk (see `AlertSender`).
- Rendering was already cached per (month, language, topics): no cost per chat.

After: about 0.35 ms of sender CPU per alert, 10,000 chats flat out, either pace (the
README's performance table has the run). What is left is mostly PTB: building the request
and `Message.de_json` of each answer (about a third), then aiohttp and the event loop.

Outcomes per chat (one failing chat never holds up the others):

| Telegram says | delivery | chat |
|---|---|---|
| a Message | `sent`, message_id kept | |
| `RetryAfter` (flood control) | that chat's row retried after the given wait; others go on | |
| `TimedOut` / `NetworkError` | retried with exponential backoff; `dead` after N tries | |
| `Forbidden` (blocked, kicked), `BadRequest` chat not found / no rights | `dead` | deactivated |
| `ChatMigrated` (group became a supergroup) | re-queued for the new id | id changed |
| other `BadRequest` (the message itself) | `dead`: resending cannot help | |
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Protocol

from aiolimiter import AsyncLimiter
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from kortrade.bot.alert_text import Renderer, digest_renderer
from kortrade.bot.context import FATAL
from kortrade.bot.ratelimit import NO_RETRY, retry_seconds
from kortrade.bot.replies.reply import cut_to_limit
from kortrade.data import outbox, subscriptions
from kortrade.data.ownership import FileIdentity

if TYPE_CHECKING:
    from telegram.ext import Application, ContextTypes

    from kortrade.config import Settings
    from kortrade.data.outbox import Delivery
    from kortrade.data.store import Store

__all__ = [
    "BROADCAST_RATE",
    "DRAIN_SECONDS",
    "SENDER_CONCURRENCY",
    "AlertSender",
    "DeliveryStats",
    "Pace",
    "Renderer",
    "RetryPolicy",
    "check_at_start",
    "check_now",
    "deliver_pending",
    "digest_renderer",
    "register_jobs",
]

logger = logging.getLogger(__name__)

#: Telegram's overall broadcast limit, messages per second.
BROADCAST_RATE = 30.0
#: How often the outbox is drained for due retries (new releases start a drain at once).
DRAIN_SECONDS = 2.0
_DRAIN_BATCH = 500
#: Requests in flight at once: also the most alerts a kill -9 can leave unknowable.
SENDER_CONCURRENCY = 8
_CONCURRENCY = SENDER_CONCURRENCY
_NOTE_CHECK_SECONDS = 60.0
_STATE = "alerts"
#: Flood control for this many chats within `_FLOOD_WINDOW` seconds is the bot's overall
#: limit, not one chat's: the whole sender then pauses for the wait.
_GLOBAL_FLOOD_CHATS = 3
_FLOOD_WINDOW = 1.0

#: BadRequest texts that mean the chat is gone for us (lower-cased substrings).
_GONE = (
    "chat not found",
    "peer_id_invalid",
    "user not found",
    "group chat was deactivated",
    "chat_write_forbidden",
    "not enough rights",
    "have no rights",
    "need administrator rights",
    "bot is not a member",
    "chat_restricted",
)


class _Bot(Protocol):
    async def send_message(self, *args: Any, **kwargs: Any) -> Any: ...


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """When to try again: network errors back off exponentially and give up after
    `max_attempts`; flood control (RetryAfter) waits as told, up to `max_flood_attempts`."""

    max_attempts: int = 8
    base_delay: float = 10.0
    max_delay: float = 900.0
    max_flood_attempts: int = 20

    def backoff(self, attempts: int) -> float:
        return min(self.max_delay, self.base_delay * 2 ** max(0, attempts - 1))


@dataclass(slots=True)
class DeliveryStats:
    """What one drain did; `attempted` = sent + retried + dead + skipped."""

    sent: int = 0
    retried: int = 0
    dead: int = 0
    deactivated: int = 0
    skipped: int = 0
    aborted: bool = False

    @property
    def attempted(self) -> int:
        return self.sent + self.retried + self.dead + self.skipped

    def add(self, other: DeliveryStats) -> None:
        for item in fields(self):
            if item.name == "aborted":
                self.aborted = self.aborted or other.aborted
            else:
                setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))


def _utc_in(seconds: float) -> str:
    return (dt.datetime.now(dt.UTC) + dt.timedelta(seconds=seconds)).isoformat(
        timespec="microseconds"
    )


@dataclass
class AlertSender:
    """Sends queued deliveries with bounded concurrency; one instance per drain.

    Rows are claimed `batch` at a time; each claim's transaction also records the rows
    Telegram accepted since the last one (`outbox.claim_many`), and accepted rows are
    committed at the latest when `batch` of them wait. So a crash can send again only
    the requests in flight (at most `concurrency`) and accepted rows whose commit was
    pending (fewer than `batch`); with `batch=1` (the free rate) every outcome is its
    own commit, as before. `paid` adds `allow_paid_broadcast` to every alert.
    """

    bot: _Bot
    store: Store
    render: Renderer
    pacer: AsyncLimiter | None = None
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    concurrency: int = _CONCURRENCY
    should_stop: Callable[[], bool] = lambda: False
    stats: DeliveryStats = field(default_factory=DeliveryStats)
    batch: int = 1
    paid: bool = False
    _resume_at: float = 0.0
    _queue: deque[Delivery] = field(default_factory=deque)
    _claimed: deque[tuple[Delivery, str]] = field(default_factory=deque)
    _accepted: list[tuple[int, int | None]] = field(default_factory=list)
    _floods: deque[float] = field(default_factory=deque)  # when chats met flood control

    async def run(self, deliveries: list[Delivery]) -> DeliveryStats:
        self._queue = deque(deliveries)
        workers = min(self.concurrency, len(deliveries))
        try:
            await asyncio.gather(*(self._worker() for _ in range(workers)))
        finally:
            self._record()
            outbox.unclaim(self.store, [delivery.id for delivery, _ in self._claimed])
            self._claimed.clear()
        return self.stats

    async def _worker(self) -> None:
        while self._claimed or self._queue:
            await self._pause_for_flood()
            if self.pacer is not None:
                await self.pacer.acquire()
            if self.stats.aborted or self.should_stop():
                self.stats.aborted = True  # the rest stays pending for the next drain
                return
            claimed = self._next()
            if claimed is None:
                return
            delivery, text = claimed
            try:
                await self._deliver(delivery, text)
            except Exception as exc:  # a bug must cost one retry, never the whole fan-out
                logger.error(
                    "alert %s to chat %s failed: %s: %s",
                    delivery.id, delivery.chat_id, type(exc).__name__, exc,
                    exc_info=exc if logger.isEnabledFor(logging.DEBUG) else None,
                )  # fmt: skip
                self._retry(delivery, f"unexpected {type(exc).__name__}", None)

    def _next(self) -> tuple[Delivery, str] | None:
        """The next claimed row; claims the next chunk (one transaction) when none is left."""
        while not self._claimed:
            taken = [self._queue.popleft() for _ in range(min(self.batch, len(self._queue)))]
            if not taken:
                return None
            chunk = [(delivery, text) for delivery in taken if (text := self._text(delivery))]
            claimed = outbox.claim_many(
                self.store, [(d.id, text) for d, text in chunk], sent=self._accepted
            )
            self._accepted = []
            for delivery, text in chunk:
                if delivery.id in claimed:
                    self._claimed.append((delivery, text))
                else:
                    self.stats.skipped += 1
        return self._claimed.popleft()

    def _text(self, delivery: Delivery) -> str | None:
        """The alert's words (frozen in the row on the first attempt); None when there is
        nothing to send, the row then being given up."""
        try:
            text = cut_to_limit(
                delivery.text if delivery.text is not None else self.render(delivery)
            )
        except Exception as exc:
            logger.error(
                "cannot word the %s alert for chat %s: %s: %s",
                delivery.period, delivery.chat_id, type(exc).__name__, exc,
                exc_info=exc if logger.isEnabledFor(logging.DEBUG) else None,
            )  # fmt: skip
            self._dead(delivery, "could not render the alert")
            return None
        if not text.strip():
            self._dead(delivery, "nothing to say for this chat's topics")
            return None
        return text

    def _record(self) -> None:
        """Commit the accepted rows not yet committed."""
        if self._accepted:
            outbox.mark_sent_many(self.store, self._accepted)
            self._accepted = []

    def _flood(self, wait: float) -> None:
        """Several chats meeting flood control at once is the bot's overall limit: then
        every worker waits too (one chat's 429 holds back only that chat's row)."""
        now = time.monotonic()
        self._floods.append(now)
        while now - self._floods[0] > _FLOOD_WINDOW:
            self._floods.popleft()
        if len(self._floods) >= _GLOBAL_FLOOD_CHATS:
            self._resume_at = max(self._resume_at, now + wait)

    async def _pause_for_flood(self) -> None:
        wait = self._resume_at - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)

    async def _deliver(self, delivery: Delivery, text: str) -> None:
        try:
            message = await self._send(delivery, text)
        except RetryAfter as exc:
            wait = retry_seconds(exc)  # this chat waits (its row); the others go on
            self._flood(wait)
            self._retry(delivery, f"flood control: retry after {wait:g}s", wait, flood=True)
        except ChatMigrated as exc:
            # Back to pending first, so the migration carries this row to the new id too.
            outbox.mark_failed(self.store, delivery.id, "chat migrated", retry_at=outbox.utcnow())
            subscriptions.migrate_chat(self.store, delivery.chat_id, exc.new_chat_id)
            self.stats.retried += 1
        except Forbidden as exc:
            self._gone(delivery, f"forbidden: {exc.message}")
        except BadRequest as exc:
            if any(marker in exc.message.lower() for marker in _GONE):
                self._gone(delivery, f"bad request: {exc.message}")
            else:
                logger.error("Telegram refused the alert for chat %s: %s", delivery.chat_id, exc)
                self._dead(delivery, f"bad request: {exc.message}")
        except InvalidToken as exc:
            self.stats.aborted = True  # every request will fail the same way
            self._retry(delivery, f"invalid token: {exc.message}", self.policy.max_delay)
        except (NetworkError, TelegramError) as exc:  # TimedOut is a NetworkError
            self._retry(delivery, f"{type(exc).__name__}: {exc.message}", None)
        else:
            self._accepted.append((delivery.id, getattr(message, "message_id", None)))
            self.stats.sent += 1
            if len(self._accepted) >= self.batch:
                self._record()

    async def _send(self, delivery: Delivery, text: str) -> Any:
        paid = {"allow_paid_broadcast": True} if self.paid else {}
        try:
            return await self.bot.send_message(
                chat_id=delivery.chat_id,
                text=text,
                message_thread_id=delivery.thread_id,
                rate_limit_args=NO_RETRY,  # a RetryAfter comes back here: see _deliver
                **paid,
            )
        except BadRequest as exc:
            if delivery.thread_id is None or "thread not found" not in exc.message.lower():
                raise
        # The forum topic was deleted: the chat still wants the alert, in its main thread.
        return await self.bot.send_message(
            chat_id=delivery.chat_id, text=text, rate_limit_args=NO_RETRY, **paid
        )

    def _retry(
        self, delivery: Delivery, error: str, wait: float | None, *, flood: bool = False
    ) -> None:
        attempts = delivery.attempts + 1
        limit = self.policy.max_flood_attempts if flood else self.policy.max_attempts
        if attempts >= limit:
            self._dead(delivery, f"{error} (gave up after {attempts} attempts)")
            return
        delay = wait if wait is not None else self.policy.backoff(attempts)
        outbox.mark_failed(self.store, delivery.id, error, retry_at=_utc_in(delay))
        self.stats.retried += 1
        logger.info(
            "alert %s to chat %s: %s; retry in %.0fs", delivery.id, delivery.chat_id, error, delay
        )

    def _gone(self, delivery: Delivery, reason: str) -> None:
        outbox.mark_dead(self.store, delivery.id, reason)
        subscriptions.deactivate_chat(self.store, delivery.chat_id, reason)
        self.stats.dead += 1
        self.stats.deactivated += 1

    def _dead(self, delivery: Delivery, reason: str) -> None:
        outbox.mark_dead(self.store, delivery.id, reason)
        self.stats.dead += 1


async def deliver_pending(
    bot: _Bot,
    store: Store,
    *,
    limit: int = _DRAIN_BATCH,
    pacer: AsyncLimiter | None = None,
    render: Renderer | None = None,
    policy: RetryPolicy | None = None,
    concurrency: int = _CONCURRENCY,
    should_stop: Callable[[], bool] | None = None,
    batch: int = 1,
    paid: bool = False,
) -> DeliveryStats:
    """Send up to `limit` due deliveries (at most one per chat) and record each outcome.

    `should_stop` is asked before each claim: when it says yes (the bot is shutting
    down), messages in flight finish and the rest stay pending for the next start.
    """
    due = outbox.pending(store, limit)
    if not due:
        return DeliveryStats()
    sender = AlertSender(
        bot,
        store,
        render or digest_renderer(store),
        pacer=pacer,
        policy=policy or RetryPolicy(),
        concurrency=concurrency,
        should_stop=should_stop or (lambda: False),
        batch=max(1, batch),
        paid=paid,
    )
    stats = await sender.run(due)
    logger.info(
        "alerts: %d sent, %d to retry, %d given up (%d chats deactivated)",
        stats.sent, stats.retried, stats.dead, stats.deactivated,
    )  # fmt: skip
    return stats


# -- jobs -------------------------------------------------------------------------------


@dataclass
class _Alerts:
    store: Store
    pacer: AsyncLimiter
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    recovered: bool = False
    render: Renderer | None = None
    identity: FileIdentity | None = None
    noted_at: float = -1e9  # when the last check was recorded for `kortrade status`
    pace: Pace = field(default_factory=lambda: Pace.of(BROADCAST_RATE))
    data_version: int | None = None  # PRAGMA data_version at the last look


@dataclass(frozen=True, slots=True)
class Pace:
    """How fast alerts go: the pacer's rate, sends in flight, rows per commit, paid or not.

    At the free 30 msg/s every outcome is its own commit and 8 sends overlap, as before.
    At paid rates a round trip to Telegram (tens of ms) times the rate is how many sends
    must overlap (rate / 10: 100 at 1,000 msg/s, enough for 100 ms round trips), and
    rows are committed a chunk of 1/20 s of sends at a time (50 at 1,000 msg/s).
    """

    rate: float
    concurrency: int
    batch: int
    paid: bool = False

    @classmethod
    def of(cls, rate: float, *, paid: bool = False) -> Pace:
        if not paid:
            return cls(rate, _CONCURRENCY, 1)
        return cls(rate, max(_CONCURRENCY, min(100, int(rate / 10))), max(1, int(rate / 20)), True)


async def _drain(
    state: _Alerts, bot: _Bot, should_stop: Callable[[], bool] | None = None
) -> DeliveryStats:
    """Send everything due; a drain already running makes this call a no-op (so a job
    that fires during a long fan-out returns at once instead of queueing behind it)."""
    total = DeliveryStats()
    if state.lock.locked():
        return total
    async with state.lock:
        if not state.recovered:
            outbox.recover_interrupted(state.store)
            state.recovered = True
        if state.render is None:
            state.render = digest_renderer(state.store)
        pace = state.pace
        while True:
            stats = await deliver_pending(
                bot, state.store, limit=_DRAIN_BATCH, pacer=state.pacer, render=state.render,
                should_stop=should_stop, concurrency=pace.concurrency, batch=pace.batch,
                paid=pace.paid,
            )  # fmt: skip
            total.add(stats)
            if stats.attempted == 0 or stats.aborted:
                return total


def _check_releases(state: _Alerts) -> bool:
    """Queue the alerts of every month stored since the last check; True when any was."""
    found = outbox.detect_releases(state.store)
    queued = 0
    for period in found.fresh:
        added = outbox.enqueue_release(state.store, period, top_up=True)
        logger.info("release %s: %d alerts queued", period, added)
        queued += added
    if found.top_up is not None:  # topics whose figures came after the month's release
        queued += outbox.enqueue_release(state.store, found.top_up, top_up=True)
    for period, days in outbox.detect_flash(state.store):
        queued += outbox.enqueue_flash(state.store, period, days)
    if found.fresh or found.top_up is not None:
        state.render = None  # new figures: word them afresh
    _note_check(state)
    return queued > 0


def _note_check(state: _Alerts) -> None:
    """Record the check for `kortrade status`: one write a minute at most."""
    if time.monotonic() - state.noted_at >= _NOTE_CHECK_SECONDS:
        outbox.note_check(state.store)
        state.noted_at = time.monotonic()


async def check_at_start(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """The first release check, run by `post_init` before polling begins: a first start
    takes its baseline here, so a month ingested after start-up is always announced
    (the repeating job only starts one interval later)."""
    state: _Alerts | None = application.bot_data.get(_STATE)
    if state is not None:
        state.data_version = outbox.data_version(state.store)
        _check_releases(state)


def _store_lost(state: _Alerts) -> str | None:
    """Why the store file is no longer the one the bot opened, if it is not."""
    problem = state.identity.changed() if state.identity is not None else None
    if problem is None:
        return None
    return (
        f"the store {state.store.path} {problem} while the bot was running; stopped so "
        "that nothing is written into a file nobody reads (restart once the store is back)"
    )


async def _check_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Every second: is the store still ours, and has another process committed anything?
    One `PRAGMA data_version` read (no table touched) answers the second; only then is
    `detect_releases` asked what."""
    state: _Alerts = context.job.data  # type: ignore[union-attr,assignment]
    lost = _store_lost(state)
    if lost is not None:
        context.application.bot_data[FATAL] = lost  # run_bot exits non-zero with it
        context.application.stop_running()
        return
    version = outbox.data_version(state.store)  # read first: a commit after it moves it again
    if version == state.data_version:
        _note_check(state)
        return
    first = state.data_version is None
    state.data_version = version
    if _check_releases(state) or not first:
        # Something was committed elsewhere (a new month, or a `kortrade broadcast`):
        # send now, as a job of its own, so this check stays free to run on time.
        context.job_queue.run_once(_drain_job, 0, data=state, name="alerts-drain-now")  # type: ignore[union-attr]


async def _check_now_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    state: _Alerts = context.job.data  # type: ignore[union-attr,assignment]
    if _check_releases(state):
        context.job_queue.run_once(_drain_job, 0, data=state, name="alerts-drain-now")  # type: ignore[union-attr]


def check_now(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """This process ingested (an admin's upload): look for a new month at once. SQLite's
    `data_version` does not move for a connection's own commits, so the once-a-second
    check would not see it."""
    state = application.bot_data.get(_STATE)
    if state is not None and application.job_queue is not None:
        application.job_queue.run_once(_check_now_job, 0, data=state, name="release-check-now")


async def _drain_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    application = context.application
    await _drain(context.job.data, context.bot, lambda: not application.running)  # type: ignore[union-attr,arg-type]


def _store_of(application: Application[Any, Any, Any, Any, Any, Any], settings: Settings) -> Store:
    store = application.bot_data.get("store")
    if store is None:
        from kortrade.data.store import open_store

        store = application.bot_data["store"] = open_store(settings.db_path)
    return store


def register_jobs(
    application: Application[Any, Any, Any, Any, Any, Any], settings: Settings
) -> None:
    """Schedule the release check and the outbox drain. The first check runs in
    `check_at_start` (post_init); jobs added before the scheduler starts treat `first=0`
    as one interval, so the repeating check is scheduled for one interval on."""
    job_queue = application.job_queue
    if job_queue is None:
        raise RuntimeError("release alerts need python-telegram-bot[job-queue]")
    pace = Pace.of(settings.broadcast_rate, paid=settings.paid_broadcast)
    state = _Alerts(_store_of(application, settings), AsyncLimiter(pace.rate, 1), pace=pace)
    try:
        state.identity = FileIdentity.of(state.store.path)
    except OSError:
        state.identity = None
    application.bot_data[_STATE] = state
    check = max(1.0, float(settings.release_check_seconds))
    job_queue.run_repeating(
        _check_job, interval=check, first=check, name="release-check", data=state
    )
    job_queue.run_repeating(
        _drain_job,
        interval=DRAIN_SECONDS,
        first=0.5,
        name="alerts-drain",
        data=state,
        # A fan-out to 10,000 chats runs for minutes; the next firings find the lock taken
        # and return at once, instead of APScheduler skipping them with a warning.
        job_kwargs={"max_instances": 2},
    )
    limiter = application.bot.rate_limiter
    if limiter is None:
        logger.warning("no rate limiter installed: alerts may hit Telegram's flood control")
    elif getattr(limiter, "_max_retries", 1) == 0:
        logger.warning("AIORateLimiter(max_retries=0): a RetryAfter fails the request at once")
