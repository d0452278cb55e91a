"""The balance's history: the release balance, completed by customs exports minus imports."""

from __future__ import annotations

import pytest

from kortrade.data.derived import balance_series
from kortrade.data.store import Store


def _levels(rows, flow: str, basis: str) -> dict[str, float]:
    return {
        r["period"]: float(r["value_usd_mn"])
        for r in rows
        if (r["flow"], r["product"], r["partner"], r["basis"]) == (flow, "all", "world", basis)
        and r["value_usd_mn"]
    }


def test_customs_months_get_exports_minus_imports(shipped_store: Store, dataset_rows) -> None:
    exports = _levels(dataset_rows, "export", "customs")
    imports = _levels(dataset_rows, "import", "customs")
    customs = balance_series(shipped_store).customs
    both = sorted(set(exports) & set(imports))
    assert both and sorted(customs) == both
    for period in both:
        assert customs[period].value_usd_mn == pytest.approx(exports[period] - imports[period])
        assert customs[period].yoy_pct is None  # a balance has no growth to state


def test_release_balances_stay_as_the_release_stated_them(
    shipped_store: Store, dataset_rows
) -> None:
    release = balance_series(shipped_store).release
    stated = _levels(dataset_rows, "balance", "release")
    assert {p: f.value_usd_mn for p, f in release.items() if f.value_usd_mn is not None} == stated


def test_the_derived_series_is_built_once_per_data_version(shipped_store: Store) -> None:
    assert balance_series(shipped_store) is balance_series(shipped_store)
