"""Test doubles shared by the bot and alerts tests: a loopback Bot API server."""

from .botapi import (
    FakeBotApi,
    FakeRequest,
    channel_chat,
    group_chat,
    private_chat,
    user,
)

__all__ = ["FakeBotApi", "FakeRequest", "channel_chat", "group_chat", "private_chat", "user"]
