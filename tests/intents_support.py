"""Shared by the intents tests: the shipped vocabulary read with the csv module (no SQLite)."""

from __future__ import annotations

import csv
import datetime as dt
import functools
from pathlib import Path

from kortrade.intents import Vocabulary

DATASET = Path(__file__).resolve().parent.parent / "data" / "dataset"
NAMES_CSV = DATASET / "names.csv"
TRADE_CSV = DATASET / "trade_monthly.csv"
# A fixed "today" for relative periods: 2026-10-15, so "last month" is 2026-09.
TODAY = dt.date(2026, 10, 15)


def names_rows() -> list[dict[str, str]]:
    with open(NAMES_CSV, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@functools.cache
def shipped_vocabulary() -> Vocabulary:
    return Vocabulary.from_rows(names_rows())
