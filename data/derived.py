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

A partner's balance (China's turned from surplus to deficit in 2023) is the same rule:
no release balance is stored for partners, so its customs exports minus customs imports
is its whole history, for the months where both customs levels exist.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kortrade.data.series import Figure, Series, SeriesKey

if TYPE_CHECKING:
    from kortrade.data.store import Store

__all__ = ["balance_series"]

# The store hands out the same Series objects until its data changes: keyed by their
# identities, the completed balance is built once per data version and partner, and its
# history (cached by identity in `kortrade.data.history`) once too. One slot per partner,
# so the digest's world balance and a question's China balance do not evict each other.
_balance_cache: dict[str, tuple[Series, Series, Series, Series]] = {}


def _customs_balance(exports: Series, imports: Series) -> dict[str, Figure]:
    out: dict[str, Figure] = {}
    for period, export in exports.customs.items():
        imported = imports.customs.get(period)
        if export.value_usd_mn is None or imported is None or imported.value_usd_mn is None:
            continue
        value = round(export.value_usd_mn - imported.value_usd_mn, 3)
        out[period] = Figure(period, "customs", value, None, export.source, export.published_on)
    return out


def balance_series(store: Store, partner: str = "world") -> Series:
    """The release balance with `partner`, with customs balances (exports minus
    imports) as its customs vintage (see the module doc)."""
    key = SeriesKey("balance", "all", partner)
    release, exports, imports = (
        store.series(key),
        store.series(SeriesKey("export", "all", partner)),
        store.series(SeriesKey("import", "all", partner)),
    )
    cached = _balance_cache.get(partner)
    if cached is not None and all(
        held is fresh for held, fresh in zip(cached[:3], (release, exports, imports), strict=True)
    ):
        return cached[3]
    customs = {**_customs_balance(exports, imports), **release.customs}
    completed = Series(key, release=release.release, customs=customs)
    _balance_cache[partner] = (release, exports, imports, completed)
    return completed
