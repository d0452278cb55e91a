"""What a store's questions share until its data changes: vocabulary, keys, newest month.

Kept in the store's cache (`Store.memo`), so it is dropped with the series when an
ingest changes figures, names or sources, and rebuilt on the next question.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kortrade.data.digest import SourceRef
from kortrade.data.series import HEADLINE_KEY, SeriesKey
from kortrade.intents import Vocabulary

if TYPE_CHECKING:
    from kortrade.data.store import Store

__all__ = ["StoreView", "store_view"]


@dataclass
class StoreView:
    """One store's shared reads; `sources` fills as source rows are first looked up."""

    vocabulary: Vocabulary
    keys: frozenset[SeriesKey]
    latest: str | None
    sources: dict[str, SourceRef] = field(default_factory=dict)


def store_view(store: Store) -> StoreView:
    def build() -> StoreView:
        keys = frozenset(store.series_keys())
        return StoreView(Vocabulary.from_rows(store.names()), keys, store.series(HEADLINE_KEY).last)

    return store.memo("store_view", build)
