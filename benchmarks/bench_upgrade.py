"""Shipped-dataset upgrade benchmark: what `open_store` pays for checking the dataset's digests.

Run: .venv/bin/python benchmarks/bench_upgrade.py [--repeat 50] [--months 2]

Prints the cost of opening an up-to-date store (digest check included), the digest check
alone, and one upgrade of a store built from the shipped dataset without its newest
`--months` headline months (as an older package would have shipped it). Everything lives in
a temporary folder; only real shipped rows are used.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from kortrade.data.shipped import SHIPPED_FILES
from kortrade.data.store import DATASET_DIR, open_store


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def _older_dataset(folder: Path, months: int) -> int:
    """The shipped dataset minus its newest `months` headline months; returns rows left out."""
    for name in SHIPPED_FILES:
        shutil.copyfile(DATASET_DIR / name, folder / name)
    with open(DATASET_DIR / "trade_monthly.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    headline = sorted(
        {
            r["period"]
            for r in rows
            if (r["flow"], r["product"], r["partner"]) == ("export", "all", "world")
        }
    )
    newest = set(headline[-months:])
    kept = [r for r in rows if r["period"] not in newest]
    with open(folder / "trade_monthly.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(kept)
    return len(rows) - len(kept)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--months", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        current = base / "current.db"
        open_store(current).close()
        opens = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            open_store(current).close()
            opens.append(_ms(started))
        digests = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            for name in SHIPPED_FILES:
                hashlib.sha256((DATASET_DIR / name).read_bytes()).hexdigest()
            digests.append(_ms(started))
        size = sum((DATASET_DIR / name).stat().st_size for name in SHIPPED_FILES)
        older = base / "older"
        older.mkdir()
        left_out = _older_dataset(older, args.months)
        upgrades = []
        for run in range(min(args.repeat, 5)):
            path = base / f"old-{run}.db"
            open_store(path, dataset_dir=older).close()
            started = time.perf_counter()
            open_store(path).close()
            upgrades.append(_ms(started))
    print(f"open_store, store up to date:  median {statistics.median(opens):.2f} ms")
    print(
        f"digest of the shipped files:   median {statistics.median(digests):.2f} ms "
        f"({size / 1e6:.2f} MB)"
    )
    print(
        f"open_store with an upgrade:    median {statistics.median(upgrades):.1f} ms "
        f"({left_out} rows in {args.months} new months)"
    )


if __name__ == "__main__":
    main()
