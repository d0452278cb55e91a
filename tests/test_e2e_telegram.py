"""End to end over real HTTP: `python -m kortrade run` as a subprocess, long-polling a
`FakeBotApi` on 127.0.0.1, with a private copy of the shipped store.

One bot process serves the conversation tests (they run in file order and share it);
the start-up failures get short processes of their own. Expected figures come from
the shipped CSV.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bot_support import stated_growth
from fakes import FakeBotApi, group_chat, private_chat, user
from fakes.process import TOKEN, bot_env, stop_process

from kortrade.bot.texts import COMMANDS, say
from kortrade.data.store import Store, open_store
from kortrade.data.subscriptions import list_topics

pytestmark = pytest.mark.e2e

ANN = user(101, "Ann")
BOB = user(102, "Bob")
DESK = group_chat(-100111, "Trade desk")
BOT = "kortrade_test_bot"


def _run(tmp: Path, **env: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "kortrade", "run"]
    return subprocess.run(
        command, cwd=tmp, env=bot_env(tmp, **env), capture_output=True, text=True, timeout=30
    )


@dataclass
class RunningBot:
    api: FakeBotApi
    process: subprocess.Popen[bytes]
    log: Path
    db: Path

    def stop(self) -> int:
        return stop_process(self.process)


@pytest.fixture(scope="module")
def running(shipped_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningBot]:
    tmp = tmp_path_factory.mktemp("e2e")
    shutil.copyfile(shipped_store.path, tmp / "kortrade.db")
    log = tmp / "bot.log"
    with FakeBotApi() as api, open(log, "wb") as sink:
        env = bot_env(tmp, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=api.base_url)
        process = subprocess.Popen(
            [sys.executable, "-m", "kortrade", "run"],
            cwd=tmp,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
        bot = RunningBot(api, process, log, tmp / "kortrade.db")
        try:
            api.wait_for(lambda: "ko" in api.commands, timeout=20)
            yield bot
        finally:
            bot.stop()


def _reply_to(api: FakeBotApi, message: dict) -> dict | None:
    """The bot's answer to `message`: in a group it quotes it, in private it comes after it."""
    for call in api.sent(chat_id=message["chat"]["id"], method="sendMessage"):
        quoted = (call["params"].get("reply_parameters") or {}).get("message_id")
        private = message["chat"]["type"] == "private"
        later = call["result"]["message_id"] > message["message_id"]
        if later and (private or quoted == message["message_id"]):
            return call
    return None


def _answer(api: FakeBotApi, message: dict) -> str:
    call = api.wait_for(lambda: _reply_to(api, message), timeout=15)
    return call["params"]["text"]


def test_menus_are_set_in_english_and_korean(running: RunningBot):
    public = [command for command in COMMANDS if not command.admin]
    assert [c["command"] for c in running.api.commands[""]] == [c.name for c in public]
    assert [c["description"] for c in running.api.commands["ko"]] == [c.ko for c in public]


def test_start_is_answered(running: RunningBot):
    message = running.api.push_text(private_chat(ANN), ANN, "/start")
    assert _answer(running.api, message) == say("start", "en")


def test_a_question_is_answered_with_the_stored_figure(running: RunningBot, dataset_rows):
    question = "semiconductor exports January 2021"
    message = running.api.push_text(private_chat(ANN), ANN, question)
    assert stated_growth(dataset_rows, "2021-01", "semiconductors") in _answer(running.api, message)


def test_group_chatter_is_ignored_and_a_mention_is_answered(running: RunningBot, dataset_rows):
    api = running.api
    chatter = api.push_text(DESK, BOB, "semiconductor exports January 2021")
    mention = api.push_text(DESK, BOB, f"@{BOT} semiconductor exports January 2021")
    assert stated_growth(dataset_rows, "2021-01", "semiconductors") in _answer(api, mention)
    assert _reply_to(api, chatter) is None  # updates are handled in order


def test_group_subscribe_is_for_administrators(running: RunningBot):
    api = running.api
    api.set_member_status(DESK["id"], BOB["id"], "member")
    api.set_member_status(DESK["id"], ANN["id"], "administrator")
    refused = api.push_text(DESK, BOB, f"/subscribe@{BOT} semiconductors")
    assert _answer(api, refused) == say("admins_only", "en")
    accepted = api.push_text(DESK, ANN, "/subscribe semiconductors")
    where = say("this_chat", "en")
    assert _answer(api, accepted) == say("subscribed", "en", where=where, topic="semiconductors")
    store = open_store(running.db)
    try:
        assert list_topics(store, DESK["id"]) == ["semiconductors"]
    finally:
        store.close()


def test_sigterm_stops_the_bot_cleanly_and_the_log_never_holds_the_token(running: RunningBot):
    assert running.stop() == 0
    log = running.log.read_text(encoding="utf-8", errors="replace")
    assert TOKEN not in log
    assert TOKEN.split(":")[1] not in log
    assert "Traceback" not in log


@pytest.mark.parametrize("token", ["not-a-token", "123:short"])
def test_a_malformed_token_is_one_line_without_a_traceback(tmp_path: Path, token: str):
    done = _run(tmp_path, TELEGRAM_BOT_TOKEN=token)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "TELEGRAM_BOT_TOKEN" in done.stderr
    assert token not in done.stderr + done.stdout


def test_a_token_telegram_refuses_is_one_line_without_a_traceback(
    tmp_path: Path, shipped_store: Store
):
    shutil.copyfile(shipped_store.path, tmp_path / "kortrade.db")
    with FakeBotApi(token="999999:the-only-token-this-server-knows") as api:
        done = _run(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=api.base_url)
    assert done.returncode == 1
    assert done.stderr.startswith("kortrade: Telegram refused") and done.stderr.count("\n") == 1
    assert TOKEN not in done.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _post(url: str, update: dict, secret: str | None) -> int:
    """POST an update as Telegram would; retried while the webhook server is still starting."""
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(url, json.dumps(update).encode(), headers)
    deadline = time.monotonic() + 15
    while True:
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code
        except urllib.error.URLError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_webhook_mode_answers_only_updates_that_carry_its_secret(
    tmp_path: Path, shipped_store: Store
):
    shutil.copyfile(shipped_store.path, tmp_path / "kortrade.db")
    port = _free_port()
    hook_url = f"http://127.0.0.1:{port}/kortrade-hook"
    with FakeBotApi() as api, open(tmp_path / "bot.log", "wb") as sink:
        env = bot_env(
            tmp_path,
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_BASE_URL=api.base_url,
            KORTRADE_WEBHOOK_URL=hook_url,
            KORTRADE_WEBHOOK_PORT=str(port),
        )
        process = subprocess.Popen(
            [sys.executable, "-m", "kortrade", "run"],
            cwd=tmp_path,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
        bot = RunningBot(api, process, tmp_path / "bot.log", tmp_path / "kortrade.db")
        try:
            [registered] = api.wait_for(lambda: api.sent(method="setWebhook"), timeout=20)
            assert registered["params"]["url"] == hook_url
            message = api.push_text(private_chat(ANN), ANN, "/start")
            assert api.take_updates()  # delivered by webhook, not by getUpdates
            update = {"update_id": 1, "message": message}
            assert _post(hook_url, update, secret="forged") == 403
            assert _post(hook_url, update, registered["params"]["secret_token"]) == 200
            assert _answer(api, message) == say("start", "en")
        finally:
            assert bot.stop() == 0
