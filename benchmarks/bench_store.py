"""Store benchmark: first build, bulk ingest, and cold per-series-month reads at 5M rows.

Run: .venv/bin/python benchmarks/bench_store.py [--rows 1000000] [--total 5000000]

All synthetic figures live under generated `hs` codes in a temporary folder and are
deleted at the end: they exist only to load the store, never to be shipped or shown.

Before the reads are timed, the set-up's leftovers are collected and everything alive is
frozen out of the garbage collector's sight (`gc.freeze()`), as a long-running bot should
do after start-up: otherwise a full collection now and then walks the whole start-up
heap (tens of milliseconds) inside some unlucky read. Collections that still happen
during the reads are counted and printed beside the latencies.
"""

from __future__ import annotations

import argparse
import csv
import gc
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kortrade.data.ingest import COLUMNS, ingest_file
from kortrade.data.series import Series, SeriesKey
from kortrade.data.store import DATASET_DIR, Store, open_store
from kortrade.months import from_index, to_index

#: Partners for the synthetic series: every partner slug the vocabulary knows.
PARTNERS = sorted(
    row["slug"]
    for row in csv.DictReader((DATASET_DIR / "names.csv").open(encoding="utf-8"))
    if row["kind"] == "partner"
)
FIRST_MONTH = to_index("1990-01")
MONTHS = [from_index(FIRST_MONTH + i) for i in range(439)]  # 1990-01..2026-07


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def _size(path: Path) -> str:
    total = sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())
    return f"{total / 1e6:.1f} MB"


def _write_synthetic(path: Path, count: int) -> None:
    """`count` customs rows over generated HS codes x 16 partners x 2 flows x 439 months."""
    rng = random.Random(20260801)
    written = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        code = 0
        while written < count:
            product = f"hs{900000 + code:06d}"
            code += 1
            for flow in ("export", "import"):
                for partner in PARTNERS:
                    for period in MONTHS:
                        value = f"{rng.uniform(0, 5000):.3f}"
                        yoy = f"{rng.uniform(-60, 90):.1f}" if rng.random() < 0.5 else ""
                        writer.writerow(
                            (period, flow, product, partner, value, yoy, "customs",
                             "kcs-nitemtrade-8542", "")
                        )  # fmt: skip
                        written += 1
                        if written == count:
                            return


def _grow_to(store: Store, total: int) -> float:
    """Copy the synthetic rows under new HS codes with set-based SQL until `total` rows."""
    conn = store.db.conn
    started = time.perf_counter()
    round_ = 1
    while (have := conn.execute("SELECT count(*) FROM figures").fetchone()[0]) < total:
        conn.execute(
            "INSERT INTO figures (flow, product, partner, basis, period, value_usd_mn, yoy_pct, "
            "source, published_on, ingested_at, ingest_id, is_current) "
            "SELECT flow, 'hs' || (CAST(substr(product, 3) AS INTEGER) + ?), partner, basis, "
            "period, value_usd_mn, yoy_pct, source, published_on, ingested_at, ingest_id, 1 "
            "FROM figures WHERE product GLOB 'hs9[0-9][0-9][0-9][0-9][0-9]' "
            "AND is_current = 1 LIMIT ?",
            (1000 * 2 ** (round_ - 1), total - have),
        )
        conn.commit()
        round_ += 1
    return time.perf_counter() - started


class _Collections:
    """Garbage collections seen while timing (gc.callbacks): how many, the longest."""

    def __init__(self) -> None:
        self.times: list[tuple[int, float]] = []
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.times.append((info["generation"], time.perf_counter() - self._started))

    def summary(self) -> str:
        if not self.times:
            return "no garbage collection"
        full = sum(1 for generation, _ in self.times if generation == 2)
        longest = max(took for _, took in self.times)
        return f"{len(self.times)} collections ({full} full), longest {_ms(longest)}"


def _latencies(store: Store, samples: list[tuple[SeriesKey, str]], work: Callable) -> list[float]:
    out = []
    for key, period in samples:
        store.clear_cache()
        started = time.perf_counter()
        work(store.series(key), period)
        out.append(time.perf_counter() - started)
    return out


def _nothing(series: Series, period: str) -> None:
    return None


def _month_facts() -> Callable[[Series, str], object] | None:
    try:
        from kortrade.data.facts import month_facts
    except ImportError:
        return None
    return month_facts


def _report(label: str, times: list[float], collections: _Collections) -> None:
    times = sorted(times)
    p50 = statistics.median(times)
    p99 = times[min(len(times) - 1, round(len(times) * 0.99))]
    print(
        f"  {label}: p50 {_ms(p50)}, p99 {_ms(p99)}, max {_ms(times[-1])} (n={len(times)}; "
        f"{collections.summary()})"
    )
    collections.times.clear()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows to ingest")
    parser.add_argument("--total", type=int, default=5_000_000, help="figures for reads")
    parser.add_argument("--samples", type=int, default=2000, help="cold reads to time")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    print(
        f"python {sys.version.split()[0]}, sqlite {__import__('sqlite3').sqlite_version}, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}"
    )

    with tempfile.TemporaryDirectory(prefix="kortrade-bench-") as folder:
        base = Path(folder)

        started = time.perf_counter()
        shipped = open_store(base / "shipped.db")
        built = time.perf_counter() - started
        rows = shipped.db.execute("SELECT count(*) FROM figures").fetchone()[0]
        print(f"build from shipped CSV: {built:.2f} s, {rows} figures, {_size(shipped.path)}")
        shipped.close()

        csv_path = base / "synthetic.csv"
        started = time.perf_counter()
        _write_synthetic(csv_path, args.rows)
        print(
            f"generate {args.rows:,} synthetic rows: {time.perf_counter() - started:.1f} s "
            f"({csv_path.stat().st_size / 1e6:.0f} MB CSV, not timed below)"
        )

        store = open_store(base / "big.db")
        for label in ("new rows (validation included)", "rows again (all unchanged)"):
            started, cpu = time.perf_counter(), time.process_time()
            report = ingest_file(store, csv_path)
            took, cpu = time.perf_counter() - started, time.process_time() - cpu
            print(
                f"ingest_file {args.rows:,} {label}: {took:.2f} s wall ({cpu:.2f} s CPU), "
                f"{args.rows / took:,.0f} rows/s; {report.summary().split(' (')[0]}"
            )

        grow = _grow_to(store, args.total)
        count = store.db.execute("SELECT count(*) FROM figures").fetchone()[0]
        print(
            f"grow to {count:,} figures with set-based INSERT..SELECT (not ingest): {grow:.1f} s, "
            f"{_size(store.path)}"
        )
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

        rng = random.Random(7)
        keys = store.series_keys()
        samples = [(rng.choice(keys), rng.choice(MONTHS)) for _ in range(args.samples)]
        print(
            f"cold Store.series(key) + month facts, {len(keys):,} series, cache cleared per read:"
        )
        gc.collect()
        gc.freeze()
        collections = _Collections()
        gc.callbacks.append(collections)
        _report("series(key)", _latencies(store, samples, _nothing), collections)
        facts = _month_facts()
        label = "series(key) + month_facts(series, period)" if facts else "series(key) only"
        if facts is None:
            print("  kortrade.data.facts.month_facts not available: timing series() only")
            facts = _nothing
        _report(label, _latencies(store, samples, facts), collections)
        headline = [(SeriesKey("export"), p) for p in MONTHS[-24:]] * (args.samples // 24)
        _report(
            f"headline export/all/world: {label}",
            _latencies(store, headline, facts),
            collections,
        )
        gc.callbacks.remove(collections)
        gc.unfreeze()
        store.close()
    print(f"load average at the end: {os.getloadavg()[0]:.2f} (other work on the box inflates p99)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
