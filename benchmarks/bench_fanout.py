"""Fan-out benchmark: one release to many chats through the outbox, over real HTTP.

Run: .venv/bin/python benchmarks/bench_fanout.py [--chats 10000] [--shaped 600] [--full]
     [--rate 1000] [--idle 20]

The Bot API peer is `tests/fakes/botapi.py` in ANOTHER process (keep-alive HTTP/1.1 on
127.0.0.1), so the CPU figures are the bot's alone; its own CPU per request is printed
too, to show it is not the bottleneck.

1. Sender CPU: `--chats` subscribers, limiter and pacer far above Telegram's, the paid
   pace (chunks of 50, 100 sends in flight) and the free pace (one commit per message,
   8 in flight). Prints msg/s and sender CPU per alert (`getrusage` CPU / alerts).
2. Free mode: `--shaped` subscribers at Telegram's free limits (AIORateLimiter defaults,
   pacer at 30 msg/s); the rate is extrapolated to `--chats` and compared with the ideal
   chats / 30 s. `--full` sends all `--chats` instead (about 333 s for 10,000).
3. Paid mode, release day end to end: the real application (`build_application` with
   KORTRADE_PAID_BROADCAST=1 at `--rate`, its JobQueue running), `--chats` subscribers;
   a month is ingested by ANOTHER process, which prints the time of its commit; the fake
   stamps each message's arrival. Prints commit -> first and -> last alert, and checks
   every chat got the month exactly once with `allow_paid_broadcast`.
4. Detection when nothing changes: the same application idle for `--idle` s, its process
   CPU scaled to an hour (the release check once a second, the drain every 2 s), and one
   `PRAGMA data_version` read.

Everything lives in a temporary folder: a store built from the shipped dataset, synthetic
chat ids, and for step 3 a month of TEST DATA (PERIOD's rows relabelled as the month
after the newest shipped one, `tests/fakes/alerts.py`), never shipped.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import gc
import json
import logging
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from aiolimiter import AsyncLimiter
from telegram.ext import ExtBot

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from data_facts import NEW_MONTH  # noqa: E402
from fakes.alerts import test_month_rows  # noqa: E402

from kortrade.bot.alerts import (  # noqa: E402
    BROADCAST_RATE,
    DeliveryStats,
    Pace,
    RetryPolicy,
    deliver_pending,
    digest_renderer,
)
from kortrade.bot.app import build_application  # noqa: E402
from kortrade.bot.ratelimit import PerChatFloodLimiter  # noqa: E402
from kortrade.bot.transport import AiohttpRequest  # noqa: E402
from kortrade.config import Settings  # noqa: E402
from kortrade.data import outbox, subscriptions  # noqa: E402
from kortrade.data.ingest import COLUMNS  # noqa: E402
from kortrade.data.store import Store, open_store  # noqa: E402

TOKEN = "123456:BENCH-ONLY-abcdefghijklmnopqrstuvwxyz"
PERIOD = "2026-07"  # a shipped month with a full release, so the digest is the long one
#: A network error is retried after a fraction of a second here, not the production 10 s.
FAST_RETRY = RetryPolicy(base_delay=0.2, max_delay=1.0)
_SERVER = f"""
import json, resource, sys
sys.path.insert(0, {str(ROOT / "tests")!r})
from fakes.botapi import FakeBotApi
api = FakeBotApi().start()
print(api.base_url, flush=True)
def cpu_now():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
cpu = cpu_now()
sys.stdin.read()
cpu = cpu_now() - cpu
calls = api.sent(method="sendMessage")
ok = [call for call in calls if call["ok"]]
print(json.dumps({{
    "accepted": len(ok), "calls": len(api.calls), "cpu": cpu,
    "first": min((c["at"] for c in ok), default=0), "last": max((c["at"] for c in ok), default=0),
    "most_per_chat": max(api.accepted.values(), default=0),
    "paid": sum(api.paid.values()),
}}), flush=True)
api.stop()
"""
_INGEST = """
import sys, time
from kortrade.data.ingest import ingest_file
from kortrade.data.store import open_store
ingest_file(open_store(sys.argv[1]), sys.argv[2])
print(time.time())  # the ingest's transaction has committed
"""


def _cpu() -> float:
    """User + system CPU seconds of this process and all its threads."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Peer:
    """The fake Bot API in a child process; `finish()` returns what it recorded."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _SERVER],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        self.base_url = self.process.stdout.readline().strip()  # type: ignore[union-attr]

    def finish(self) -> dict[str, float]:
        try:
            out, _ = self.process.communicate("", timeout=120)
        finally:
            if self.process.poll() is None:
                self.process.kill()
        return json.loads(out.strip().splitlines()[-1])


@dataclass
class Run:
    chats: int
    seconds: float
    cpu: float
    retried: int
    peer: dict[str, float]

    @property
    def rate(self) -> float:
        return self.chats / self.seconds


def _subscribe(store: Store, chats: int) -> None:
    for chat_id in range(1, chats + 1):
        subscriptions.subscribe(store, chat_id, "all", chat_type="private")


def _count(store: Store, status: str, period: str | None = None) -> int:
    query = "SELECT COUNT(*) FROM deliveries WHERE status = ? AND period = COALESCE(?, period)"
    return int(store.db.execute(query, [status, period]).fetchone()[0])


def _left(store: Store) -> int:
    return _count(store, "pending") + _count(store, "sending")


async def _fan_out(store: Store, base_url: str, pace: Pace, *, shaped: bool) -> tuple:
    # The bot's own limiter (bot/app.py): Telegram's limits, or far above them unshaped.
    if shaped:
        limiter, pacer = PerChatFloodLimiter(max_retries=2), AsyncLimiter(pace.rate, 1)
    else:
        limiter = PerChatFloodLimiter(overall_max_rate=1e6, group_max_rate=1e6, max_retries=2)
        pacer = None
    request = AiohttpRequest(connection_pool_size=pace.concurrency)
    bot = ExtBot(TOKEN, base_url=base_url, request=request, rate_limiter=limiter)
    await bot.initialize()
    render = digest_renderer(store)
    total = DeliveryStats()
    gc.collect()
    gc.freeze()  # as the bot does after start-up (bot/app.py): full collections skip imports
    started, cpu = time.perf_counter(), _cpu()
    try:
        while _left(store):
            stats = await deliver_pending(
                bot, store, limit=1000, pacer=pacer, render=render, concurrency=pace.concurrency,
                policy=FAST_RETRY, batch=pace.batch, paid=pace.paid,
            )  # fmt: skip
            total.add(stats)
            if stats.attempted == 0:
                await asyncio.sleep(0.05)  # only retries not yet due are left
    finally:
        elapsed, used = time.perf_counter() - started, _cpu() - cpu
        await bot.shutdown()
    return elapsed, used, total


def _run(folder: Path, chats: int, pace: Pace, *, shaped: bool, name: str) -> Run:
    store = open_store(folder / f"{name}-{chats}.db")
    _subscribe(store, chats)
    assert outbox.enqueue_release(store, PERIOD) == chats
    peer = Peer()
    seconds, cpu, stats = asyncio.run(_fan_out(store, peer.base_url, pace, shaped=shaped))
    recorded = peer.finish()
    sent = _count(store, "sent")
    store.close()
    assert sent == chats == recorded["accepted"] and recorded["most_per_chat"] == 1, recorded
    return Run(chats, seconds, cpu, stats.retried, recorded)


async def _wait(predicate: object, timeout: float, step: float = 0.01) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise TimeoutError("the benchmark's release did not complete")
        await asyncio.sleep(step)


async def _release_day(folder: Path, chats: int, rate: float, idle: float) -> dict[str, float]:
    """Paid mode end to end; also the idle cost of the running application's checks."""
    path = folder / "release-day.db"
    store = open_store(path)
    _subscribe(store, chats)
    rows = test_month_rows(_dataset_rows(), like=PERIOD, period=NEW_MONTH)  # the long digest
    month = folder / f"TEST-DATA-not-real-{NEW_MONTH}.csv"
    with open(month, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    peer = Peer()
    settings = Settings(
        db_path=path, telegram_token=TOKEN, telegram_api_base_url=peer.base_url,
        paid_broadcast=True, broadcast_rate=rate,
    )  # fmt: skip
    app = build_application(settings, store)
    figures: dict[str, float] = {}
    try:
        await app.initialize()
        await app.start()
        baseline = "SELECT 1 FROM outbox_state WHERE key = 'ingest_cursor'"
        await _wait(lambda: store.db.execute(baseline).fetchone(), 20)
        await asyncio.sleep(2)  # let start-up work settle before measuring the idle loop
        cpu = _cpu()
        await asyncio.sleep(idle)
        figures["idle_cpu_per_hour"] = (_cpu() - cpu) / idle * 3600
        cpu = _cpu()  # from here on: the release, from detection to the end
        ingest = await asyncio.create_subprocess_exec(
            sys.executable, "-c", _INGEST, str(path), str(month), stdout=subprocess.PIPE
        )
        out, _ = await ingest.communicate()
        assert ingest.returncode == 0
        figures["committed"] = float(out.split()[-1])
        await _wait(lambda: _count(store, "sent", NEW_MONTH) == chats, 120, step=0.05)
        figures["bot_cpu"] = _cpu() - cpu
    finally:
        if app.running:
            await app.stop()
        await app.shutdown()
        figures |= peer.finish()
        store.close()
    return figures


def _dataset_rows() -> list[dict[str, str]]:
    with open(ROOT / "data" / "dataset" / "trade_monthly.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _data_version_read(store: Store, n: int = 100_000) -> float:
    started = time.perf_counter()
    for _ in range(n):
        outbox.data_version(store)
    return (time.perf_counter() - started) / n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=10_000)
    parser.add_argument("--shaped", type=int, default=600, help="chats for the free run")
    parser.add_argument("--full", action="store_true", help="send the free fan-out in full")
    parser.add_argument("--rate", type=float, default=1000.0, help="paid rate, msg/s")
    parser.add_argument("--idle", type=float, default=20.0, help="seconds of idle checks")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, {platform.system()}, "
          f"load {os.getloadavg()[0]:.1f}")  # fmt: skip
    paid, free = Pace.of(args.rate, paid=True), Pace.of(BROADCAST_RATE)
    with tempfile.TemporaryDirectory(prefix="kortrade-fanout-") as tmp:
        folder = Path(tmp)
        for label, pace in (("paid pace", paid), ("free pace", free)):
            fast = _run(folder, args.chats, pace, shaped=False, name="cpu-" + label.split()[0])
            peer_us = fast.peer["cpu"] / fast.peer["calls"] * 1e6
            print(f"sender CPU, {label} ({pace.concurrency} in flight, {pace.batch} per "
                  f"commit): {fast.chats} chats in {fast.seconds:.1f} s = {fast.rate:.0f} "
                  f"msg/s; {fast.cpu / fast.chats * 1000:.3f} ms CPU per alert; each chat "
                  f"once; the fake peer used {peer_us:.0f} µs CPU per request "
                  f"(~{1e6 / peer_us:.0f} req/s on one core)")  # fmt: skip

        shaped_chats = args.chats if args.full else args.shaped
        shaped = _run(folder, shaped_chats, free, shaped=True, name="shaped")
        ideal = args.chats / BROADCAST_RATE
        if args.full:
            estimate, how = shaped.seconds, "measured"
        else:
            # The pacer's bucket starts full: 30 messages go at once, then 30 a second.
            steady = (shaped.chats - BROADCAST_RATE) / shaped.seconds
            estimate = (args.chats - BROADCAST_RATE) / steady
            how = f"extrapolated from {shaped.chats} chats, {steady:.2f} msg/s after the burst"
        off = 100 * (estimate / ideal - 1)
        print(f"free mode at {BROADCAST_RATE:.0f} msg/s: {args.chats} chats in {estimate:.1f} s "
              f"({how}); ideal {ideal:.1f} s; {off:+.1f}% (target: within 5%)")  # fmt: skip

        day = asyncio.run(_release_day(folder, args.chats, args.rate, args.idle))
        first, last = day["first"] - day["committed"], day["last"] - day["committed"]
        assert day["accepted"] == day["paid"] == args.chats and day["most_per_chat"] == 1, day
        print(f"paid mode at {args.rate:.0f} msg/s, ingest committed by another process: "
              f"first alert {first:.2f} s later (target ≤ 2), last of {args.chats} "
              f"{last:.2f} s later (target ≤ 15); every chat exactly once, all with "
              f"allow_paid_broadcast; bot CPU {day['bot_cpu'] / args.chats * 1000:.3f} ms per "
              f"alert (detection, queueing, rendering and sending)")  # fmt: skip
        store = open_store(folder / "release-day.db")
        read = _data_version_read(store)
        store.close()
        print(f"detection when nothing changes: the running bot's idle CPU "
              f"{day['idle_cpu_per_hour']:.1f} s per hour (check every 1 s, drain every 2 s, "
              f"measured over {args.idle:.0f} s); one PRAGMA data_version read "
              f"{read * 1e6:.1f} µs ({read * 3600 * 1000:.1f} ms per hour at one a second)"
              )  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
