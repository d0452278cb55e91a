"""Fan-out benchmark: one release to many chats through the outbox, over real HTTP.

Run: .venv/bin/python benchmarks/bench_fanout.py [--chats 10000] [--shaped 600] [--full]

1. Unshaped: `--chats` subscribers, the rate limiter and the sender's pacer set far above
   Telegram's limit, against the loopback FakeBotApi running in ANOTHER process (so the
   CPU figure is the sender's alone). Prints messages/s and sender CPU per message
   (`time.process_time()` of this process / messages), and checks every chat got one.
2. Shaped: `--shaped` subscribers at Telegram's limits (AIORateLimiter defaults, pacer at
   30 msg/s); the measured rate is extrapolated to `--chats` and compared with the ideal
   chats / 30 s. `--full` runs the shaped fan-out for all `--chats` instead (about 333 s
   for 10,000).

Everything lives in a temporary folder: a store built from the shipped dataset, the
chats are synthetic ids, and the month broadcast is a real shipped month.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from aiolimiter import AsyncLimiter
from telegram.ext import AIORateLimiter, ExtBot
from telegram.request import HTTPXRequest

from kortrade.bot.alerts import (
    BROADCAST_RATE,
    DeliveryStats,
    RetryPolicy,
    deliver_pending,
    digest_renderer,
)
from kortrade.data import outbox, subscriptions
from kortrade.data.store import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:BENCH-ONLY-abcdefghijklmnopqrstuvwxyz"
PERIOD = "2026-07"  # a shipped month with a full release, so the digest is the long one
CONCURRENCY = 16
#: A network error is retried after a fraction of a second here, not the production 10 s.
FAST_RETRY = RetryPolicy(base_delay=0.2, max_delay=1.0)
_SERVER = f"""
import sys
sys.path.insert(0, {str(ROOT / "tests")!r})
from http.server import ThreadingHTTPServer
ThreadingHTTPServer.request_queue_size = 1024  # the default 5 resets bursts of connects
from fakes.botapi import FakeBotApi
api = FakeBotApi().start()
print(api.base_url, flush=True)
sys.stdin.read()
print(sum(call["ok"] for call in api.sent(method="sendMessage")), flush=True)
api.stop()
"""


@dataclass
class Run:
    chats: int
    seconds: float
    cpu: float
    accepted: int
    retried: int

    @property
    def rate(self) -> float:
        return self.chats / self.seconds


def _subscribe(store: Store, chats: int) -> None:
    for chat_id in range(1, chats + 1):
        subscriptions.subscribe(store, chat_id, "all", chat_type="private")
    queued = outbox.enqueue_release(store, PERIOD)
    assert queued == chats, queued


def _left(store: Store) -> int:
    query = "SELECT COUNT(*) FROM deliveries WHERE status IN ('pending', 'sending')"
    return int(store.db.execute(query).fetchone()[0])


async def _fan_out(
    store: Store, base_url: str, *, shaped: bool
) -> tuple[float, float, DeliveryStats]:
    if shaped:
        limiter, pacer = AIORateLimiter(max_retries=2), AsyncLimiter(BROADCAST_RATE, 1)
    else:
        limiter = AIORateLimiter(overall_max_rate=1e6, group_max_rate=1e6, max_retries=2)
        pacer = None
    request = HTTPXRequest(connection_pool_size=CONCURRENCY * 2)
    bot = ExtBot(TOKEN, base_url=base_url, request=request, rate_limiter=limiter)
    await bot.initialize()
    render = digest_renderer(store)
    total = DeliveryStats()
    started, cpu = time.perf_counter(), time.process_time()
    try:
        while _left(store):
            stats = await deliver_pending(
                bot, store, limit=1000, pacer=pacer, render=render, concurrency=CONCURRENCY,
                policy=FAST_RETRY,
            )  # fmt: skip
            total.add(stats)
            if stats.attempted == 0:
                await asyncio.sleep(0.05)  # only retries not yet due are left
    finally:
        elapsed, used = time.perf_counter() - started, time.process_time() - cpu
        await bot.shutdown()
    return elapsed, used, total


def _run(folder: Path, chats: int, *, shaped: bool) -> Run:
    path = folder / f"{'shaped' if shaped else 'fast'}-{chats}.db"
    store = open_store(path)
    _subscribe(store, chats)
    server = subprocess.Popen(
        [sys.executable, "-c", _SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        base_url = server.stdout.readline().strip()  # type: ignore[union-attr]
        seconds, cpu, stats = asyncio.run(_fan_out(store, base_url, shaped=shaped))
        accepted, _ = server.communicate("", timeout=60)
    finally:
        if server.poll() is None:
            server.kill()
    sent = store.db.execute("SELECT COUNT(*) FROM deliveries WHERE status = 'sent'").fetchone()[0]
    if sent != chats:
        print(store.db.execute("SELECT status, error, COUNT(*) FROM deliveries "
                               "WHERE status != 'sent' GROUP BY 1, 2").fetchall())  # fmt: skip
    assert sent == chats == int(accepted), (sent, chats, accepted)
    store.close()
    return Run(chats, seconds, cpu, int(accepted), stats.retried)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=10_000)
    parser.add_argument("--shaped", type=int, default=600, help="chats for the shaped run")
    parser.add_argument("--full", action="store_true", help="shape the full fan-out too")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("httpx").setLevel(logging.WARNING)

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, {platform.system()}")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="kortrade-fanout-") as tmp:
        folder = Path(tmp)
        fast = _run(folder, args.chats, shaped=False)
        print(f"unshaped: {fast.chats} chats in {fast.seconds:.1f} s = {fast.rate:.0f} msg/s; "
              f"sender CPU {fast.cpu / fast.chats * 1000:.2f} ms/message; "
              f"{fast.accepted} accepted, each chat once ({fast.retried} retries)")  # fmt: skip
        shaped_chats = args.chats if args.full else args.shaped
        shaped = _run(folder, shaped_chats, shaped=True)
        ideal = args.chats / BROADCAST_RATE
        if args.full:
            estimate, how = shaped.seconds, "measured"
        else:
            # The pacer's bucket starts full: 30 messages go at once, then 30 a second.
            steady = (shaped.chats - BROADCAST_RATE) / shaped.seconds
            estimate = (args.chats - BROADCAST_RATE) / steady
            how = f"extrapolated from {shaped.chats} chats, {steady:.2f} msg/s after the burst"
        print(f"shaped at {BROADCAST_RATE:.0f} msg/s: {shaped.chats} chats in "
              f"{shaped.seconds:.1f} s = {shaped.rate:.2f} msg/s "
              f"({shaped.retried} retries)")  # fmt: skip
        off = 100 * (estimate / ideal - 1)
        print(f"time to reach {args.chats} chats: {estimate:.1f} s ({how}); "
              f"ideal {ideal:.1f} s; {off:+.1f}% (target: within 5%)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
