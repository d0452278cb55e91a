"""Chart rendering benchmark on the shipped store: prints figures, asserts nothing.

Run: .venv/bin/python benchmarks/bench_charts.py [--repeat 20]

- cold: the first chart in a fresh process (imports matplotlib, loads fonts);
- warm: later charts, as the running bot draws them (target: <= 300 ms);
  one series over 12 months, two series over 24 months, exports since 1990.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from kortrade.answer import ChartRequest
from kortrade.bot.charts import chart_png
from kortrade.data.series import SeriesKey
from kortrade.data.store import open_store

_CASES = {
    "1 series x 12 months (semiconductors)": ChartRequest(
        (SeriesKey("export", "semiconductors"),), "2021-01", "2021-12", "Semiconductors"
    ),
    "2 series x 24 months (chips vs autos)": ChartRequest(
        (SeriesKey("export", "semiconductors"), SeriesKey("export", "automobiles")),
        "2020-01",
        "2021-12",
        "Semiconductors vs automobiles",
    ),
    "1 series x 439 months (exports since 1990)": ChartRequest(
        (SeriesKey("export"),), "1990-01", "2026-07", "Exports"
    ),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "kortrade.db")
        first = next(iter(_CASES.values()))
        started = time.perf_counter()
        size = len(chart_png(store, first) or b"")
        cold_ms = 1000 * (time.perf_counter() - started)
        print(f"{'cold (first chart, imports matplotlib)':<48} {cold_ms:8.1f} ms   ({size} bytes)")
        for label, request in _CASES.items():
            samples = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                chart_png(store, request)
                samples.append((time.perf_counter() - started) * 1000)
            print(
                f"{'warm ' + label:<48} {statistics.median(samples):8.1f} ms median"
                f"   max {max(samples):7.1f} ms   ({args.repeat} runs)"
            )
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
