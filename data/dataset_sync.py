"""Take a newer compiled dataset (the shared `data/` folder) into the package, checked first.

`make dataset` (or `python -m kortrade.data.dataset_sync [SHARED_DIR]`) copies
trade_monthly.csv, flash.csv and sources.csv from the folder the dataset is compiled in.
Before anything is copied, the candidate files are built into a scratch store through
the very `load_dataset` -> `ingest_file` path a user's store takes, with the package's
names.csv: so every row's source exists, every product and partner slug is in names.csv,
no key appears twice, and every value is well formed, or the copy is refused with the
file, line and reason (a new slug means a names.csv row to write first). Checking with
the real ingest instead of a second set of rules means the two can never disagree.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from kortrade.data.store import DATASET_DIR, build_from_dataset
from kortrade.errors import UserError

__all__ = ["COMPILED_FILES", "SHARED_DIR", "differing", "sync"]

#: The files compiled outside the package; names.csv and release_layout.csv are ours.
COMPILED_FILES: tuple[str, ...] = ("trade_monthly.csv", "flash.csv", "sources.csv")
#: Where the compiled dataset lives beside a checkout (`../shared/data`).
SHARED_DIR = Path(__file__).resolve().parents[2] / "shared" / "data"


def differing(shared: Path = SHARED_DIR, package: Path = DATASET_DIR) -> list[str]:
    """The compiled files whose package copy differs from `shared`'s (or is missing)."""
    return [
        name
        for name in COMPILED_FILES
        if not (package / name).exists()
        or not filecmp.cmp(shared / name, package / name, shallow=False)
    ]


def sync(shared: Path = SHARED_DIR, package: Path = DATASET_DIR) -> list[str]:
    """Check `shared`'s files by building a scratch store from them; copy the ones that
    differ. Returns their names; raises UserError (file and line) when a check fails."""
    missing = [name for name in COMPILED_FILES if not (shared / name).is_file()]
    if missing:
        raise UserError(f"{shared}: missing {', '.join(missing)}")
    changed = differing(shared, package)
    with tempfile.TemporaryDirectory(prefix="kortrade-dataset-") as scratch:
        candidate = Path(scratch) / "dataset"
        shutil.copytree(package, candidate)
        for name in COMPILED_FILES:
            shutil.copyfile(shared / name, candidate / name)
        build_from_dataset(Path(scratch) / "check.db", candidate)
    for name in changed:
        shutil.copyfile(shared / name, package / name)
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kortrade.data.dataset_sync", description=__doc__.splitlines()[0]
    )
    parser.add_argument("shared", nargs="?", type=Path, default=SHARED_DIR)
    args = parser.parse_args(argv)
    try:
        changed = sync(args.shared)
    except UserError as exc:
        print(f"dataset_sync: {exc}", file=sys.stderr)
        return 1
    print(f"copied {', '.join(changed)}" if changed else "the package's dataset is current")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
