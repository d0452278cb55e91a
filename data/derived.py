"""Series computed from stored ones, never stored themselves: the one place such a rule lives.

The trade balance's history is completed with customs balances (customs exports minus
customs imports of the same month): the store keeps only the ministry's release balance
(from November 2018, with gaps), which left customs-only months without a balance and
cut every surplus streak and record short ("records here begin November 2018"). Both
levels are Korea Customs Service's final figures of one vintage, so their difference is
the customs balance itself, not a mix of vintages; it is the latest vintage, which
history prefers, as for exports and imports. The month's release balance, when stored,
still answers the headline, and replies label the customs one "exports minus imports".
The digest and question replies both read it here, so they never tell two streaks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kortrade.data.series import Figure, Series, SeriesKey

if TYPE_CHECKING:
    from kortrade.data.store import Store

__all__ = ["balance_series"]

# The store hands out the same Series objects until its data changes: keyed by their
# identities, the completed balance is built once per data version, and its history
# (cached by identity in `kortrade.data.history`) once too.
_balance_cache: dict[tuple[int, int, int], tuple[Series, Series, Series, Series]] = {}


def _customs_balance(exports: Series, imports: Series) -> dict[str, Figure]:
    out: dict[str, Figure] = {}
    for period, export in exports.customs.items():
        imported = imports.customs.get(period)
        if export.value_usd_mn is None or imported is None or imported.value_usd_mn is None:
            continue
        value = round(export.value_usd_mn - imported.value_usd_mn, 3)
        out[period] = Figure(period, "customs", value, None, export.source, export.published_on)
    return out


def balance_series(store: Store) -> Series:
    """The release balance, with customs balances (exports minus imports) as its
    customs vintage (see the module doc)."""
    key = SeriesKey("balance")
    release, exports, imports = (
        store.series(key),
        store.series(SeriesKey("export")),
        store.series(SeriesKey("import")),
    )
    ids = (id(release), id(exports), id(imports))
    cached = _balance_cache.get(ids)
    if cached is not None and cached[:3] == (release, exports, imports):
        return cached[3]
    customs = {**_customs_balance(exports, imports), **release.customs}
    completed = Series(key, release=release.release, customs=customs)
    _balance_cache.clear()
    _balance_cache[ids] = (release, exports, imports, completed)
    return completed
