"""What tests need to know about the shipped dataset, read from it rather than typed.

`trade_monthly.csv` grows every month: new months are appended, figures revised, gaps
filled, items added. A test that needs "the newest month", "a month after the data",
"a day when the newest month is out" or "a month a series misses" derives it here, so a
new release fails only the tests that check a figure that changed or a behaviour that
broke, never one that had typed "2026-09 is the latest" or "2026-03 is a gap".

A derivation that finds nothing (every gap filled, say) raises `LookupError` naming
the scenario: the test then needs a new scenario, which is for a human to choose.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
from collections.abc import Callable, Sequence
from typing import TypeVar

from kortrade.data.store import DATASET_DIR
from kortrade.months import add_months, month_range

__all__ = [
    "LATEST_MONTH",
    "NEW_MONTH",
    "TODAY",
    "TRADE_CSV",
    "balance_gap",
    "first_of",
    "missing_months",
    "months_where",
    "periods",
    "publisher",
    "rows",
]

TRADE_CSV = DATASET_DIR / "trade_monthly.csv"

_T = TypeVar("_T")


@functools.cache
def _rows() -> tuple[dict[str, str], ...]:
    with open(TRADE_CSV, encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


@functools.cache
def _publishers() -> dict[str, str]:
    with open(DATASET_DIR / "sources.csv", encoding="utf-8", newline="") as handle:
        return {row["id"]: row["publisher"] for row in csv.DictReader(handle)}


def publisher(source_id: str) -> str:
    """Who published a source (`sources.csv`), e.g. "Korea Customs Service"."""
    return _publishers().get(source_id, "")


def rows() -> list[dict[str, str]]:
    """The shipped rows as fresh dicts (strings as in the file), free to edit."""
    return [dict(row) for row in _rows()]


def periods(
    flow: str = "export", product: str = "all", partner: str = "world", basis: str | None = None
) -> list[str]:
    """The months a series has a row for (either basis unless `basis` is given), sorted."""
    return sorted(
        {
            row["period"]
            for row in _rows()
            if (row["flow"], row["product"], row["partner"]) == (flow, product, partner)
            and (basis is None or row["basis"] == basis)
        }
    )


def missing_months(
    flow: str = "export", product: str = "all", partner: str = "world", basis: str | None = None
) -> list[str]:
    """Gaps: months between a series' first and last row that have no row of it."""
    have = periods(flow, product, partner, basis)
    if not have:
        return []
    present = set(have)
    return [p for p in month_range(have[0], have[-1]) if p not in present]


def months_where(
    test: Callable[[dict[str, str]], bool],
    flow: str = "export",
    product: str = "all",
    partner: str = "world",
    basis: str | None = None,
) -> list[str]:
    """The months whose row of a series passes `test` (e.g. growth stated, no level)."""
    return sorted(
        {
            row["period"]
            for row in _rows()
            if (row["flow"], row["product"], row["partner"]) == (flow, product, partner)
            and (basis is None or row["basis"] == basis)
            and test(row)
        }
    )


def first_of(found: Sequence[_T], scenario: str) -> _T:
    """The first month (or case) a scenario needs; a clear error when the data has none."""
    if not found:
        raise LookupError(f"the shipped data no longer has {scenario}: choose a new scenario")
    return found[0]


def balance_gap() -> str:
    """A month inside the release balance's span with no balance row, whose customs
    exports and imports are stored: its balance is customs exports minus imports."""
    customs = set(periods(basis="customs")) & set(periods("import", basis="customs"))
    return first_of(
        [p for p in missing_months("balance") if p in customs],
        "a month without a release balance that customs covers",
    )


#: The newest month with an exports total (either basis): real figures, the headline month.
LATEST_MONTH = periods()[-1]
#: The month after it: never in the shipped data; alerts tests relabel real rows as it.
NEW_MONTH = add_months(LATEST_MONTH, 1)
#: A "today" in the month after the newest month any row describes: every stored month is
#: out (published on the 1st of the next), the next one is not, and "last month" is the
#: newest month. 2026-10-15 while the newest month is September 2026.
TODAY = dt.date.fromisoformat(add_months(max(row["period"] for row in _rows()), 1) + "-15")
