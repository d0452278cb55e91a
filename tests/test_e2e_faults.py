"""Faults an operator meets (issue 11), end to end: `python -m kortrade run` against a
loopback `FakeBotApi`, with the store and the processes treated as in production: a
first start, a second instance, a kill -9 mid fan-out, a topic's figure arriving after
the totals, a store deleted, replaced or read-only, another poller, one group's flood
control, forum topics and group languages, a returning chat, and an admin's upload of a
month with its new source.

NEW_MONTH is TEST DATA: the rows of the newest shipped month relabelled as the next one,
ingested into a temporary copy of the store only.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from data_facts import NEW_SOURCE, periods
from fakes import FakeBotApi, group_chat, private_chat, user
from fakes.alerts import LATEST_MONTH, NEW_MONTH, test_month_rows
from fakes.process import TOKEN, BotProcess, bot_env, unprivileged, wait_until

from kortrade.bot.alerts import SENDER_CONCURRENCY
from kortrade.bot.replies.digest import digest_text, digest_topics_text
from kortrade.data import subscriptions
from kortrade.data.digest import build_digest
from kortrade.data.ingest import COLUMNS
from kortrade.data.store import Store, open_store

pytestmark = pytest.mark.e2e

ANN = user(301, "Ann")


class _Desk:
    """A store copy in `tmp`, the fake Bot API, and `kortrade run` / `ingest` against them."""

    def __init__(self, tmp: Path, api: FakeBotApi, check_seconds: float = 1) -> None:
        self.tmp, self.api = tmp, api
        self.db = tmp / "kortrade.db"
        self.env = bot_env(
            tmp,
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_BASE_URL=api.base_url,
            KORTRADE_RELEASE_CHECK_SECONDS=str(check_seconds),
        )
        self.bots: list[BotProcess] = []

    def bot(self, prefix: list[str] | None = None) -> BotProcess:
        bot = BotProcess(self.tmp / f"bot{len(self.bots)}", self.env, prefix)
        bot.tmp.mkdir()
        self.bots.append(bot)
        return bot

    def kortrade(
        self, *args: str, prefix: list[str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*(prefix or []), sys.executable, "-m", "kortrade", *args],
            cwd=self.tmp, env=self.env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    def ingest_new_month(self, rows: list[dict[str, str]], part: str = "") -> None:
        path = self.tmp / f"TEST-DATA-not-real-{NEW_MONTH}{part}.csv"
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
        done = self.kortrade("ingest", str(path))
        assert done.returncode == 0, done.stderr

    def subscribe(self, chat_id: int, topic: str = "all", chat_type: str = "private") -> None:
        store = open_store(self.db)
        try:
            subscriptions.subscribe(store, chat_id, topic, chat_type=chat_type)
        finally:
            store.close()

    def query(self, sql: str, *params: object) -> list[tuple]:
        store = open_store(self.db)
        try:
            return store.db.execute(sql, list(params)).fetchall()
        finally:
            store.close()

    def baseline_done(self) -> bool:
        return bool(self.query("SELECT 1 FROM outbox_state WHERE key = 'ingest_cursor'"))

    def digest(self, period: str = NEW_MONTH) -> str:
        store = open_store(self.db)
        try:
            return digest_text(build_digest(store, period), "en")
        finally:
            store.close()

    def alerts(self, chat_id: int, text: str) -> list[dict]:
        return [
            call for call in self.api.sent(chat_id=chat_id, method="sendMessage")
            if call["params"]["text"] == text and call["ok"]
        ]  # fmt: skip

    def started(self, bot: BotProcess) -> bool:
        return "Application started" in bot.log()


@pytest.fixture
def api_delay() -> float:
    """Seconds the fake Bot API takes per call (a round trip); overridden per test."""
    return 0.0


@pytest.fixture
def desk(shipped_store: Store, tmp_path: Path, api_delay: float) -> Iterator[_Desk]:
    shutil.copyfile(shipped_store.path, tmp_path / "kortrade.db")
    with FakeBotApi(delay=api_delay) as api:
        made = _Desk(tmp_path, api)
        try:
            yield made
        finally:
            for bot in made.bots:
                bot.stop()


def test_a_month_ingested_right_after_the_first_start_is_announced(
    desk: _Desk, dataset_rows: list[dict[str, str]]
) -> None:
    # A store that never ran the bot (no baseline yet), and a long check interval: the
    # baseline must be taken before polling starts, not at the first check.
    desk.env["KORTRADE_RELEASE_CHECK_SECONDS"] = "4"
    desk.subscribe(ANN["id"])
    desk.api.add_chat(private_chat(ANN))
    bot = desk.bot()
    bot.start()
    wait_until(lambda: desk.started(bot), timeout=30)
    desk.ingest_new_month(test_month_rows(dataset_rows, like=LATEST_MONTH, period=NEW_MONTH))
    expected = desk.digest()
    desk.api.wait_for(lambda: desk.alerts(ANN["id"], expected), timeout=20)


def test_a_second_bot_on_the_same_store_refuses_in_one_line_and_a_killed_one_frees_it(
    desk: _Desk,
) -> None:
    first = desk.bot()
    first_process = first.start()
    wait_until(lambda: desk.started(first), timeout=30)
    status = desk.kortrade("status")
    assert status.returncode == 0, status.stderr
    assert f"sender:       running (pid {first_process.pid})" in status.stdout
    assert "last check:   never" not in status.stdout

    second = desk.bot()
    second.start()
    code = second.wait(timeout=30)
    lines = second.log().strip().splitlines()
    assert code != 0
    assert len(lines) == 1, lines
    assert f"pid {first_process.pid}" in lines[0] and str(desk.db) in lines[0]

    first.kill9()  # no clean-up: the kernel releases the lock with the process
    third = desk.bot()
    third.start()
    wait_until(lambda: desk.started(third), timeout=30)
    assert third.process is not None and third.process.poll() is None


@pytest.mark.parametrize("api_delay", [0.0, 0.15])
def test_a_kill_9_mid_fan_out_repeats_only_requests_whose_answer_never_came(
    desk: _Desk,
    dataset_rows: list[dict[str, str]],
    capsys: pytest.CaptureFixture[str],
    api_delay: float,
) -> None:
    # 60 subscribers, a 150 ms round trip: the fan-out takes a few seconds and always has
    # requests in flight when the process is killed.
    chats = [10_000 + number for number in range(60)]
    for chat_id in chats:
        desk.subscribe(chat_id)
    bot = desk.bot()
    bot.start()
    wait_until(lambda: desk.started(bot) and desk.baseline_done(), timeout=30)
    desk.ingest_new_month(test_month_rows(dataset_rows, like=LATEST_MONTH, period=NEW_MONTH))
    api = desk.api
    api.wait_for(lambda: sum(api.accepted[chat_id] for chat_id in chats) >= 20, timeout=30)
    bot.kill9()
    in_flight = {
        row[0] for row in desk.query("SELECT chat_id FROM deliveries WHERE status = 'sending'")
    }

    restarted = desk.bot()
    restarted.start()
    api.wait_for(lambda: all(api.accepted[chat_id] for chat_id in chats), timeout=60)
    wait_until(
        lambda: not desk.query("SELECT 1 FROM deliveries WHERE status IN ('pending', 'sending')"),
        timeout=30,
    )
    twice = {chat_id for chat_id in chats if api.accepted[chat_id] > 1}
    with capsys.disabled():
        print(
            f"\nkill -9 mid fan-out, {api_delay * 1000:.0f} ms round trip: "
            f"{len(in_flight)} requests in flight (unanswered), "
            f"{len(twice)} of {len(chats)} chats got the alert twice"
        )
    assert max(api.accepted[chat_id] for chat_id in chats) <= 2
    assert twice <= in_flight  # only a request whose answer never came can repeat
    assert len(in_flight) <= SENDER_CONCURRENCY


def test_a_topic_subscriber_is_alerted_when_the_topics_figure_arrives_not_before(
    desk: _Desk, dataset_rows: list[dict[str, str]]
) -> None:
    like = max(periods(product="semiconductors"))
    month = test_month_rows(dataset_rows, like=like, period=NEW_MONTH)
    totals = [r for r in month if (r["product"], r["partner"]) == ("all", "world")]
    chips = [r for r in month if (r["product"], r["partner"]) == ("semiconductors", "world")]
    desk.subscribe(ANN["id"], "semiconductors")
    bob = user(302, "Bob")
    desk.subscribe(bob["id"])
    bot = desk.bot()
    bot.start()
    wait_until(lambda: desk.started(bot) and desk.baseline_done(), timeout=30)

    desk.ingest_new_month(totals, part="-totals")
    desk.api.wait_for(lambda: desk.alerts(bob["id"], desk.digest()), timeout=20)
    desk.ingest_new_month(chips, part="-chips")
    store = open_store(desk.db)
    expected = digest_topics_text(build_digest(store, NEW_MONTH), "en", ["semiconductors"])
    store.close()
    desk.api.wait_for(lambda: desk.alerts(ANN["id"], expected), timeout=20)
    time.sleep(3)  # a few more checks and drains: nothing may follow
    sent = desk.api.sent(chat_id=ANN["id"], method="sendMessage")
    assert [call["params"]["text"] for call in sent] == [expected]  # nothing before, once
    assert len(desk.api.sent(chat_id=bob["id"], method="sendMessage")) == 1


@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_a_store_deleted_or_replaced_under_the_bot_stops_it_with_one_line(
    desk: _Desk, how: str
) -> None:
    bot = desk.bot()
    bot.start()
    wait_until(lambda: desk.started(bot) and desk.baseline_done(), timeout=30)
    if how == "deleted":
        desk.db.unlink()
    else:
        copy = desk.tmp / "restored.db"
        shutil.copyfile(desk.db, copy)
        copy.replace(desk.db)  # a restore from backup: same path, another file
    code = bot.wait(timeout=15)  # within one release check (1 s here), plus the stop
    assert code != 0
    errors = [line for line in bot.log().splitlines() if str(desk.db) in line and how in line]
    assert errors, bot.log()
    assert "Traceback" not in bot.log()

    # Restarted (by hand or by a service manager): a restored store runs; a vanished one is
    # not silently rebuilt empty, which would lose every subscription.
    again = desk.bot()
    again.start()
    if how == "replaced":
        wait_until(lambda: desk.started(again), timeout=30)
    else:
        assert again.wait(timeout=30) != 0
        [line] = again.log().strip().splitlines()
        assert str(desk.db) in line and "missing" in line
        assert not desk.db.exists()


def test_a_read_only_store_is_one_line_and_a_non_zero_exit_for_run_ingest_and_status(
    desk: _Desk, dataset_rows: list[dict[str, str]]
) -> None:
    desk.db.chmod(0o444)
    bot = desk.bot(prefix=unprivileged())
    bot.start()
    code = bot.wait(timeout=30)
    lines = bot.log().strip().splitlines()
    assert code != 0
    assert len(lines) == 1 and str(desk.db) in lines[0] and "cannot be written" in lines[0], lines

    path = desk.tmp / "TEST-DATA-not-real.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(test_month_rows(dataset_rows, like=LATEST_MONTH, period=NEW_MONTH))
    for args in (("ingest", str(path)), ("status",)):
        done = desk.kortrade(*args, prefix=unprivileged())
        assert done.returncode != 0, args
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and str(desk.db) in lines[0], lines
        assert "cannot be written" in lines[0], lines


def test_another_poller_is_one_warning_not_a_traceback_per_poll(desk: _Desk) -> None:
    bot = desk.bot()
    bot.start()
    wait_until(lambda: desk.started(bot), timeout=30)
    conflict = (
        "Conflict: terminated by other getUpdates request; "
        "make sure that only one bot instance is running"
    )
    desk.api.fail_next("getUpdates", error_code=409, description=conflict, count=3)
    wait_until(lambda: not desk.api.failures_left(), timeout=30)  # three polls refused
    time.sleep(0.5)
    log = bot.log()
    warnings = [line for line in log.splitlines() if "WARNING" in line or "ERROR" in line]
    assert len(warnings) == 1 and "another" in warnings[0], warnings
    assert "Traceback" not in log


def test_flood_control_for_one_group_does_not_hold_the_fan_out_to_the_others(
    desk: _Desk, dataset_rows: list[dict[str, str]]
) -> None:
    group = group_chat(-100_555, "Busy desk")
    desk.api.add_chat(group)
    desk.subscribe(group["id"], chat_type="group")
    chats = [20_000 + number for number in range(30)]
    for chat_id in chats:
        desk.subscribe(chat_id)
    bot = desk.bot()
    bot.start()
    wait_until(lambda: desk.started(bot) and desk.baseline_done(), timeout=30)
    # The group is told to wait a minute: a sender that paused for it would stall everyone.
    desk.api.fail_next(
        "sendMessage", chat_id=group["id"], error_code=429,
        description="Too Many Requests: retry after 60", retry_after=60,
    )  # fmt: skip
    desk.ingest_new_month(test_month_rows(dataset_rows, like=LATEST_MONTH, period=NEW_MONTH))
    api = desk.api
    api.wait_for(lambda: all(api.accepted[chat_id] for chat_id in chats), timeout=20)
    assert [call["ok"] for call in api.sent(chat_id=group["id"], method="sendMessage")] == [False]
    retry_at = desk.query("SELECT status, retry_at FROM deliveries WHERE chat_id = ?", group["id"])
    assert retry_at[0][0] == "pending" and retry_at[0][1] is not None  # its turn comes later


def test_forum_topics_languages_and_a_returning_chat_over_telegram(
    desk: _Desk, dataset_rows: list[dict[str, str]]
) -> None:
    boss, kim, bob = user(900, "Boss"), user(303, "Kim", lang="ko"), user(304, "Bob")
    forum = group_chat(-100_777, "Desk forum", forum=True)
    desk.env["KORTRADE_ADMINS"] = str(boss["id"])
    api = desk.api
    for admin in (ANN, kim):
        api.set_member_status(forum["id"], admin["id"], "administrator")
    bot = desk.bot()
    bot.start()
    wait_until(lambda: desk.started(bot) and desk.baseline_done(), timeout=30)

    def say(chat: dict, sender: dict, text: str, thread_id: int | None = None) -> None:
        before = len(api.sent(chat_id=chat["id"], method="sendMessage"))
        api.push_text(chat, sender, text, thread_id=thread_id)
        api.wait_for(lambda: len(api.sent(chat_id=chat["id"], method="sendMessage")) > before)

    say(forum, ANN, "/subscribe semiconductors", thread_id=7)
    say(forum, kim, "/subscribe china", thread_id=9)  # Kim's Telegram is in Korean
    say(forum, kim, "/unsubscribe china", thread_id=9)
    say(private_chat(bob), bob, "/subscribe")
    api.fail_next("sendMessage", chat_id=bob["id"], error_code=403,
                  description="Forbidden: bot was blocked by the user")  # fmt: skip

    like = max(set(periods(product="semiconductors")) & set(periods(partner="china")))
    desk.ingest_new_month(test_month_rows(dataset_rows, like=like, period=NEW_MONTH))
    store = open_store(desk.db)
    digest = build_digest(store, NEW_MONTH)
    store.close()
    chips = digest_topics_text(digest, "en", ["semiconductors"])
    [alert] = api.wait_for(lambda: desk.alerts(forum["id"], chips), timeout=20)
    assert alert["params"]["message_thread_id"] == 7  # the thread of its subscription, in English
    wait_until(lambda: desk.query("SELECT active FROM chats WHERE id = ?", bob["id"]) == [(0,)], 20)

    say(private_chat(bob), bob, "/subscribe")  # unblocked the bot, subscribes again
    say(private_chat(boss), boss, f"/broadcast {NEW_MONTH}")
    api.wait_for(lambda: desk.alerts(bob["id"], desk.digest()), timeout=20)
    assert len(desk.alerts(forum["id"], chips)) == 1


def test_an_admin_uploads_a_new_month_with_its_new_source_and_subscribers_get_it(
    desk: _Desk, dataset_rows: list[dict[str, str]]
) -> None:
    boss = user(900, "Boss")
    desk.env["KORTRADE_ADMINS"] = str(boss["id"])
    desk.subscribe(ANN["id"])
    bot = desk.bot()
    bot.start()
    wait_until(lambda: desk.started(bot) and desk.baseline_done(), timeout=30)

    month = test_month_rows(dataset_rows, like=LATEST_MONTH, period=NEW_MONTH)
    files = {
        "figures.csv": [dict(row, source=NEW_SOURCE["id"]) for row in month],
        "sources.csv": [NEW_SOURCE],
    }
    api, chat = desk.api, private_chat(boss)
    for number, (name, rows) in enumerate(files.items(), 1):
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
        api.push_document(chat, boss, file_name=name, content=out.getvalue().encode())
        api.wait_for(lambda n=number: len(api.sent(chat_id=boss["id"], method="sendMessage")) >= n)
    replies = [call["params"]["text"] for call in api.sent(chat_id=boss["id"])]
    assert "sources loaded: 1" in replies[-1], replies
    api.wait_for(lambda: desk.alerts(ANN["id"], desk.digest()), timeout=20)
