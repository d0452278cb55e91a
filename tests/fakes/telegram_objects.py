"""Telegram objects as the Bot API sends them (plain dicts), for tests to push.

Only the fields PTB needs to parse them, plus what the bot reads.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "ADMIN_RIGHTS",
    "BOT_ID",
    "BOT_USERNAME",
    "GIFT_TYPES",
    "channel_chat",
    "group_chat",
    "marked_entities",
    "private_chat",
    "user",
]

BOT_ID = 7000001
BOT_USERNAME = "kortrade_test_bot"

ADMIN_RIGHTS = {  # the fields every ChatMemberAdministrator must carry
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": False,
    "can_manage_video_chats": False,
    "can_restrict_members": False,
    "can_promote_members": False,
    "can_change_info": False,
    "can_invite_users": False,
    "can_post_stories": False,
    "can_edit_stories": False,
    "can_delete_stories": False,
}
GIFT_TYPES = {
    "unlimited_gifts": False,
    "limited_gifts": False,
    "unique_gifts": False,
    "premium_subscription": False,
    "gifts_from_channels": False,
}
_COMMAND_OR_MENTION = re.compile(r"^/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?|@[A-Za-z0-9_]{3,}")


def user(id: int, first_name: str = "Ann", *, username: str | None = None, lang: str = "en"):
    """A Telegram user as the Bot API sends it."""
    found = {"id": id, "is_bot": False, "first_name": first_name, "language_code": lang}
    return found | ({"username": username} if username else {})


def private_chat(of: dict[str, Any]) -> dict[str, Any]:
    return {"id": of["id"], "type": "private", "first_name": of["first_name"]}


def group_chat(id: int, title: str = "Trade desk", *, forum: bool = False, username=None):
    """A supergroup (negative id), optionally a forum with topics."""
    chat = {"id": id, "type": "supergroup", "title": title}
    return (
        chat | ({"is_forum": True} if forum else {}) | ({"username": username} if username else {})
    )


def channel_chat(id: int, title: str, username: str) -> dict[str, Any]:
    return {"id": id, "type": "channel", "title": title, "username": username}


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def marked_entities(text: str) -> list[dict[str, Any]]:
    """bot_command and mention entities as Telegram marks them (offsets in UTF-16 units)."""
    found = []
    for match in _COMMAND_OR_MENTION.finditer(text):
        kind = "bot_command" if match.group().startswith("/") else "mention"
        offset = _utf16_len(text[: match.start()])
        found.append({"type": kind, "offset": offset, "length": _utf16_len(match.group())})
    return found
