"""Test doubles shared by the bot and alerts tests: a Bot API server of our own."""

from .botapi import FakeBotApi
from .telegram_objects import BOT_ID, BOT_USERNAME, channel_chat, group_chat, private_chat, user
from .transport import FakeRequest

__all__ = [
    "BOT_ID",
    "BOT_USERNAME",
    "FakeBotApi",
    "FakeRequest",
    "channel_chat",
    "group_chat",
    "private_chat",
    "user",
]
