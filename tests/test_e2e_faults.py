"""Faults an operator meets, end to end: `python -m kortrade run` against a loopback
`FakeBotApi`, with the store, the clock and the processes treated as in production
(first start, a second instance, a kill -9, a store deleted or made read-only).

NEW_MONTH is TEST DATA: the rows of the newest shipped month relabelled as the next one,
ingested into a temporary copy of the store only.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes import FakeBotApi, private_chat, user
from fakes.alerts import LATEST_MONTH, NEW_MONTH, test_month_rows
from fakes.process import TOKEN, BotProcess, bot_env, wait_until

from kortrade.bot.replies.digest import digest_text
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

    def bot(self) -> BotProcess:
        bot = BotProcess(self.tmp / f"bot{len(self.bots)}", self.env)
        bot.tmp.mkdir()
        self.bots.append(bot)
        return bot

    def kortrade(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "kortrade", *args],
            cwd=self.tmp, env=self.env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    def ingest_new_month(self, rows: list[dict[str, str]]) -> None:
        path = self.tmp / f"TEST-DATA-not-real-{NEW_MONTH}.csv"
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
def desk(shipped_store: Store, tmp_path: Path) -> Iterator[_Desk]:
    shutil.copyfile(shipped_store.path, tmp_path / "kortrade.db")
    with FakeBotApi() as api:
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
