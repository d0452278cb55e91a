"""The bot's HTTP transport over real loopback HTTP: what the Bot API receives, uploads,
one kept-alive pool, and transport failures as the errors PTB's callers expect."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator

import pytest
from fakes import FakeBotApi
from fakes.process import TOKEN
from telegram.error import NetworkError, TimedOut
from telegram.ext import ExtBot

from kortrade.bot.transport import AiohttpRequest


@pytest.fixture
def api() -> AsyncIterator[FakeBotApi]:
    with FakeBotApi() as served:
        yield served


async def _bot(base_url: str, **request: float) -> ExtBot:
    bot = ExtBot(TOKEN, base_url=base_url, request=AiohttpRequest(**request))  # type: ignore[arg-type]
    await bot.initialize()
    return bot


async def test_a_message_arrives_whole_with_every_parameter(api: FakeBotApi) -> None:
    bot = await _bot(api.base_url)
    text = "반도체 수출: 전년 동월 대비 21.7% 증가 & more + = ?\n" * 40
    message = await bot.send_message(chat_id=5, text=text, allow_paid_broadcast=True)
    await bot.shutdown()
    [call] = api.sent(method="sendMessage")
    assert call["params"]["text"] == text and message.text == text
    assert call["params"]["allow_paid_broadcast"] is True and api.paid[5] == 1


async def test_a_photo_is_uploaded_as_multipart(api: FakeBotApi) -> None:
    bot = await _bot(api.base_url)
    await bot.send_photo(chat_id=5, photo=b"\x89PNG\r\n\x1a\nfake", caption="exports")
    await bot.shutdown()
    [call] = api.sent(method="sendPhoto")
    assert call["files"]["photo"] == b"\x89PNG\r\n\x1a\nfake"
    assert call["params"]["caption"] == "exports"


async def test_requests_reuse_the_pools_connections(api: FakeBotApi) -> None:
    bot = await _bot(api.base_url, connection_pool_size=2)
    for chat_id in range(20):
        await bot.send_message(chat_id=chat_id, text="hi")
    await bot.shutdown()
    assert api.connections <= 2  # getMe and 20 messages over at most two connections


async def test_a_server_that_is_not_there_is_a_network_error() -> None:
    with socket.socket() as probe:  # a free port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    request = AiohttpRequest()
    await request.initialize()
    with pytest.raises(NetworkError, match=r"aiohttp\.ClientConnectorError"):
        await request.post(f"http://127.0.0.1:{port}/bot{TOKEN}/getMe")
    await request.shutdown()


async def test_a_slow_answer_is_timed_out() -> None:
    with FakeBotApi(delay=0.5) as slow:
        bot = await _bot(slow.base_url)
        with pytest.raises(TimedOut):
            await bot.send_message(chat_id=5, text="hi", read_timeout=0.1)
        await bot.shutdown()
