"""Drive the real `Application` offline: push updates into a `FakeBotApi`, feed them to
`Application.process_update`, and read back the Bot API calls they caused.

The handler tests use it; no socket is opened (`FakeRequest` answers in-process).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from telegram import Update
from telegram.ext import Application

from kortrade.bot.app import build_application
from kortrade.config import Settings
from kortrade.data.store import Store

from .botapi import FakeBotApi
from .process import TOKEN
from .transport import FakeRequest

__all__ = ["TOKEN", "Harness", "running_bot"]


class Harness:
    """One bot (`app`) and its Telegram (`api`)."""

    def __init__(self, app: Application, api: FakeBotApi) -> None:
        self.app = app
        self.api = api

    async def process(self) -> list[dict[str, Any]]:
        """Handle every pushed update; return the Bot API calls they caused."""
        before = len(self.api.calls)
        for data in self.api.take_updates():
            await self.app.process_update(Update.de_json(data, self.app.bot))
        return self.api.calls[before:]

    async def send(self, chat: dict, sender: dict, text: str, **kw: Any) -> list[dict[str, Any]]:
        self.api.push_text(chat, sender, text, **kw)
        return await self.process()

    async def press(self, sender: dict, data: str, message: dict) -> list[dict[str, Any]]:
        self.api.push_callback(sender, data, message=message)
        return await self.process()

    async def inline(self, sender: dict, query: str) -> list[dict[str, Any]]:
        self.api.push_inline(sender, query)
        return await self.process()

    @asynccontextmanager
    async def started(self) -> AsyncIterator[Harness]:
        """The application started: its JobQueue (release check, alerts drain) runs."""
        await self.app.start()
        try:
            yield self
        finally:
            await self.app.stop()

    async def wait_for(self, predicate: Any, timeout: float = 5.0) -> Any:
        """Let the jobs run until `predicate()` is truthy; AssertionError on timeout."""
        deadline = asyncio.get_running_loop().time() + timeout
        while not (value := predicate()):
            assert asyncio.get_running_loop().time() < deadline, "timed out"
            await asyncio.sleep(0.01)
        return value

    @staticmethod
    def texts(calls: list[dict[str, Any]], method: str = "sendMessage") -> list[str]:
        return [call["params"]["text"] for call in calls if call["method"] == method]


@asynccontextmanager
async def running_bot(
    store: Store, *, admins: frozenset[int] = frozenset(), **settings_: Any
) -> AsyncIterator[Harness]:
    """An initialised bot on `store`, talking to a fresh in-process FakeBotApi; `settings_`
    are more `Settings` fields (paid_broadcast=True, ...). Its jobs run only inside
    `Harness.started()`."""
    api = FakeBotApi()
    settings = Settings(db_path=store.path, telegram_token=TOKEN, admins=admins, **settings_)
    app = build_application(settings, store, request=FakeRequest(api))
    await app.initialize()
    try:
        yield Harness(app, api)
    finally:
        await app.shutdown()
