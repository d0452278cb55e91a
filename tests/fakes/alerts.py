"""Doubles for the alerts tests: a scripted in-process bot, and TEST-ONLY month rows.

`ScriptedBot` stands in for `telegram.Bot.send_message` without any network: a test
queues the errors a chat's next sends raise (`RetryAfter`, `Forbidden`, `TimedOut`...)
and reads back what was accepted.

`test_month_rows` builds rows for a month that is NOT in the shipped dataset by copying
the structure and values of a real month under a new period. They are test data only,
for proving that a newly ingested month reaches subscribers; they are ingested into
temporary stores and never shipped.

`LATEST_MONTH` (the newest month with exports, real figures) and `NEW_MONTH` (the month
after it, never shipped) are derived from the dataset in `data_facts` and re-exported
here, so the alerts tests keep working as the dataset grows month by month.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from data_facts import LATEST_MONTH, NEW_MONTH

__all__ = ["LATEST_MONTH", "NEW_MONTH", "Accepted", "ScriptedBot", "test_month_rows"]


@dataclass(frozen=True, slots=True)
class Accepted:
    chat_id: int
    text: str
    thread_id: int | None
    message_id: int


@dataclass
class ScriptedBot:
    """`send_message` that raises each chat's scripted errors first, then accepts."""

    accepted: list[Accepted] = field(default_factory=list)
    attempts: Counter[int] = field(default_factory=Counter)
    script: dict[int, list[BaseException]] = field(default_factory=dict)
    fail_always: dict[int, BaseException] = field(default_factory=dict)
    latency: float = 0.0
    in_flight: int = 0
    max_in_flight: int = 0

    def fail(self, chat_id: int, *errors: BaseException) -> None:
        self.script.setdefault(chat_id, []).extend(errors)

    async def send_message(
        self, chat_id: int, text: str, message_thread_id: int | None = None, **_: Any
    ) -> Any:
        self.attempts[chat_id] += 1
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.latency)
        finally:
            self.in_flight -= 1
        if chat_id in self.fail_always:
            raise self.fail_always[chat_id]
        queued = self.script.get(chat_id)
        if queued:
            raise queued.pop(0)
        accepted = Accepted(chat_id, text, message_thread_id, 1000 + len(self.accepted))
        self.accepted.append(accepted)
        return accepted

    def received(self) -> Counter[int]:
        return Counter(item.chat_id for item in self.accepted)


def test_month_rows(
    dataset_rows: Iterable[dict[str, str]], *, like: str, period: str
) -> list[dict[str, str]]:
    """TEST DATA: the rows of real month `like`, relabelled as `period` (not a real figure)."""
    rows = [dict(row, period=period) for row in dataset_rows if row["period"] == like]
    if not rows:
        raise ValueError(f"no shipped rows for {like}")
    return rows


test_month_rows.__test__ = False  # type: ignore[attr-defined]  # not a pytest test
