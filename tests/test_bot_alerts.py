"""Release alerts: the sender's outcome per Telegram answer, jobs, and restart safety.

Telegram is played in-process by `ScriptedBot` (scripted errors per chat) or, for the
kill -9 tests, by a child process that records each message to a file. The month
NEW_MONTH used here is TEST DATA (a copy of a real month's rows under a new period),
ingested into temporary stores only.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import logging
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from fakes import private_chat, user
from fakes.alerts import LATEST_MONTH, NEW_MONTH, ScriptedBot, test_month_rows
from fakes.harness import running_bot
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import AIORateLimiter, ApplicationBuilder

from kortrade.bot import alerts
from kortrade.bot.alerts import DeliveryStats, RetryPolicy, deliver_pending
from kortrade.bot.ratelimit import NO_RETRY, PerChatFloodLimiter
from kortrade.bot.replies.digest import digest_text
from kortrade.config import Settings
from kortrade.data import outbox, subscriptions
from kortrade.data.digest import build_digest
from kortrade.data.ingest import ingest_rows
from kortrade.data.outbox import Delivery
from kortrade.data.store import Store, open_store

CHILD = Path(__file__).parent / "fakes" / "alerts_child.py"
TOKEN = "123456:" + "A" * 35
FAST = RetryPolicy(max_attempts=3, base_delay=0.0, max_delay=0.0, max_flood_attempts=5)


def _render(delivery: Delivery) -> str:
    return f"alert {delivery.period} for {delivery.chat_id} in {delivery.lang}"


def _subscribe_all(store: Store, chat_ids: list[int], period: str = LATEST_MONTH) -> None:
    for chat_id in chat_ids:
        kind = "private" if chat_id > 0 else "group"
        subscriptions.subscribe(store, chat_id, "all", chat_type=kind)
    outbox.enqueue_release(store, period)


def _make_due(store: Store) -> None:
    """Skip the clock: every waiting retry becomes due now (the test controls time)."""
    store.db.conn.execute("UPDATE deliveries SET retry_at = NULL WHERE status = 'pending'")
    store.db.conn.commit()


async def _drain(bot: Any, store: Store, **kwargs: Any) -> DeliveryStats:
    kwargs = {"render": _render, "policy": FAST, **kwargs}
    total = DeliveryStats()
    for _ in range(20):
        stats = await deliver_pending(bot, store, **kwargs)
        total.add(stats)
        if stats.attempted == 0:
            return total
        _make_due(store)
    raise AssertionError("the outbox never drained")


def _row(store: Store, chat_id: int) -> dict[str, Any]:
    return next(store.db["deliveries"].rows_where("chat_id = ?", [chat_id]))


def _active(store: Store, chat_id: int) -> int:
    return store.db["chats"].get(chat_id)["active"]


# -- outcomes per Telegram answer -------------------------------------------------------------


@pytest.mark.parametrize(
    "pace", [{}, {"batch": 5, "concurrency": 16, "paid": True}], ids=["free", "paid-chunks"]
)
async def test_fan_out_reaches_every_reachable_chat_exactly_once(
    store: Store, pace: dict[str, Any]
) -> None:
    """Every outcome holds in chunked (paid) mode too: flood control, errors, dead chats."""
    chats = [*range(1, 41), -11, -12]
    _subscribe_all(store, chats)
    bot = ScriptedBot()
    bot.fail(3, RetryAfter(1))
    bot.fail(5, Forbidden("Forbidden: bot was blocked by the user"))
    bot.fail(7, TimedOut(), TimedOut())
    bot.fail(9, BadRequest("Bad Request: chat not found"))
    bot.fail(-11, Forbidden("Forbidden: bot was kicked from the group chat"))
    bot.fail(13, NetworkError("httpx.ReadError: connection reset"))
    stats = await _drain(bot, store, **pace)
    unreachable = {5, 9, -11}
    assert bot.received() == Counter({chat: 1 for chat in chats if chat not in unreachable})
    assert {chat for chat in chats if not _active(store, chat)} == unreachable
    assert (stats.sent, stats.dead, stats.deactivated) == (len(chats) - 3, 3, 3)
    assert stats.retried == 4  # RetryAfter once, TimedOut twice, NetworkError once
    assert bot.attempts[7] == 3


@pytest.mark.parametrize(
    "error,reason",
    [
        (Forbidden("Forbidden: bot was blocked by the user"), "forbidden: "),
        (Forbidden("Forbidden: user is deactivated"), "forbidden: "),
        (BadRequest("Bad Request: chat not found"), "bad request: "),
        (BadRequest("need administrator rights in the channel chat"), "bad request: "),
        (BadRequest("Bad Request: not enough rights to send text messages"), "bad request: "),
    ],
)
async def test_a_chat_that_is_gone_is_deactivated_and_never_tried_again(
    store: Store, error: Exception, reason: str
) -> None:
    _subscribe_all(store, [1, 2])
    bot = ScriptedBot()
    bot.fail(1, error)
    await _drain(bot, store)
    row = _row(store, 1)
    assert (row["status"], row["error"]) == ("dead", reason + error.message)
    assert store.db["chats"].get(1)["inactive_reason"] == row["error"]
    outbox.enqueue_release(store, "2026-08")
    await _drain(bot, store)
    assert (bot.attempts[1], bot.received()[2]) == (1, 2)


async def test_a_refused_message_dies_but_the_chat_stays_subscribed(store: Store) -> None:
    _subscribe_all(store, [1])
    bot = ScriptedBot()
    bot.fail(1, BadRequest("Bad Request: message is too long"))
    await _drain(bot, store)
    assert _row(store, 1)["status"] == "dead"
    assert _active(store, 1) == 1


async def test_network_errors_retry_with_backoff_then_give_up(store: Store) -> None:
    _subscribe_all(store, [1, 2])
    bot = ScriptedBot(fail_always={1: TimedOut()})
    stats = await _drain(bot, store)
    row = _row(store, 1)
    assert (row["status"], row["attempts"]) == ("dead", FAST.max_attempts)
    assert row["error"].endswith(f"(gave up after {FAST.max_attempts} attempts)")
    assert _active(store, 1) == 1  # the network failed, not the chat
    assert (stats.sent, bot.received()[2]) == (1, 1)


@pytest.mark.parametrize(
    "attempts,delay", [(1, 10.0), (2, 20.0), (3, 40.0), (6, 320.0), (7, 640.0), (8, 900.0)]
)
def test_backoff_doubles_from_ten_seconds_up_to_fifteen_minutes(
    attempts: int, delay: float
) -> None:
    assert RetryPolicy().backoff(attempts) == delay


async def test_retry_after_is_honoured_for_the_row(store: Store) -> None:
    _subscribe_all(store, [1])
    bot = ScriptedBot()
    bot.fail(1, RetryAfter(1))
    before = dt.datetime.now(dt.UTC)
    stats = await deliver_pending(bot, store, render=_render, policy=FAST)
    assert (stats.retried, stats.dead) == (1, 0)
    row = _row(store, 1)
    waited = dt.datetime.fromisoformat(row["retry_at"]) - before
    assert (row["status"], row["error"]) == ("pending", "flood control: retry after 1s")
    assert dt.timedelta(seconds=1) <= waited < dt.timedelta(seconds=2)
    assert outbox.pending(store, 10) == []  # not before its time
    _make_due(store)
    assert (await _drain(bot, store)).sent == 1


async def test_flood_control_for_one_chat_holds_back_that_chat_only(store: Store) -> None:
    _subscribe_all(store, list(range(1, 21)))
    bot = ScriptedBot()
    bot.fail(3, RetryAfter(3600))  # an hour: anything that waited for it would hang here
    stats = await asyncio.wait_for(deliver_pending(bot, store, render=_render, policy=FAST), 10)
    assert (stats.sent, stats.retried) == (19, 1)
    assert 3 not in bot.received() and len(bot.received()) == 19
    assert _row(store, 3)["status"] == "pending"


async def test_flood_control_for_several_chats_at_once_pauses_the_whole_sender(
    store: Store,
) -> None:
    """Three chats told to wait within a second: the bot's own limit, so everyone waits."""
    _subscribe_all(store, list(range(1, 11)))
    bot = ScriptedBot()
    for chat_id in (1, 2, 3):
        bot.fail(chat_id, RetryAfter(1))
    started = time.monotonic()
    stats = await deliver_pending(bot, store, render=_render, policy=FAST, concurrency=1)
    assert (stats.sent, stats.retried) == (7, 3)
    assert time.monotonic() - started >= 1.0  # chats 4 to 10 waited for the pause


async def test_the_rate_limiter_holds_back_only_the_chat_told_to_wait() -> None:
    limiter = PerChatFloodLimiter(max_retries=2)
    await limiter.initialize()
    told_to_wait = asyncio.Event()
    calls: list[int] = []

    async def send(chat_id: int) -> dict[str, int]:
        calls.append(chat_id)
        if chat_id == -1 and not told_to_wait.is_set():
            told_to_wait.set()
            raise RetryAfter(3600)
        return {"chat_id": chat_id}

    def request(chat_id: int, retries: int | None = None) -> Any:
        return limiter.process_request(
            send, (chat_id,), {}, "sendMessage", {"chat_id": chat_id}, retries
        )

    waiting = asyncio.create_task(request(-1))
    await told_to_wait.wait()
    assert await asyncio.wait_for(request(2), 5) == {"chat_id": 2}  # not held by chat -1
    assert not waiting.done()  # chat -1 still waits out its hour
    waiting.cancel()
    told_to_wait.clear()
    with pytest.raises(RetryAfter):  # an alert asks for no retry: the outbox reschedules it
        await asyncio.wait_for(request(-1, retries=NO_RETRY), 5)
    await limiter.shutdown()


async def test_a_migrated_group_gets_its_alert_under_the_new_id(store: Store) -> None:
    _subscribe_all(store, [-5])
    bot = ScriptedBot()
    bot.fail(-5, ChatMigrated(-1005))
    await _drain(bot, store)
    assert bot.received() == Counter({-1005: 1})
    assert subscriptions.list_topics(store, -1005) == ["all"]


async def test_alerts_go_to_the_forum_topic_and_fall_back_when_it_was_deleted(
    store: Store,
) -> None:
    for chat_id, thread in ((-1, 7), (-2, 8)):
        subscriptions.subscribe(store, chat_id, "all", chat_type="supergroup", thread_id=thread)
    outbox.enqueue_release(store, LATEST_MONTH)
    bot = ScriptedBot()
    bot.fail(-2, BadRequest("Bad Request: message thread not found"))
    await _drain(bot, store)
    assert sorted((a.chat_id, a.thread_id) for a in bot.accepted) == [(-2, None), (-1, 7)]


async def test_a_bug_in_one_chat_costs_that_chat_a_retry_not_the_fan_out(store: Store) -> None:
    _subscribe_all(store, [1, 2, 3])
    bot = ScriptedBot()
    bot.fail(2, ValueError("unexpected"))
    first = await deliver_pending(bot, store, render=_render, policy=FAST)
    assert (first.sent, first.retried) == (2, 1)
    await _drain(bot, store)
    assert bot.received() == Counter({1: 1, 2: 1, 3: 1})


async def test_the_text_is_rendered_once_and_resent_identically(store: Store) -> None:
    _subscribe_all(store, [1])
    calls: list[int] = []

    def render(delivery: Delivery) -> str:
        calls.append(delivery.chat_id)
        return f"version {len(calls)}"

    bot = ScriptedBot()
    bot.fail(1, TimedOut())
    await _drain(bot, store, render=render)
    assert calls == [1]
    assert [a.text for a in bot.accepted] == ["version 1"]


async def test_a_chat_with_nothing_to_say_gets_no_empty_message(store: Store) -> None:
    _subscribe_all(store, [1])
    bot = ScriptedBot()
    await _drain(bot, store, render=lambda d: "  ")
    assert bot.accepted == []
    assert _row(store, 1)["status"] == "dead"


async def test_an_unsubscribe_during_the_fan_out_stops_that_chats_alert(store: Store) -> None:
    _subscribe_all(store, [1, 2])
    due = outbox.pending(store, 10)
    subscriptions.unsubscribe(store, 2)
    sender = alerts.AlertSender(ScriptedBot(), store, _render, policy=FAST)
    stats = await sender.run(due)
    assert (stats.sent, stats.skipped) == (1, 1)
    assert [a.chat_id for a in sender.bot.accepted] == [1]  # type: ignore[attr-defined]


async def test_a_stopping_bot_finishes_messages_in_flight_and_leaves_the_rest(
    store: Store,
) -> None:
    _subscribe_all(store, list(range(1, 11)))
    bot = ScriptedBot()
    stats = await deliver_pending(
        bot, store, render=_render, concurrency=1, should_stop=lambda: len(bot.accepted) >= 4
    )
    assert (stats.sent, stats.aborted) == (4, True)
    statuses = Counter(row["status"] for row in store.db["deliveries"].rows)
    assert statuses == Counter({"sent": 4, "pending": 6})


@pytest.mark.parametrize("concurrency", [1, 4])
async def test_sends_run_concurrently_up_to_the_bound(store: Store, concurrency: int) -> None:
    _subscribe_all(store, list(range(1, 21)))
    bot = ScriptedBot(latency=0.01)
    await deliver_pending(bot, store, render=_render, concurrency=concurrency)
    assert bot.max_in_flight == concurrency
    assert len(bot.accepted) == 20


# -- jobs -------------------------------------------------------------------------------------


def _application(store: Store, *, max_retries: int = 3) -> Any:
    application = (
        ApplicationBuilder()
        .token(TOKEN)
        .rate_limiter(AIORateLimiter(max_retries=max_retries))
        .build()
    )
    application.bot_data["store"] = store
    return application


def test_register_jobs_schedules_the_check_and_the_drain(store: Store) -> None:
    application = _application(store)
    alerts.register_jobs(application, Settings(db_path=store.path, release_check_seconds=7))
    jobs = {job.name: job for job in application.job_queue.jobs()}
    assert set(jobs) == {"release-check", "alerts-drain"}
    assert jobs["release-check"].job.trigger.interval == dt.timedelta(seconds=7)
    default = Settings(db_path=store.path).release_check_seconds
    assert default == 1.0  # a month ingested elsewhere is noticed within a second
    assert jobs["alerts-drain"].job.trigger.interval == dt.timedelta(seconds=alerts.DRAIN_SECONDS)


def test_register_jobs_warns_when_the_rate_limiter_never_retries(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="kortrade.bot.alerts"):
        alerts.register_jobs(_application(store, max_retries=0), Settings(db_path=store.path))
    assert "max_retries=0" in caplog.text


async def test_jobs_send_a_new_months_alert_once_and_resume_after_a_restart(
    store: Store, dataset_rows: list[dict[str, str]]
) -> None:
    _subscribe_all(store, [1, 2, 3], period=LATEST_MONTH)
    interrupted = outbox.pending(store, 10)[2]
    outbox.claim(store, interrupted.id, "left sending by a killed process")
    application = _application(store)
    alerts.register_jobs(application, Settings(db_path=store.path))
    jobs = {job.name: job for job in application.job_queue.jobs()}
    bot = ScriptedBot()
    kicked: list[Any] = []

    def run_once(callback: Any, when: float, **kwargs: Any) -> None:
        kicked.append((callback, when))

    async def run(name: str) -> None:
        context = SimpleNamespace(
            job=jobs[name], bot=bot, job_queue=SimpleNamespace(run_once=run_once),
            application=SimpleNamespace(running=True),
        )  # fmt: skip
        await jobs[name].callback(context)

    await run("release-check")  # the first check: baseline only
    assert kicked == []
    await run("alerts-drain")  # resumes what the last run left
    assert bot.received() == Counter({1: 1, 2: 1, 3: 1})
    other = open_store(store.path)  # another process's connection, as `kortrade ingest`
    ingest_rows(other, test_month_rows(dataset_rows, like=LATEST_MONTH, period=NEW_MONTH),
                origin="test-month")  # fmt: skip
    other.close()
    await run("release-check")
    assert kicked == [(jobs["alerts-drain"].callback, 0)]  # a drain starts at once
    await run("release-check")
    await run("alerts-drain")
    assert bot.received() == Counter({1: 2, 2: 2, 3: 2})
    assert {a.text.splitlines()[0] for a in bot.accepted[3:]} == {
        digest_text(build_digest(store, NEW_MONTH), "en").splitlines()[0]
    }


def _check_context(store: Store, settings: Settings | None = None) -> tuple[Any, list[Any]]:
    application = _application(store)
    alerts.register_jobs(application, settings or Settings(db_path=store.path))
    job = next(job for job in application.job_queue.jobs() if job.name == "release-check")
    kicked: list[Any] = []
    queue = SimpleNamespace(run_once=lambda callback, when, **kw: kicked.append(kw["name"]))
    return SimpleNamespace(job=job, job_queue=queue), kicked


async def test_a_check_when_nothing_changed_reads_only_sqlites_data_version(
    store: Store, dataset_rows: list[dict[str, str]]
) -> None:
    context, kicked = _check_context(store)
    await context.job.callback(context)  # the first look records the baseline
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    for _ in range(3):
        await context.job.callback(context)
    assert statements == ["PRAGMA data_version"] * 3
    other = open_store(store.path)
    ingest_rows(other, test_month_rows(dataset_rows, like=LATEST_MONTH, period=NEW_MONTH),
                origin="test-month")  # fmt: skip
    other.close()
    await context.job.callback(context)
    store.db.conn.set_trace_callback(None)
    assert len(statements) > 4 and kicked == ["alerts-drain-now"]
    assert outbox.pending(store, 10) == []  # nobody subscribed; but the month is known:
    assert store.db.execute("SELECT origin FROM releases WHERE period = ?", [NEW_MONTH]).fetchone()


async def test_a_chunked_sender_commits_accepted_alerts_at_least_every_chunk(
    store: Store,
) -> None:
    """The crash bound at paid rates: at any moment fewer than `batch` accepted alerts
    wait for their commit (a crash can send only those, and the ones in flight, again)."""
    _subscribe_all(store, list(range(1, 41)))
    reader = open_store(store.path)  # sees only what is committed, as a restart would
    waiting: list[int] = []  # accepted alerts not yet committed, before each send

    class Watching(ScriptedBot):
        async def send_message(self, chat_id: int, text: str, **kwargs: Any) -> Any:
            sent = reader.db.execute(
                "SELECT COUNT(*) FROM deliveries WHERE status = 'sent'"
            ).fetchone()[0]
            waiting.append(len(self.accepted) - sent)
            return await super().send_message(chat_id, text, **kwargs)

    bot = Watching()
    stats = await deliver_pending(bot, store, render=_render, concurrency=1, batch=5, paid=True)
    reader.close()
    assert stats.sent == 40 and bot.received() == Counter(dict.fromkeys(range(1, 41), 1))
    assert max(waiting) == 4  # batched (not one commit a message), bounded by the chunk
    assert Counter(row["status"] for row in store.db["deliveries"].rows) == {"sent": 40}


# -- in the running application ---------------------------------------------------------------


def _csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def _baseline_recorded(store: Store) -> bool:
    query = "SELECT 1 FROM outbox_state WHERE key = 'ingest_cursor'"
    return store.db.execute(query).fetchone() is not None


@pytest.mark.parametrize("paid", [True, False], ids=["paid", "free"])
async def test_an_uploaded_month_is_alerted_at_once_and_paid_for_only_in_paid_mode(
    store: Store, dataset_rows: list[dict[str, str]], paid: bool
) -> None:
    """An admin's upload queues its alerts at once (this connection's own commit does not
    move `data_version`, so the once-a-second check would never see it). In paid mode the
    alert carries `allow_paid_broadcast`; a reply to a question never does."""
    ann, boss = user(201, "Ann"), user(900, "Boss")
    rate = 1000.0 if paid else 30.0
    async with running_bot(
        store, admins=frozenset({boss["id"]}), paid_broadcast=paid, broadcast_rate=rate
    ) as bot:
        calls = await bot.send(private_chat(ann), ann, "/subscribe")
        calls += await bot.send(private_chat(ann), ann, "exports January 2021")
        async with bot.started():
            await bot.wait_for(lambda: _baseline_recorded(store))
            rows = test_month_rows(dataset_rows, like=LATEST_MONTH, period=NEW_MONTH)
            bot.api.push_document(private_chat(boss), boss, file_name="new.csv", content=_csv(rows))
            calls += await bot.process()
            uploaded = time.monotonic()
            expected = digest_text(build_digest(store, NEW_MONTH), "en")

            def alerts() -> list[dict[str, Any]]:
                sent = bot.api.sent(chat_id=ann["id"], method="sendMessage")
                return [call for call in sent if call["params"]["text"] == expected]

            [alert] = await bot.wait_for(alerts, timeout=5)
            assert time.monotonic() - uploaded < 1.0
    assert len(calls) >= 3 and all("allow_paid_broadcast" not in c["params"] for c in calls)
    assert alert["params"].get("allow_paid_broadcast") is (True if paid else None)
    assert bot.api.paid == (Counter({ann["id"]: 1}) if paid else Counter())


# -- kill -9 ----------------------------------------------------------------------------------


def _child(store: Store, tmp: Path, mode: str, kill_at: int = 0) -> subprocess.Popen[bytes]:
    args = [sys.executable, str(CHILD), str(store.path), str(tmp / "records"),
            str(tmp / "marker"), mode, str(kill_at)]  # fmt: skip
    return subprocess.Popen(args, stderr=subprocess.PIPE)


def _lines(path: Path) -> list[str]:
    return path.read_text().split() if path.exists() else []


def _wait(predicate: Any, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def _killed_then_restarted(store: Store, tmp: Path, mode: str, kill_at: int) -> Counter[int]:
    child = _child(store, tmp, mode, kill_at)
    if mode == "between":
        # Marker N+1 is written once message N is marked sent and N+1 claimed; the child
        # then waits 0.2 s before "Telegram" records N+1: that is where the kill lands.
        _wait(lambda: len(_lines(tmp / "marker")) > kill_at)
        os.kill(child.pid, 9)
    child.wait(timeout=20)
    assert child.returncode == -9, child.stderr.read().decode() if child.stderr else ""
    assert len(_lines(tmp / "records")) == kill_at
    restarted = _child(store, tmp, "finish")
    assert restarted.wait(timeout=30) == 0, restarted.stderr.read().decode()  # type: ignore[union-attr]
    return Counter(int(line) for line in _lines(tmp / "records"))


def test_kill_9_between_sends_then_restart_delivers_each_alert_exactly_once(
    store: Store, tmp_path: Path
) -> None:
    chats = list(range(1, 13))
    _subscribe_all(store, chats)
    received = _killed_then_restarted(store, tmp_path, "between", kill_at=5)
    assert received == Counter(dict.fromkeys(chats, 1))
    assert store.db.execute("SELECT DISTINCT status FROM deliveries").fetchall() == [("sent",)]


def test_kill_9_after_telegram_accepted_but_before_the_commit_resends_only_that_alert(
    store: Store, tmp_path: Path
) -> None:
    """The one window no outbox can close (the Bot API has no idempotency key): this
    outbox chooses at-least-once, so that single chat sees the alert twice."""
    chats = list(range(1, 13))
    _subscribe_all(store, chats)
    received = _killed_then_restarted(store, tmp_path, "window", kill_at=5)
    duplicated = [chat for chat, count in received.items() if count == 2]
    assert len(duplicated) == 1
    assert received == Counter({chat: 2 if chat in duplicated else 1 for chat in chats})
