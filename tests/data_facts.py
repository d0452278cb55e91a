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

from kortrade.data.digest import MAJOR_ITEMS
from kortrade.data.store import DATASET_DIR
from kortrade.months import add_months, month_range

__all__ = [
    "LATEST_MONTH",
    "NEW_MONTH",
    "NEW_SOURCE",
    "TODAY",
    "TRADE_CSV",
    "balance_gap",
    "customs_press_month",
    "first_of",
    "growth_only_month",
    "hs_stand_in_month",
    "level_from_customs",
    "levels_only_month",
    "levels_without_growth",
    "many_missing_month",
    "missing_months",
    "months_where",
    "no_breakdown_month",
    "no_daily_average_month",
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
    return months_where(lambda row: True, flow, product, partner, basis)


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


#: The newest month with an exports total (either basis): real figures, the headline month.
LATEST_MONTH = periods()[-1]
#: The month after it: never in the shipped data; alerts tests relabel real rows as it.
NEW_MONTH = add_months(LATEST_MONTH, 1)
#: A "today" in the month after the newest month any row describes: every stored month is
#: out (published on the 1st of the next), the next one is not, and "last month" is the
#: newest month (the 15th of October when the newest month is September).
TODAY = dt.date.fromisoformat(add_months(max(row["period"] for row in _rows()), 1) + "-15")


@functools.cache
def _by_month() -> dict[str, tuple[dict[str, str], ...]]:
    months: dict[str, list[dict[str, str]]] = {}
    for row in _rows():
        months.setdefault(row["period"], []).append(row)
    return {period: tuple(found) for period, found in months.items()}


def _has(period: str, basis: str | None = None, **match: str) -> bool:
    return any(
        all(row[k] == v for k, v in match.items()) and basis in (None, row["basis"])
        for row in _by_month().get(period, ())
    )


def _export_items(period: str, basis: str) -> dict[str, dict[str, str]]:
    """Export item rows to the world (no totals, no HS codes) of one basis."""
    return {
        row["product"]: row
        for row in _by_month().get(period, ())
        if (row["flow"], row["partner"], row["basis"]) == ("export", "world", basis)
        and row["product"] != "all"
        and not row["product"].startswith("hs")
    }


def _export_releases() -> list[str]:
    return periods(basis="release")


# -- scenario months: each the first month the data gives for it ---------------------------


def balance_gap() -> str:
    """A month inside the release balance's span with no balance row, whose customs
    exports and imports are stored: its balance is customs exports minus imports."""
    customs = set(periods(basis="customs")) & set(periods("import", basis="customs"))
    return first_of(
        [p for p in missing_months("balance") if p in customs],
        "a month without a release balance that customs covers",
    )


def growth_only_month() -> str:
    """The release states export growth only; customs has the level."""
    return first_of(
        [
            p
            for p in months_where(
                lambda r: bool(r["yoy_pct"] and not r["value_usd_mn"]), basis="release"
            )
            if _has(p, "customs", flow="export", product="all", partner="world")
        ],
        "a release month stating export growth only, with a customs level",
    )


def customs_press_month() -> str:
    """The month's release figures are the Korea Customs Service's press release."""
    return first_of(
        months_where(lambda r: "Customs" in publisher(r["source"]), basis="release"),
        "a month whose release is the customs press release",
    )


def no_breakdown_month() -> str | None:
    """A release month with no item or destination figure at all (HS codes aside).

    None since customs figures by country cover every month from 2000: tests of that
    wording drop out until such a month is stored again.
    """
    found = [
        p
        for p in _export_releases()
        if not any(
            (r["product"], r["partner"]) != ("all", "world") and not r["product"].startswith("hs")
            for r in _by_month()[p]
        )
    ]
    return found[0] if found else None


def hs_stand_in_month() -> str | None:
    """A release month without semiconductors but with HS 8542, and HS 8542 a year
    earlier to compute its growth from (None once every such month has its chips line)."""
    found = [
        p
        for p in _export_releases()
        if not _has(p, flow="export", product="semiconductors", partner="world")
        and _has(p, flow="export", product="hs8542", partner="world")
        and _has(add_months(p, -12), flow="export", product="hs8542", partner="world")
    ]
    return found[0] if found else None


def no_daily_average_month() -> str:
    """A release month without a daily average."""
    return first_of(
        [p for p in _export_releases() if not _has(p, flow="export_daily_avg")],
        "a release month without a daily average",
    )


def levels_without_growth(period: str) -> dict[str, float]:
    """Items with a customs level and no growth that month: no release row of theirs, no
    customs row a year earlier to compute it from."""
    released = {row["product"] for row in _by_month().get(period, ()) if row["basis"] == "release"}
    before = _export_items(add_months(period, -12), "customs")
    return {
        product: float(row["value_usd_mn"])
        for product, row in _export_items(period, "customs").items()
        if row["value_usd_mn"] and product not in released and product not in before
    }


def levels_only_month() -> str:
    """A month with two or more items with customs levels and no growth."""
    return first_of(
        [p for p in sorted(_by_month()) if len(levels_without_growth(p)) >= 2],
        "a month with customs item levels and no growth",
    )


def level_from_customs() -> tuple[str, str]:
    """(month, item): the release states growth without a level, customs has the level."""
    return first_of(
        [
            (p, product)
            for p in _export_releases()
            for product, row in _export_items(p, "release").items()
            if not row["value_usd_mn"]
            and (_export_items(p, "customs").get(product) or {}).get("value_usd_mn")
        ],
        "an item level the release lacks and customs gives",
    )


def many_missing_month() -> str:
    """A release month with some major items stored and more than eight missing."""

    def missing(period: str) -> int:
        return len(set(MAJOR_ITEMS) - set(_export_items(period, "release")))

    return first_of(
        [p for p in _export_releases() if _export_items(p, "release") and missing(p) > 8],
        "a release month missing more than eight major items",
    )


#: Metadata of a source not in sources.csv (not a figure): figures citing it in the tests
#: are real dataset rows, re-cited.
NEW_SOURCE = {
    "id": "motie-press-probe",
    "publisher": "Ministry of Trade, Industry and Energy",
    "title": "Export and import trends (press release)",
    "url": "https://www.motie.go.kr/",
    "via": "typed from the press release",
}
