"""The resolve stage: an `Intent` against the stored data -> one `Outcome`, worded nowhere.

`resolve(intent, store, today)` decides which figures answer, what is missing and why,
and what to ask back; `kortrade.bot.replies.word` then words the outcome. One module
per kind of question: `figures` (a figure, a span, what stands in for a missing one),
`comparisons`, `runs` (streaks), `records`, `ranks`, `desk` (shares, when it last
happened, since when, momentum, declines), `flash`; `backing` says which
sources and months back what the text shows. What a store's questions share (vocabulary,
keys, newest month) is kept in the store's cache (`Store.memo`), so it is dropped with
the series when an ingest changes figures, names or sources.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kortrade.data.coverage import coverage
from kortrade.data.digest import MAJOR_ITEMS, REGIONS, SourceRef
from kortrade.data.series import HEADLINE_KEY, SeriesKey
from kortrade.intents import Intent, PeriodSpec, Vocabulary
from kortrade.intents.places import is_country
from kortrade.intents.spans import latest_spec, month_spec
from kortrade.months import months_between
from kortrade.resolve.backing import chart_span, facts_source_ids, line_source_ids, refs
from kortrade.resolve.comparisons import compare_periods
from kortrade.resolve.desk import decline, last_happened, momentum_of, share_of, since_when
from kortrade.resolve.figures import Resolver, key_of
from kortrade.resolve.flash import flash
from kortrade.resolve.outcomes import (
    About,
    AskBack,
    Compared,
    Desk,
    Figures,
    Help,
    Line,
    MomentumOutcome,
    NoFigure,
    NotUnderstood,
    Outcome,
    Ranked,
    RecordOutcome,
    Records,
    Runs,
    SinceOutcome,
    StreakOutcome,
)
from kortrade.resolve.ranks import ranking
from kortrade.resolve.records import record
from kortrade.resolve.runs import streak

if TYPE_CHECKING:
    from kortrade.data.store import Store

__all__ = ["Outcome", "StoreView", "resolve", "store_view"]

_DESK_KINDS = frozenset({"share", "last", "since", "momentum", "flash"})


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


def resolve(intent: Intent, store: Store, today: dt.date) -> Outcome:
    """What answers `intent` in `store` as of `today` (see the module doc)."""
    view = store_view(store)
    resolver = Resolver(store, today, keys=view.keys, latest=view.latest)
    kind = intent.kind
    if kind == "help":
        return Help()
    if kind == "about":
        return About(coverage(store))
    if kind == "clarify" and intent.clarify is not None:
        return AskBack(intent.clarify)
    if kind == "decline":
        return Desk("decline", (decline(intent),))
    if kind in _DESK_KINDS and intent.subjects:
        return dataclasses.replace(_desk(intent, resolver, view), ignored=intent.unknown_terms)
    if kind in ("unknown", "clarify") or (not intent.subjects and kind != "latest"):
        return _not_understood(intent, view)
    if kind == "rank":
        return _ranked(intent, resolver, view)
    if kind == "streak":
        return _runs(intent, resolver, view)
    if kind == "record":
        return _records(intent, resolver, view)
    if kind == "compare" and intent.periods:
        return _compared(intent, resolver, view)
    return _figures(intent, resolver, view)


def _figures(intent: Intent, resolver: Resolver, view: StoreView) -> Figures:
    spec = intent.period or latest_spec()
    keys = [key_of(s) for s in intent.subjects] if intent.kind != "latest" else [HEADLINE_KEY]
    if keys == [HEADLINE_KEY, SeriesKey("import")]:
        # "how is trade doing": the month's whole picture is exports with imports and the
        # balance beside them; a span gets the balance summed as a third line.
        keys = (
            [HEADLINE_KEY]
            if spec.kind not in ("span", "trailing")
            else [*keys, SeriesKey("balance")]
        )
    if intent.kind == "compare" and spec.kind == "latest" and len(keys) > 1:
        spec = _common_month(keys, resolver) or spec
    lines = tuple(resolver.line(key, spec, companions=len(keys) == 1) for key in keys)
    kind = "figure" if intent.kind in ("figure", "latest") else intent.kind
    if all(isinstance(line, NoFigure) for line in lines):
        kind = "missing"
    return Figures(
        lines,
        refs(resolver.store, view.sources, line_source_ids(lines)),
        chart_span(lines, resolver, as_asked=intent.kind in ("chart", "compare")),
        kind,
        intent.unknown_terms,
    )


_ALIGN_MONTHS = 3


def _common_month(keys: list[SeriesKey], resolver: Resolver) -> PeriodSpec | None:
    """ "Germany vs Japan" with no month: the newest month every series has, so the two are
    compared like with like (not June for one and July for the other); None when they
    already end together, one has no series, or one stopped long ago (gas imports ending
    in 2024 must not pull crude oil back two years: each then shows its own latest)."""
    lasts = set()
    for key in keys:
        series = resolver.series(key)
        if series is None or not series.last:
            return None
        lasts.add(series.last)
    if len(lasts) < 2 or months_between(min(lasts), max(lasts)) > _ALIGN_MONTHS:
        return None
    common = min(lasts)
    return month_spec(int(common[:4]), int(common[5:7]), common)


def _compared(intent: Intent, resolver: Resolver, view: StoreView) -> Compared:
    comparisons = tuple(compare_periods(resolver, intent))
    lines = [line for c in comparisons for line in c.lines]
    sources = refs(resolver.store, view.sources, line_source_ids(lines))
    return Compared(comparisons, sources, chart_span(lines, resolver))


def _ranked(intent: Intent, resolver: Resolver, view: StoreView) -> Ranked:
    outcome = ranking(resolver, intent)
    if isinstance(outcome, NoFigure):
        return Ranked(outcome)
    shown = [*outcome.ranked, *outcome.others, outcome.bucket, outcome.whole]
    ids = facts_source_ids([facts for facts in shown if facts is not None])
    ids += [source for f in outcome.span_ranked for source in f.sources]
    return Ranked(outcome, refs(resolver.store, view.sources, ids))


def _runs(intent: Intent, resolver: Resolver, view: StoreView) -> Runs:
    streaks = tuple(streak(resolver, intent))
    lines = tuple(o.line if isinstance(o, StreakOutcome) else o for o in streaks)
    sources = refs(resolver.store, view.sources, line_source_ids(lines))
    return Runs(streaks, lines, sources, chart_span(lines, resolver))


def _records(intent: Intent, resolver: Resolver, view: StoreView) -> Records:
    records = tuple(record(resolver, intent))
    ids: list[str] = []
    lines: list[Line] = []
    for outcome in records:
        if isinstance(outcome, RecordOutcome):
            ids.extend([outcome.source] if outcome.source else [])
            lines.extend([outcome.line] if outcome.line is not None else [])
        else:
            lines.append(outcome)
    sources = refs(resolver.store, view.sources, ids + line_source_ids(lines))
    return Records(records, tuple(lines), sources, chart_span(lines, resolver))


def _desk(intent: Intent, resolver: Resolver, view: StoreView) -> Desk:
    """Shares, when it last happened, since when, momentum, flash figures."""
    kind = intent.kind
    if kind == "share":
        shares = tuple(share_of(resolver, intent))
        ids = [source for o in shares for source in o.sources]
        return Desk(kind, shares, refs(resolver.store, view.sources, ids))
    if kind == "last":
        lasts = tuple(last_happened(resolver, intent))
        ids = [o.source for o in lasts if o.source]
        return Desk(kind, lasts, refs(resolver.store, view.sources, ids))
    if kind == "flash":
        flashes = tuple(flash(resolver, intent))
        ids = [f.source for o in flashes for f in (o.figure, o.daily, o.latest) if f is not None]
        return Desk(kind, flashes, refs(resolver.store, view.sources, ids))
    found: tuple[SinceOutcome | MomentumOutcome, ...] = tuple(
        since_when(resolver, intent) if kind == "since" else momentum_of(resolver, intent)
    )
    lines = tuple(o.line for o in found)
    sources = refs(resolver.store, view.sources, line_source_ids(lines))
    return Desk(kind, found, sources, chart_span(lines, resolver), lines)


def _not_understood(intent: Intent, view: StoreView) -> NotUnderstood:
    """No such item (close names suggested), or no question at all. An unknown import
    item lists the items stored as imports, not the export items."""
    term = intent.unknown_terms[0] if intent.unknown_terms else None
    partners = bool(term and (is_country(term) or _where_a_partner_goes(term, intent.text)))
    listed: tuple[str, ...] = _partners(view) if partners else MAJOR_ITEMS
    if not partners and intent.subjects and all(s.flow == "import" for s in intent.subjects):
        imported = tuple(
            slug
            for slug in view.vocabulary.slugs("item")
            if slug != "all" and SeriesKey("import", slug, "world") in view.keys
        )
        listed = imported or listed
    return NotUnderstood(intent.unknown_terms, intent.suggestions, listed, partners, intent.text)


def _partners(view: StoreView) -> tuple[str, ...]:
    """The partners to offer: the release's regions, then every country with exports
    stored (customs figures by country), in the vocabulary's order."""
    countries = tuple(
        slug
        for slug in view.vocabulary.slugs("partner")
        if slug not in REGIONS
        and slug not in ("world", "others")
        and SeriesKey("export", "all", slug) in view.keys
    )
    return REGIONS + countries


def _where_a_partner_goes(term: str, text: str) -> bool:
    """ "exports to Germany", "imports from Australia", "대독일 수출": the unknown word
    names a place, so the partners are the useful list, not the items."""
    if term.startswith("대") and len(term) >= 3:  # "대독일": 대 + a place
        return True
    word = re.escape(term)
    pattern = rf"(?:\b(?:to|from|with)\s+(?:the\s+)?{word}\b)|대\s*{word}|{word}\s*향"
    return re.search(pattern, text, re.IGNORECASE) is not None
