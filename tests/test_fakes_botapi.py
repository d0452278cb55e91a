"""The loopback Bot API server other tests rely on: PTB's own client sees Telegram's
errors, files and members as it would from the real service."""

from __future__ import annotations

import pytest
from fakes import BOT_ID, FakeBotApi, FakeRequest, private_chat, user
from telegram import Bot
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter

TOKEN = "123456:TEST-ONLY-abcdefghijklmnopqrstuvwxyz"


@pytest.fixture
async def bot_and_api():
    api = FakeBotApi()
    bot = Bot(TOKEN, request=FakeRequest(api))
    await bot.initialize()
    yield bot, api
    await bot.shutdown()


@pytest.mark.parametrize(
    "failure,raised",
    [
        ({"error_code": 429, "description": "Too Many Requests", "retry_after": 3}, RetryAfter),
        ({"description": "Bad Request: upgraded", "migrate_to_chat_id": -1009}, ChatMigrated),
        ({"error_code": 403, "description": "Forbidden: bot was blocked by the user"}, Forbidden),
        ({"description": "Bad Request: chat not found"}, BadRequest),
    ],
)
async def test_injected_failures_reach_ptb_as_telegrams_errors(bot_and_api, failure, raised):
    bot, api = bot_and_api
    api.fail_next("sendMessage", chat_id=5, **failure)
    with pytest.raises(raised):
        await bot.send_message(5, "first")
    await bot.send_message(5, "second")  # count=1: the next call succeeds
    assert api.accepted[5] == 1
    assert [call["ok"] for call in api.sent(chat_id=5)] == [False, True]


async def test_a_failure_for_one_chat_leaves_the_others_alone(bot_and_api):
    bot, api = bot_and_api
    api.fail_next("sendMessage", chat_id=5, error_code=403, description="Forbidden", count=2)
    await bot.send_message(6, "other chat")
    for _ in range(2):
        with pytest.raises(Forbidden):
            await bot.send_message(5, "blocked")
    await bot.send_message(5, "unblocked")
    assert api.accepted == {6: 1, 5: 1}


async def test_members_default_to_member_and_follow_set_member_status(bot_and_api):
    bot, api = bot_and_api
    api.add_chat(private_chat(user(7, "Ann")))
    assert (await bot.get_chat_member(7, 8)).status == "member"
    api.set_member_status(7, BOT_ID, "administrator", can_post_messages=True)
    me = await bot.get_chat_member(7, BOT_ID)
    assert (me.status, me.can_post_messages) == ("administrator", True)


async def test_over_http_uploads_and_downloads_round_trip():
    with FakeBotApi() as api:
        ann = user(7, "Ann")
        api.push_document(private_chat(ann), ann, file_name="a.csv", content=b"period\n")
        [update] = api.take_updates()
        async with Bot(TOKEN, base_url=api.base_url, base_file_url=api.file_base_url) as bot:
            await bot.send_photo(7, b"\x89PNG fake", caption="chart", message_thread_id=3)
            file = await bot.get_file(update["message"]["document"]["file_id"])
            downloaded = await file.download_as_bytearray()
    [photo] = api.sent(chat_id=7, method="sendPhoto")
    assert photo["files"]["photo"] == b"\x89PNG fake"
    assert photo["result"]["message_thread_id"] == 3
    assert bytes(downloaded) == b"period\n"
