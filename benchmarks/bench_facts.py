"""Facts and digest benchmark on the shipped store: prints figures, asserts nothing.

Run: .venv/bin/python benchmarks/bench_facts.py [--repeat 200]

- month_facts on the longest series (exports since 1990: 439 months, both bases);
- rank of every export item to the world for one month;
- build_digest + digest_text for a month (series cached by the store, as in the bot);
- every month's digest, 1990-01..2026-10, in both languages (the worst case a
  broadcast or a test sweep pays).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kortrade.bot.replies.digest import digest_text
from kortrade.data.digest import build_digest
from kortrade.data.facts import month_facts, rank
from kortrade.data.series import SeriesKey
from kortrade.data.store import open_store
from kortrade.months import month_range


def _time(label: str, repeat: int, call: Callable[[], object]) -> None:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95 = samples[int(len(samples) * 0.95) - 1] if len(samples) >= 20 else samples[-1]
    print(
        f"{label:<48} median {statistics.median(samples):8.3f} ms   p95 {p95:8.3f} ms"
        f"   ({repeat} runs)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "kortrade.db")
        exports = store.series(SeriesKey("export"))
        items = [
            store.series(k)
            for k in store.series_keys(flow="export", partner="world")
            if k.product != "all" and not k.product.startswith("hs")
        ]
        print(f"python {sys.version.split()[0]}; exports series: {len(exports.periods)} months")
        _time("month_facts(exports, 2021-01)", args.repeat, lambda: month_facts(exports, "2021-01"))
        _time(f"rank({len(items)} items, 2021-01)", args.repeat, lambda: rank(items, "2021-01"))
        _time(
            "build_digest + digest_text (2021-01, en)",
            args.repeat,
            lambda: digest_text(build_digest(store, "2021-01")),
        )
        months = list(month_range("1990-01", "2026-10"))

        def sweep() -> None:
            for period in months:
                digest = build_digest(store, period)
                digest_text(digest, "en")
                digest_text(digest, "ko")

        _time(f"every month's digest, en+ko ({len(months)} months)", 1, sweep)
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
