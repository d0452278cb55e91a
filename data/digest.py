"""A month's release digest as facts: what a subscriber's message is made of.

The only part of the facts layer that reads the store: it picks the series a digest
covers (totals, export items to the world, exports by partner), runs the pure facts
engine on each, and gathers the sources and the vocabulary the wording needs, so
`kortrade.bot.replies.digest` can word it without touching the store.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kortrade.data.facts import MonthFacts, month_facts
from kortrade.data.series import SeriesKey
from kortrade.months import add_months, parse_month

if TYPE_CHECKING:
    from kortrade.data.store import Store

__all__ = [
    "MAJOR_ITEMS",
    "REGIONS",
    "TOTAL_FLOWS",
    "Digest",
    "SourceRef",
    "build_digest",
]

logger = logging.getLogger(__name__)

#: The ministry's 15 major export items (the release's item table), in its order.
MAJOR_ITEMS: tuple[str, ...] = (
    "semiconductors",
    "automobiles",
    "petrochemicals",
    "general_machinery",
    "petroleum_products",
    "steel",
    "auto_parts",
    "displays",
    "ships",
    "wireless_communication_devices",
    "computers",
    "home_appliances",
    "textiles",
    "bio_health",
    "secondary_batteries",
)
#: The release's 9 regions.
REGIONS: tuple[str, ...] = (
    "china",
    "united_states",
    "eu",
    "asean",
    "japan",
    "latin_america",
    "middle_east",
    "india",
    "cis",
)
TOTAL_FLOWS: tuple[str, ...] = ("export", "import", "balance", "export_daily_avg")


@dataclass(frozen=True, slots=True)
class SourceRef:
    id: str
    publisher: str | None = None
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Digest:
    """Everything a month's digest says, as facts.

    kind: "release" when the ministry's preliminary release answers the headline,
    "customs" for a month with customs levels only, "none" when nothing is stored
    (then `coverage` says which months are). `names` maps slug -> (English, Korean).
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

    def name(self, slug: str, lang: str = "en") -> str:
        en, ko = self.names.get(slug, (slug.replace("_", " "), slug.replace("_", " ")))
        return ko if lang == "ko" else en

    def topic_facts(self, topic: str) -> MonthFacts | None:
        """The item's or partner's line, if it has a figure this month."""
        for facts in [*self.items, *self.partners]:
            if topic in (facts.key.product, facts.key.partner) and topic not in ("all", "world"):
                return facts
        return None


def _is_item(product: str, kinds: dict[str, str]) -> bool:
    """Items, not totals or HS codes: HS 8542 is narrower than "semiconductors"."""
    return (
        product != "all" and kinds.get(product, "item") == "item" and not product.startswith("hs")
    )


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
            refs.append(
                SourceRef(source_id, row.get("publisher"), row.get("title"), row.get("url") or None)
            )
    return refs


def build_digest(store: Store, period: str) -> Digest:
    """The facts of `period`'s digest: totals, items and partners with a figure, sources."""
    parse_month(period)
    vocabulary = store.names()
    names = {row["slug"]: (row["en"], row["ko"]) for row in vocabulary}
    kinds = {row["slug"]: row["kind"] for row in vocabulary}

    totals: dict[str, MonthFacts] = {}
    for flow in TOTAL_FLOWS:
        facts = month_facts(store.series(SeriesKey(flow)), period)
        if facts is not None:
            totals[flow] = facts
    previous = month_facts(store.series(SeriesKey("export")), add_months(period, -1))

    items = [
        facts
        for key in store.series_keys(flow="export", partner="world")
        if _is_item(key.product, kinds)
        and (facts := month_facts(store.series(key), period)) is not None
    ]
    partners = [
        facts
        for key in store.series_keys(flow="export", product="all")
        if key.partner != "world" and (facts := month_facts(store.series(key), period)) is not None
    ]
    with_item = {facts.key.product for facts in items}
    with_partner = {facts.key.partner for facts in partners}

    export = totals.get("export")
    if export is not None:
        kind = "release" if export.basis == "release" else "customs"
    elif totals or items or partners:
        kind = "release" if any(f.basis == "release" for f in totals.values()) else "customs"
    else:
        kind = "none"
    lines = [*totals.values(), *items, *partners]
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
        coverage=store.coverage(SeriesKey("export")),
    )
