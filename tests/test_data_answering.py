"""Which series answers a key: a stored one as stored; the balance completed by customs
exports minus imports, for the world and for a partner (China's, never stored, is derived
whole)."""

from __future__ import annotations

import pytest

from kortrade.data.answering import answering_series
from kortrade.data.series import Series, SeriesKey
from kortrade.data.store import Store


def balance_series(store: Store, partner: str = "world") -> Series:
    found = answering_series(store, SeriesKey("balance", "all", partner))
    assert found is not None
    return found


def _levels(rows, flow: str, basis: str, partner: str = "world") -> dict[str, float]:
    return {
        r["period"]: float(r["value_usd_mn"])
        for r in rows
        if (r["flow"], r["product"], r["partner"], r["basis"]) == (flow, "all", partner, basis)
        and r["value_usd_mn"]
    }


@pytest.mark.parametrize("partner", ["world", "china"])
def test_customs_months_get_exports_minus_imports(
    shipped_store: Store, dataset_rows, partner: str
) -> None:
    exports = _levels(dataset_rows, "export", "customs", partner)
    imports = _levels(dataset_rows, "import", "customs", partner)
    customs = balance_series(shipped_store, partner).customs
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


def test_a_partner_balance_is_derived_whole_and_labelled_as_its_own(
    shipped_store: Store, dataset_rows
) -> None:
    assert not _levels(dataset_rows, "balance", "release", "china")  # never stored
    china = balance_series(shipped_store, "china")
    assert china.key == SeriesKey("balance", "all", "china")
    assert not china.release and china.customs


def test_a_stored_series_answers_as_stored_and_an_unknown_one_not_at_all(
    shipped_store: Store,
) -> None:
    key = SeriesKey("export", "semiconductors")
    assert answering_series(shipped_store, key) is shipped_store.series(key)
    assert answering_series(shipped_store, SeriesKey("export", "bananas")) is None
