"""What a store's questions share until its data changes: vocabulary, keys, newest month.

`token` is the store's exports Series object: the store hands out the same object until
its content changes and then drops every cached read at once, so "is it still the same
object" is a free freshness check for the names, keys and newest month.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kortrade.data.digest import SourceRef
from kortrade.data.series import HEADLINE_KEY, SeriesKey
from kortrade.intents import Vocabulary

if TYPE_CHECKING:
    from kortrade.data.store import Store

__all__ = ["StoreView", "store_view"]


@dataclass
class StoreView:
    """One store's shared reads; `sources` fills as source rows are first looked up."""

    token: object
    rows: list[dict[str, Any]]
    vocabulary: Vocabulary
    keys: frozenset[SeriesKey]
    latest: str | None
    sources: dict[str, SourceRef] = field(default_factory=dict)


_views: weakref.WeakKeyDictionary[Store, StoreView] = weakref.WeakKeyDictionary()
_views_lock = threading.Lock()


def store_view(store: Store) -> StoreView:
    """The store's vocabulary (built once; rebuilt only when its names rows change),
    series keys and newest month, refreshed whenever the store's data changes."""
    token = store.series(HEADLINE_KEY)
    with _views_lock:
        view = _views.get(store)
    if view is not None and view.token is token:
        return view
    rows = store.names()
    if view is not None and view.rows == rows:
        vocabulary = view.vocabulary
    else:
        vocabulary = Vocabulary.from_rows(rows)
    fresh = StoreView(token, rows, vocabulary, frozenset(store.series_keys()), token.last)
    with _views_lock:
        _views[store] = fresh
    return fresh
