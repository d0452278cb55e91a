"""PTB's `AIORateLimiter`, except that Telegram's flood control holds back only the
request it answered.

Telegram answers 429 with `retry_after` for one chat (a group's 20 messages a minute, a
chat's one a second). `AIORateLimiter` answers it by pausing *every* request of the bot
until the wait is over, so one busy group stalled the whole alert fan-out and every
reply. Here the request that met it waits and retries (up to `max_retries`), and the
others go on under the same overall and per-group limits. `rate_limit_args=NO_RETRY`
asks for no retry at all: the alert sender passes it and reschedules that chat's row
itself, so its worker moves on to the next chat.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram._utils.types import JSONDict
from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter

__all__ = ["NO_RETRY", "PerChatFloodLimiter", "retry_seconds"]

logger = logging.getLogger(__name__)

#: `rate_limit_args` for a request that must not wait out flood control (alerts). Not 0:
#: ExtBot drops a falsy `rate_limit_args`, so 0 would mean "the default retries".
NO_RETRY = -1


def retry_seconds(exc: RetryAfter) -> float:
    """The wait Telegram asked for, in seconds."""
    # PTB >= 22.2 keeps a timedelta in `_retry_after`; the public property warns that its
    # type will change, so read the stable one when it is there.
    value = getattr(exc, "_retry_after", None)
    if value is None:
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


class PerChatFloodLimiter(AIORateLimiter):
    """AIORateLimiter whose RetryAfter wait holds back only the request that met it."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        retries = self._max_retries if rate_limit_args is None else max(0, rate_limit_args)
        chat_id = data.get("chat_id")
        with contextlib.suppress(ValueError, TypeError):
            chat_id = int(chat_id)  # type: ignore[arg-type]
        # As AIORateLimiter: negative ids and @usernames are groups and channels.
        is_group = (isinstance(chat_id, int) and chat_id < 0) or isinstance(chat_id, str)
        group: int | str | bool = chat_id if is_group else False  # type: ignore[assignment]
        for attempt in range(retries + 1):
            try:
                return await self._run_request(
                    chat=chat_id is not None,
                    group=group,
                    allow_paid_broadcast=bool(data.get("allow_paid_broadcast", False)),
                    callback=callback,
                    args=args,
                    kwargs=kwargs,
                )
            except RetryAfter as exc:
                if attempt == retries:
                    raise
                wait = retry_seconds(exc) + 0.1
                logger.info("flood control for chat %s: retrying in %.1fs", chat_id, wait)
                await asyncio.sleep(wait)
        raise AssertionError("unreachable: the loop returns or raises")
