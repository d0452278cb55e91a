"""Which series answers a key: the one rule the resolver, the charts and the digest share.

A stored series answers its own key. The trade balance's history is completed with
customs balances (customs exports minus customs imports of the same month): the store
keeps only the ministry's release balance (from November 2018, with gaps), which left
customs-only months without a balance and cut every surplus streak and record short
("records here begin November 2018"). Both levels are Korea Customs Service's final
figures of one vintage, so their difference is the customs balance itself, not a mix of
vintages; it is the latest vintage, which history prefers, as for exports and imports.
The month's release balance, when stored, still answers the headline, and replies label
the customs one "exports minus imports".

A partner's balance (China's turned from surplus to deficit in 2023) is the same rule:
no release balance is stored for partners, so its customs exports minus customs imports
is its whole history, for the months where both customs levels exist.

Which vintage answers a month inside a series is `kortrade.data.history`'s rule.
Because a reply's text, its chart and the digest all read the series here, a chart
draws every month its text answers (a 2005 balance; 2026's months with customs only).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from kortrade.data.series import Figure, Series, SeriesKey

if TYPE_CHECKING:
    from kortrade.data.store import Store

__all__ = ["answering_series"]


def answering_series(
    store: Store, key: SeriesKey, keys: Collection[SeriesKey] | None = None
) -> Series | None:
    """The series that answers `key` (see the module doc), or None when it has no figure.

    `keys` (the store's series keys, when the caller holds them) spares a read of a
    series that is not stored.
    """
    stored = store.series_keys() if keys is None else keys
    if key.flow == "balance" and key.product == "all":
        sides = (SeriesKey("export", "all", key.partner), SeriesKey("import", "all", key.partner))
        if key in stored or all(side in stored for side in sides):
            found = store.memo(("balance", key.partner), lambda: _balance(store, key.partner))
            return found or None
    if key not in stored:
        return None
    return store.series(key) or None


def _customs_balance(exports: Series, imports: Series) -> dict[str, Figure]:
    out: dict[str, Figure] = {}
    for period, export in exports.customs.items():
        imported = imports.customs.get(period)
        if export.value_usd_mn is None or imported is None or imported.value_usd_mn is None:
            continue
        value = round(export.value_usd_mn - imported.value_usd_mn, 3)
        out[period] = Figure(period, "customs", value, None, export.source, export.published_on)
    return out


def _balance(store: Store, partner: str) -> Series:
    """The release balance with `partner`, with customs balances (exports minus
    imports) as its customs vintage."""
    key = SeriesKey("balance", "all", partner)
    release, exports, imports = (
        store.series(key),
        store.series(SeriesKey("export", "all", partner)),
        store.series(SeriesKey("import", "all", partner)),
    )
    customs = {**_customs_balance(exports, imports), **release.customs}
    return Series(key, release=release.release, customs=customs)
