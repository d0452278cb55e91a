"""Ranking questions: items or partners ordered by growth or value for a month or a span.

Which series are ranked (the ministry's majors,
named when they lack the measure; HS 8542 by country standing in for chips by
partner), which month answers (the asked one, or the latest that can be ranked, saying
why), and what to offer when nothing can be ranked (the nearest months that can).
Nothing here words anything: `bot.replies.ranks` does.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from kortrade.data.digest import MAJOR_ITEMS, REGIONS
from kortrade.data.facts import MonthFacts, month_facts, rank, span_facts
from kortrade.data.series import Series, SeriesKey
from kortrade.intents import Intent, PeriodSpec, resolve_period
from kortrade.intents.spans import latest_spec
from kortrade.months import add_months, parse_month
from kortrade.resolve.figures import HS_CHIPS, SEMICONDUCTOR_ITEMS, Resolver
from kortrade.resolve.outcomes import NoFigure, RankOutcome

__all__ = ["ranking"]

logger = logging.getLogger(__name__)

_NOT_RANKED_PARTNERS = frozenset({"world", "others"})


# -- rankings ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Pool:
    """What a ranking ranks: one flow's series along a dimension, and the majors among
    them. `asked` is the product asked for when HS 8542 stands in for it."""

    flow: str
    dimension: str
    product: str
    keys: list[SeriesKey]
    majors: tuple[str, ...]
    asked: str | None = None


def _candidates(resolver: Resolver, intent: Intent) -> _Pool:
    subject = intent.subjects[0] if intent.subjects else None
    flow = subject.flow if subject else "export"
    if flow not in ("export", "import"):
        flow = "export"
    dimension = intent.rank_dimension or "product"
    names = resolver.store.names()
    kinds = {row["slug"]: row["kind"] for row in names}
    if dimension == "partner":
        product = subject.product if subject else "all"
        keys = _partner_keys(resolver, flow, product)
        asked = None
        if not keys and product in SEMICONDUCTOR_ITEMS:
            # Chips by country exist only as HS 8542, a narrower customs code: rank that,
            # and say so, rather than answer "no figures".
            asked, product = product, HS_CHIPS
            keys = _partner_keys(resolver, flow, product)
        majors = REGIONS if product == "all" else tuple(k.partner for k in keys)
        return _Pool(flow, dimension, product, keys, majors, asked)
    partner = subject.partner if subject else "world"
    keys = [
        key
        for key in resolver.store.series_keys(flow=flow, partner=partner)
        if key.product != "all" and kinds.get(key.product) == "item"
    ]
    return _Pool(flow, "product", "all", keys, MAJOR_ITEMS)


def _partner_keys(resolver: Resolver, flow: str, product: str) -> list[SeriesKey]:
    return [
        key
        for key in resolver.store.series_keys(flow=flow, product=product)
        if key.partner not in _NOT_RANKED_PARTNERS
    ]


def _slug(key: SeriesKey, dimension: str) -> str:
    return key.partner if dimension == "partner" else key.product


def _rank_period(
    series: list[Series], majors: tuple[str, ...], spec: PeriodSpec, dimension: str
) -> str | None:
    """The month a ranking is for: as asked, or the newest month any major has a figure."""
    if spec.kind == "month" and spec.start:
        return spec.start
    major = [s for s in series if _slug(s.key, dimension) in majors] or series
    lasts = [last for s in major if (last := s.last)]
    if not lasts:
        return None
    newest = max(lasts)
    if spec.kind == "month_of_year" and spec.month:
        months = sorted({p for s in major for p in s.periods if parse_month(p)[1] == spec.month})
        return months[-1] if months else None
    return newest


def ranking(resolver: Resolver, intent: Intent) -> RankOutcome | NoFigure:
    """Items (or partners) ranked by growth or value; majors without a figure are named."""
    pool = _candidates(resolver, intent)
    spec = intent.period or latest_spec()
    ascending = intent.rank_order == "asc"
    series = [s for key in pool.keys if (s := resolver.series(key)) is not None]
    subject = intent.subjects[0] if intent.subjects else None
    if not spec.is_valid:
        asked_key = SeriesKey(pool.flow, *((subject.product, subject.partner) if subject else ()))
        return NoFigure(asked_key, "invalid", asked=spec.label, asked_ko=spec.label_ko)
    if spec.kind in ("span", "trailing"):
        return _rank_span(resolver, series, spec, pool, ascending, intent)
    period = _rank_period(series, pool.majors, spec, pool.dimension)
    if period is None:  # nothing to rank at all ("imports of chips by country")
        product = subject.product if subject else "all"
        by = intent.rank_by or "growth"
        return RankOutcome(pool.flow, pool.dimension, by, "", ascending=ascending, product=product)
    found = _month_to_rank(resolver, series, period, spec, pool, intent)
    if isinstance(found, RankOutcome):
        return found
    return _ranked_month(resolver, series, pool, intent, spec, *found)


def _month_to_rank(
    resolver: Resolver,
    series: list[Series],
    period: str,
    spec: PeriodSpec,
    pool: _Pool,
    intent: Intent,
) -> tuple[str, str | None, str | None] | RankOutcome:
    """(the month ranked, the month asked when another answers, why), or, for a month
    inside the data that nothing can rank, an empty ranking offering its neighbours."""
    measure = "value" if intent.rank_by == "value" else "growth"
    if _rankable(series, period, measure):
        return period, None, None
    newest = max((last for s in series if (last := s.last)), default=None)
    before = _nearest_rankable(series, period, measure, later=False)
    if spec.kind != "month" and before is not None:
        return before, None, None  # "latest": the newest month that can be ranked, silently
    if newest is None or before is None or period <= newest:
        after = _nearest_rankable(series, period, measure, later=True)
        return RankOutcome(
            flow=pool.flow,
            dimension=pool.dimension,
            by=intent.rank_by or "growth",
            period=period,
            ascending=intent.rank_order == "asc",
            nearest=tuple(p for p in (before, after) if p),
            product=pool.product,
            stands_in_for=pool.asked,
        )
    # After the newest month with such figures: the latest answers, saying why.
    return before, period, resolver.why_after(newest, period)


def _ranked_month(
    resolver: Resolver,
    series: list[Series],
    pool: _Pool,
    intent: Intent,
    spec: PeriodSpec,
    period: str,
    asked: str | None,
    why: str | None,
) -> RankOutcome:
    """The majors ranked for `period` (the others stated after them), as asked."""
    by, ascending, dimension = (
        intent.rank_by or "growth",
        intent.rank_order == "asc",
        pool.dimension,
    )
    measure = "value" if by == "value" else "growth"
    major_series = [s for s in series if _slug(s.key, dimension) in pool.majors]
    other_series = [s for s in series if _slug(s.key, dimension) not in pool.majors]
    ranked = rank(major_series, period, by=measure)
    others = rank(other_series, period, by=measure)
    rows = _ordered(ranked.ranked, ascending)
    if intent.rank_limit:
        rows = rows[: intent.rank_limit]
    present = {_slug(f.key, dimension) for f in ranked.ranked}
    return RankOutcome(
        flow=pool.flow,
        dimension=dimension,
        by=by,
        period=period,
        ranked=tuple(rows),
        missing=tuple(slug for slug in pool.majors if slug not in present),
        # "top 3": just those; otherwise further series, in the order asked.
        others=() if intent.rank_limit else tuple(_ordered(others.ranked, ascending)[:6]),
        total=len(ranked.ranked),
        ascending=ascending,
        relative=None if asked else spec.relative_label,
        relative_ko=None if asked else spec.relative_label_ko,
        asked=asked,
        why=why,
        product=pool.product,
        stands_in_for=pool.asked,
        bucket=_hs_row(resolver, pool, "others", period),
        whole=_hs_row(resolver, pool, "world", period) or _total(resolver, pool, intent, period),
        shares=intent.share_of is not None,
    )


def _total(resolver: Resolver, pool: _Pool, intent: Intent, period: str) -> MonthFacts | None:
    """A ranking by share: the total the rows are shares of (all partners of the product
    ranked, or all goods to the partner of the items ranked)."""
    if intent.share_of is None:
        return None
    subject = intent.subjects[0] if intent.subjects else None
    partner = subject.partner if subject and pool.dimension == "product" else "world"
    product = pool.product if pool.dimension == "partner" else "all"
    series = resolver.series(SeriesKey(pool.flow, product, partner))
    return month_facts(series, period) if series is not None else None


def _hs_row(resolver: Resolver, pool: _Pool, partner: str, period: str) -> MonthFacts | None:
    """An HS code by partner: its "other countries" row or world total of the month."""
    if pool.dimension != "partner" or pool.product == "all":
        return None
    series = resolver.series(SeriesKey(pool.flow, pool.product, partner))
    return month_facts(series, period) if series is not None else None


def _ordered(rows: list[MonthFacts], ascending: bool) -> list[MonthFacts]:
    return list(reversed(rows)) if ascending else list(rows)


def _rankable(series: list[Series], period: str, measure: str) -> bool:
    """Whether any series has the measure ranked by in `period`."""
    for one in series:
        facts = month_facts(one, period)
        if facts is None:
            continue
        if measure == "value" and facts.level_usd_mn is not None:
            return True
        if measure == "growth" and (facts.yoy_pct is not None or facts.other_yoy_pct is not None):
            return True
    return False


def _nearest_rankable(
    series: list[Series], period: str, measure: str, *, later: bool
) -> str | None:
    """The closest month before (or after) `period` that a ranking can be made for."""
    periods = sorted({p for s in series for p in s.periods}, reverse=not later)
    for candidate in periods:
        if (candidate > period if later else candidate < period) and _rankable(
            series, candidate, measure
        ):
            return candidate
    return None


def _rank_span(
    resolver: Resolver,
    series: list[Series],
    spec: PeriodSpec,
    pool: _Pool,
    ascending: bool,
    intent: Intent,
) -> RankOutcome | NoFigure:
    """A span ranking: summed growth (or, asked by value, the summed total) for those with
    every month, the others named."""
    flow, dimension, majors = pool.flow, pool.dimension, pool.majors
    by = "value" if intent.rank_by == "value" else "growth"
    major_series = [s for s in series if _slug(s.key, dimension) in majors]
    newest = max((last for s in major_series if (last := s.last)), default=None)
    bounds = resolve_period(spec, newest) if newest else None
    if bounds is None:
        return NoFigure(SeriesKey(flow), "invalid", asked=spec.label, asked_ko=spec.label_ko)
    start, end = bounds
    summed = [span_facts(s, start, end) for s in major_series]
    usable = [f for f in summed if (f.total_usd_mn if by == "value" else f.yoy_pct) is not None]
    if by == "value":
        usable.sort(key=lambda f: f.total_usd_mn or 0.0, reverse=not ascending)
    else:
        usable.sort(key=lambda f: f.yoy_pct or 0.0, reverse=not ascending)
    present = {_slug(f.key, dimension) for f in usable}
    if intent.rank_limit:
        usable = usable[: intent.rank_limit]
    nearest: tuple[str, ...] = ()
    if not usable:  # offer one month's ranking instead: the span's last one that has one
        month = _nearest_rankable(series, add_months(end, 1), by, later=False)
        if month is None or month < start:
            month = _nearest_rankable(series, add_months(start, -1), by, later=True)
        nearest = (month,) if month else ()
    return RankOutcome(
        nearest=nearest,
        flow=flow,
        dimension=dimension,
        by=by,
        period=end,
        missing=tuple(slug for slug in majors if slug not in present),
        total=len(present),
        ascending=ascending,
        span=(start, end),
        span_ranked=tuple(usable),
        product=pool.product,
        stands_in_for=pool.asked,
    )
