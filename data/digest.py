"""A month's release digest as facts: what a subscriber's message is made of.

The only part of the facts layer that reads the store: it picks the series a digest
covers (totals, export items to the world, exports by partner, HS codes), runs the pure
facts engine on each, keeps the facts worth printing (`kortrade.data.news`), and
gathers the sources, the vocabulary and each line's stored span the wording needs, so
`kortrade.bot.replies.digest` can word it without touching the store.

The trade balance reads `kortrade.data.answering.answering_series`: the release balance
completed with customs exports minus customs imports, shared with question replies.
"""

from __future__ import annotations

import csv
import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kortrade.data.answering import answering_series
from kortrade.data.facts import MonthFacts, month_facts
from kortrade.data.news import newsworthy
from kortrade.data.series import HEADLINE_KEY, SeriesKey
from kortrade.months import add_months, parse_month

if TYPE_CHECKING:
    from kortrade.data.store import Store

__all__ = [
    "MAJOR_ITEMS",
    "REGIONS",
    "SUB_ITEMS",
    "TOTAL_FLOWS",
    "Digest",
    "SourceRef",
    "build_digest",
    "source_ref",
]

logger = logging.getLogger(__name__)


def _release_layout() -> list[dict[str, str]]:
    """The release's tables, from `dataset/release_layout.csv`: which items are the
    ministry's major ones (in its order), which a release names within one, and its
    regions. Data, not code: a release that changes its table changes one file."""
    path = Path(__file__).resolve().parent / "dataset" / "release_layout.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


_LAYOUT = _release_layout()
#: The ministry's 15 major export items (the release's item table), in its order.
MAJOR_ITEMS: tuple[str, ...] = tuple(r["slug"] for r in _LAYOUT if r["role"] == "major_item")
#: Items a release names as part of a major item ("system chips" within semiconductors):
#: worded under their parent, never ranked beside it as if they were a 16th item.
SUB_ITEMS: dict[str, str] = {r["slug"]: r["parent"] for r in _LAYOUT if r["role"] == "sub_item"}
#: The release's 9 regions.
REGIONS: tuple[str, ...] = tuple(r["slug"] for r in _LAYOUT if r["role"] == "region")
TOTAL_FLOWS: tuple[str, ...] = ("export", "import", "balance", "export_daily_avg")


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A cited source as sources.csv describes it; `via` names how it reached us (for a
    news report, "news report: <outlet>")."""

    id: str
    publisher: str | None = None
    title: str | None = None
    url: str | None = None
    via: str | None = None


@dataclass(frozen=True, slots=True)
class Digest:
    """Everything a month's digest says, as facts.

    kind: "release" when a preliminary release answers the headline, "customs" for a
    month with customs levels only, "none" when nothing is stored (then `coverage` says
    which months are). Each line's `facts` are the newsworthy ones, strongest first.
    `hs` holds HS-code lines (customs, narrower than any item). `names` maps slug ->
    (English, Korean); `spans` maps an item, HS code or partner slug -> (first, last)
    stored month, so a topic without a figure can say where its figures run.
    """

    period: str
    kind: str
    totals: dict[str, MonthFacts] = field(default_factory=dict)
    previous_export: MonthFacts | None = None
    items: list[MonthFacts] = field(default_factory=list)
    partners: list[MonthFacts] = field(default_factory=list)
    missing_items: list[str] = field(default_factory=list)
    missing_partners: list[str] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)
    names: dict[str, tuple[str, str]] = field(default_factory=dict)
    coverage: tuple[str, str] | None = None
    hs: list[MonthFacts] = field(default_factory=list)
    spans: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: Countries outside the release's regions (customs final by country): not printed in
    #: the digest, which follows the release's table, but a country topic's line.
    countries: list[MonthFacts] = field(default_factory=list)

    def name(self, slug: str, lang: str = "en") -> str:
        en, ko = self.names.get(slug, (slug.replace("_", " "), slug.replace("_", " ")))
        return ko if lang == "ko" else en

    def topic_facts(self, topic: str) -> MonthFacts | None:
        """The item's, HS code's or partner's line, if it has a figure this month."""
        for facts in [*self.items, *self.hs, *self.partners, *self.countries]:
            if topic in (facts.key.product, facts.key.partner) and topic not in ("all", "world"):
                return facts
        return None

    def source_ref(self, source_id: str) -> SourceRef | None:
        return next((ref for ref in self.sources if ref.id == source_id), None)


def _is_item(product: str, kinds: dict[str, str]) -> bool:
    """Items, not totals or HS codes: HS 8542 is narrower than "semiconductors"."""
    return (
        product != "all" and kinds.get(product, "item") == "item" and not product.startswith("hs")
    )


def source_ref(source_id: str, row: dict[str, Any]) -> SourceRef:
    """A sources row as a SourceRef (empty URL and via are None)."""
    return SourceRef(
        source_id, row.get("publisher"), row.get("title"), row.get("url") or None,
        row.get("via") or None,
    )  # fmt: skip


def _sources(store: Store, lines: list[MonthFacts]) -> list[SourceRef]:
    ids: list[str] = []
    for facts in lines:
        for source in (facts.source, facts.other_basis.source if facts.other_basis else None):
            if source and source not in ids:
                ids.append(source)
    refs: list[SourceRef] = []
    for source_id in ids:
        row = store.source(source_id)
        if row is None:
            logger.warning("source %r is not in the sources table", source_id)
            refs.append(SourceRef(source_id))
        else:
            refs.append(source_ref(source_id, row))
    return refs


def _news(facts: MonthFacts | None) -> MonthFacts | None:
    return None if facts is None else replace(facts, facts=newsworthy(facts))


def _spans(store: Store, keys: list[SeriesKey]) -> dict[str, tuple[str, str]]:
    spans: dict[str, tuple[str, str]] = {}
    for key in keys:
        slug = key.partner if key.product == "all" else key.product
        periods = store.series(key).periods
        if periods:
            spans[slug] = (periods[0], periods[-1])
    return spans


def build_digest(store: Store, period: str) -> Digest:
    """The facts of `period`'s digest: totals, items and partners with a figure, sources."""
    parse_month(period)
    vocabulary = store.names()
    names = {row["slug"]: (row["en"], row["ko"]) for row in vocabulary}
    kinds = {row["slug"]: row["kind"] for row in vocabulary}

    totals: dict[str, MonthFacts] = {}
    for flow in TOTAL_FLOWS:
        series = answering_series(store, SeriesKey(flow))
        facts = _news(month_facts(series, period)) if series is not None else None
        if facts is not None:
            totals[flow] = facts
    previous = month_facts(store.series(HEADLINE_KEY), add_months(period, -1))

    item_keys = [
        key
        for key in store.series_keys(flow="export", partner="world")
        if _is_item(key.product, kinds)
    ]
    hs_keys = [
        key
        for key in store.series_keys(flow="export", partner="world")
        if key.product.startswith("hs")
    ]
    partner_keys = [
        key for key in store.series_keys(flow="export", product="all") if key.partner != "world"
    ]
    items = [f for key in item_keys if (f := _news(month_facts(store.series(key), period)))]
    hs = [f for key in hs_keys if (f := _news(month_facts(store.series(key), period)))]
    by_partner = [f for key in partner_keys if (f := _news(month_facts(store.series(key), period)))]
    partners = [f for f in by_partner if f.key.partner in REGIONS]
    countries = [f for f in by_partner if f.key.partner not in REGIONS]
    with_item = {facts.key.product for facts in items}
    with_partner = {facts.key.partner for facts in partners}

    export = totals.get("export")
    if export is not None:
        kind = "release" if export.basis == "release" else "customs"
    elif totals or items or partners:
        kind = "release" if any(f.basis == "release" for f in totals.values()) else "customs"
    else:
        kind = "none"
    lines = [*totals.values(), *items, *partners, *hs]  # countries are not printed
    return Digest(
        period=period,
        kind=kind,
        totals=totals,
        previous_export=previous,
        items=items,
        partners=partners,
        missing_items=[slug for slug in MAJOR_ITEMS if slug not in with_item],
        missing_partners=[slug for slug in REGIONS if slug not in with_partner],
        sources=_sources(store, lines),
        names=names,
        coverage=store.coverage(HEADLINE_KEY),
        hs=hs,
        countries=countries,
        spans=_spans(store, [*item_keys, *hs_keys, *partner_keys]),
    )
