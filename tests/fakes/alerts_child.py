"""A sender process for the kill -9 tests: drains the outbox into a file, one line a message.

    python alerts_child.py DB RECORDS MARKER MODE KILL_AT

`FileBot` plays Telegram: a message counts as delivered once its line is in RECORDS.
Before each send it appends the send's number to MARKER (so the parent knows the
previous message is settled) and waits a little, like a network round trip.

MODE `between`: wait 0.2 s before recording, so a parent that kills us after seeing
marker KILL_AT + 1 kills between two sends. MODE `window`: kill ourselves right after
recording message KILL_AT, before the sender can mark it sent (the one window an
at-least-once outbox answers with a duplicate). MODE `finish`: send everything, fast.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from types import SimpleNamespace
from typing import Any

from kortrade.bot.alerts import deliver_pending
from kortrade.data import outbox
from kortrade.data.store import open_store


class FileBot:
    def __init__(self, records: str, marker: str, mode: str, kill_at: int) -> None:
        self.records, self.marker, self.mode, self.kill_at = records, marker, mode, kill_at
        self.sends = 0

    async def send_message(self, chat_id: int, text: str, **_: Any) -> Any:
        self.sends += 1
        with open(self.marker, "a") as handle:
            handle.write(f"{self.sends}\n")
        await asyncio.sleep(0.2 if self.mode == "between" else 0.001)
        with open(self.records, "a") as handle:
            handle.write(f"{chat_id}\n")
            handle.flush()
            os.fsync(handle.fileno())
        if self.mode == "window" and self.sends == self.kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return SimpleNamespace(message_id=self.sends)


async def _main(db: str, records: str, marker: str, mode: str, kill_at: int) -> None:
    store = open_store(db)
    outbox.recover_interrupted(store)
    bot = FileBot(records, marker, mode, kill_at)
    while True:
        stats = await deliver_pending(
            bot, store, limit=100, render=lambda d: f"alert {d.period}", concurrency=1
        )
        if stats.attempted == 0:
            return


if __name__ == "__main__":
    db, records, marker, mode, kill_at = sys.argv[1:6]
    asyncio.run(_main(db, records, marker, mode, int(kill_at)))
