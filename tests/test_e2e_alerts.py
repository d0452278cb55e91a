"""Release alerts end to end over real HTTP: `python -m kortrade run` long-polling a
`FakeBotApi` on 127.0.0.1, subscribers made with /subscribe, a new month ingested by
`kortrade ingest` in ANOTHER process, then the bot killed with SIGKILL mid-fan-out and
restarted.

NEW_MONTH is TEST DATA: the rows of the newest shipped month relabelled as the next one,
written to a file named as such and ingested into a temporary copy of the store only.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes import FakeBotApi, group_chat, private_chat, user
from fakes.alerts import LATEST_MONTH, NEW_MONTH, test_month_rows
from fakes.process import TOKEN, BotProcess, bot_env, wait_until

from kortrade.bot.replies.digest import digest_text
from kortrade.data.digest import build_digest
from kortrade.data.ingest import COLUMNS
from kortrade.data.store import DATASET_DIR, Store, open_store

pytestmark = pytest.mark.e2e

ANN = user(201, "Ann")
DESK = group_chat(-100222, "Alerts desk")


def _env(tmp: Path, api: FakeBotApi) -> dict[str, str]:
    return bot_env(
        tmp,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=api.base_url,
    )  # KORTRADE_RELEASE_CHECK_SECONDS: the default, one second


@pytest.fixture
def setup(shipped_store: Store, tmp_path: Path) -> Iterator[tuple[BotProcess, FakeBotApi, Path]]:
    shutil.copyfile(shipped_store.path, tmp_path / "kortrade.db")
    with FakeBotApi() as api:
        bot = BotProcess(tmp_path, _env(tmp_path, api))
        try:
            yield bot, api, tmp_path
        finally:
            bot.stop()


def _baseline_done(db: Path) -> bool:
    store = open_store(db)
    try:
        cursor = store.db.execute("SELECT value FROM outbox_state WHERE key = 'ingest_cursor'")
        return cursor.fetchone() is not None
    finally:
        store.close()


def _status(db: Path, chat_id: int) -> str | None:
    store = open_store(db)
    try:
        row = store.db.execute(
            "SELECT status FROM deliveries WHERE chat_id = ?", [chat_id]
        ).fetchone()
        return row[0] if row else None
    finally:
        store.close()


def _write_test_month(path: Path, rows: list[dict[str, str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def test_subscribers_get_a_new_month_once_even_across_a_kill_9(
    setup: tuple[BotProcess, FakeBotApi, Path], dataset_rows: list[dict[str, str]]
) -> None:
    bot, api, tmp = setup
    bot.start()
    api.wait_for(lambda: "ko" in api.commands, timeout=20)  # started
    wait_until(lambda: _baseline_done(tmp / "kortrade.db"), timeout=20)

    api.set_member_status(DESK["id"], ANN["id"], "administrator")
    for chat in (private_chat(ANN), DESK):
        api.push_text(chat, ANN, "/subscribe")
        api.wait_for(lambda chat=chat: api.sent(chat_id=chat["id"], method="sendMessage"), 15)

    # The group's first sends meet flood control (429, retry after 1 s, three times).
    flood = "Too Many Requests: retry after 1"
    api.fail_next("sendMessage", chat_id=DESK["id"], error_code=429, description=flood,
                  retry_after=1, count=3)  # fmt: skip
    csv_path = tmp / f"TEST-DATA-not-real-{NEW_MONTH}.csv"
    _write_test_month(csv_path, test_month_rows(dataset_rows, like=LATEST_MONTH, period=NEW_MONTH))
    started = time.monotonic()
    ingest = subprocess.run(
        [sys.executable, "-m", "kortrade", "ingest", str(csv_path)],
        cwd=tmp, env=_env(tmp, api), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert ingest.returncode == 0, ingest.stderr

    store = open_store(tmp / "kortrade.db")
    expected = digest_text(build_digest(store, NEW_MONTH), "en")
    store.close()

    def alerts(chat_id: int, *, ok: bool = True) -> list[dict]:
        return [
            call for call in api.sent(chat_id=chat_id, method="sendMessage")
            if call["params"]["text"] == expected and call["ok"] is ok
        ]  # fmt: skip

    # Mid-fan-out: the private chat's alert is sent and recorded, the group's is still
    # held by flood control. (Killing in the instant between Telegram accepting a message
    # and the commit that records it would resend that one: see tests/test_bot_alerts.py.)
    api.wait_for(lambda: alerts(ANN["id"]) and alerts(DESK["id"], ok=False), timeout=60)
    wait_until(lambda: _status(tmp / "kortrade.db", ANN["id"]) == "sent", timeout=10)
    assert time.monotonic() - started < 60
    assert alerts(DESK["id"]) == []
    bot.kill9()

    bot.start()
    api.wait_for(lambda: alerts(DESK["id"]), timeout=30)
    assert time.monotonic() - started < 60
    time.sleep(3)  # a few more checks and drains: nothing may be sent again
    assert (len(alerts(ANN["id"])), len(alerts(DESK["id"]))) == (1, 1)
    store = open_store(tmp / "kortrade.db")
    statuses = store.db.execute("SELECT chat_id, status FROM deliveries").fetchall()
    store.close()
    assert sorted(statuses) == [(DESK["id"], "sent"), (ANN["id"], "sent")]


_INGEST_AND_STAMP = """
import sys, time
from kortrade.data.ingest import ingest_file
from kortrade.data.store import open_store
store = open_store(sys.argv[1])
ingest_file(store, sys.argv[2])
print(time.time())  # the ingest's transaction has committed
"""


def test_a_month_ingested_by_another_process_reaches_a_subscriber_within_two_seconds(
    setup: tuple[BotProcess, FakeBotApi, Path], dataset_rows: list[dict[str, str]]
) -> None:
    bot, api, tmp = setup
    bot.start()
    api.wait_for(lambda: "ko" in api.commands, timeout=20)  # started
    wait_until(lambda: _baseline_done(tmp / "kortrade.db"), timeout=20)
    api.push_text(private_chat(ANN), ANN, "/subscribe")
    api.wait_for(lambda: api.sent(chat_id=ANN["id"], method="sendMessage"), 15)

    csv_path = tmp / f"TEST-DATA-not-real-{NEW_MONTH}.csv"
    _write_test_month(csv_path, test_month_rows(dataset_rows, like=LATEST_MONTH, period=NEW_MONTH))
    ingest = subprocess.run(
        [sys.executable, "-c", _INGEST_AND_STAMP, str(tmp / "kortrade.db"), str(csv_path)],
        cwd=tmp, env=_env(tmp, api), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert ingest.returncode == 0, ingest.stderr
    committed = float(ingest.stdout.split()[-1])
    store = open_store(tmp / "kortrade.db")
    expected = digest_text(build_digest(store, NEW_MONTH), "en")
    store.close()

    def alert() -> list[dict]:
        sent = api.sent(chat_id=ANN["id"], method="sendMessage")
        return [call for call in sent if call["params"]["text"] == expected]

    [call] = api.wait_for(alert, timeout=10)
    assert call["at"] - committed < 2.0, f"{call['at'] - committed:.2f} s after the commit"


def test_a_flash_subscriber_gets_a_new_first_10_days_span_once(
    setup: tuple[BotProcess, FakeBotApi, Path],
) -> None:
    """NEW_MONTH's first-10-days row is TEST DATA: the newest stored one, relabelled."""
    bot, api, tmp = setup
    bot.start()
    api.wait_for(lambda: "ko" in api.commands, timeout=20)  # started
    wait_until(lambda: _baseline_done(tmp / "kortrade.db"), timeout=20)
    api.push_text(private_chat(ANN), ANN, "/subscribe flash")
    api.wait_for(lambda: api.sent(chat_id=ANN["id"], method="sendMessage"), 15)

    with open(DATASET_DIR / "flash.csv", encoding="utf-8", newline="") as handle:
        headline = ("export", "all", "world", "10")
        rows = [
            r for r in csv.DictReader(handle)
            if (r["flow"], r["product"], r["partner"], r["days"]) == headline
        ]  # fmt: skip
    row = dict(max(rows, key=lambda r: r["period"]), period=NEW_MONTH)
    path = tmp / f"TEST-DATA-not-real-flash-{NEW_MONTH}.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(row), lineterminator="\n")
        writer.writeheader()
        writer.writerow(row)
    ingest = subprocess.run(
        [sys.executable, "-m", "kortrade", "ingest", str(path)],
        cwd=tmp, env=_env(tmp, api), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert ingest.returncode == 0, ingest.stderr

    def flash_alerts() -> list[dict]:
        sent = api.sent(chat_id=ANN["id"], method="sendMessage")
        return [c for c in sent if "the first 10 days of" in c["params"]["text"]]

    [call] = api.wait_for(flash_alerts, timeout=15)
    assert call["params"]["text"].startswith("Korea's trade, the first 10 days of")
    time.sleep(2.5)  # more checks: the span is not sent again
    assert len(flash_alerts()) == 1
