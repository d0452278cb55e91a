"""The question kinds beyond "a figure": comparisons of periods, rankings, streaks, records.

Each function reads the store through a `Resolver` and returns `kortrade.outcomes`
dataclasses; none of them words anything. Changes between two periods are computed
only from levels of one basis (or taken as the later month's stated growth when the
months are a year apart), and always flagged as computed, as the dataset README asks.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass

from kortrade.data.digest import MAJOR_ITEMS, REGIONS
from kortrade.data.facts import Fact, MonthFacts, rank, span_facts
from kortrade.data.history import history
from kortrade.data.series import Series, SeriesKey
from kortrade.intents import Intent, PeriodSpec, resolve_period
from kortrade.intents.spans import latest_spec, month_spec
from kortrade.months import add_months, months_between, parse_month
from kortrade.outcomes import (
    Line,
    MonthLine,
    NoFigure,
    PeriodComparison,
    RankOutcome,
    RecordOutcome,
    SpanLine,
    StreakOutcome,
)
from kortrade.resolve import (
    HS_CHIPS,
    SEMICONDUCTOR_ITEMS,
    Resolver,
    facts_for,
    first_of,
    key_of,
    last_of,
    periods_of,
)

__all__ = ["compare_periods", "ranking", "record", "streak"]

logger = logging.getLogger(__name__)

_NOT_RANKED_PARTNERS = frozenset({"world", "others"})


# -- periods compared -----------------------------------------------------------------------


def _answered(line: Line) -> bool:
    """A line that answers the period asked (not a stand-in month, not a gap)."""
    if isinstance(line, MonthLine):
        return line.why is None
    return isinstance(line, SpanLine) and line.span.total_usd_mn is not None


def _bounds(line: MonthLine | SpanLine) -> tuple[str, str]:
    if isinstance(line, MonthLine):
        return line.period, line.period
    return line.span.start, line.span.end


def _change(key: SeriesKey, lines: tuple[Line, ...]) -> PeriodComparison:
    answered = [
        line for line in lines if _answered(line) and isinstance(line, MonthLine | SpanLine)
    ]
    if len(answered) < 2:
        return PeriodComparison(key, lines)
    # Several periods: the change runs from the earliest to the latest of them.
    earlier, later = min(answered, key=_bounds), max(answered, key=_bounds)
    span_e, span_l = _bounds(earlier), _bounds(later)
    if span_e == span_l:
        return PeriodComparison(key, lines)
    value_e: float | None
    value_l: float | None
    if isinstance(earlier, MonthLine) and isinstance(later, MonthLine):
        facts_e, facts_l = earlier.facts, later.facts
        a_year_apart = months_between(facts_e.period, facts_l.period) == 12
        if key.flow != "balance" and a_year_apart and facts_l.yoy_pct is not None:
            return PeriodComparison(
                key,
                lines,
                change_pct=facts_l.yoy_pct,
                stated=not facts_l.yoy_computed,
                computed_from="customs" if facts_l.yoy_computed else None,
                earlier=span_e,
                later=span_l,
            )
        value_e, value_l = facts_e.level_usd_mn, facts_l.level_usd_mn
        same_basis = facts_e.level_basis == facts_l.level_basis
        basis = facts_l.level_basis if same_basis else None
    elif isinstance(earlier, SpanLine) and isinstance(later, SpanLine):
        value_e, value_l = earlier.span.total_usd_mn, later.span.total_usd_mn
        basis = "levels"
    else:  # a month against a span: no like-for-like change
        return PeriodComparison(key, lines)
    if value_e is None or value_l is None or basis is None:
        return PeriodComparison(key, lines, earlier=span_e, later=span_l)
    if key.flow == "balance":
        change_usd = value_l - value_e
        return PeriodComparison(
            key, lines, change_usd_mn=change_usd, computed_from=basis, earlier=span_e, later=span_l
        )
    if value_e == 0:
        return PeriodComparison(key, lines, earlier=span_e, later=span_l)
    change = (value_l / value_e - 1.0) * 100.0
    return PeriodComparison(
        key, lines, change_pct=change, computed_from=basis, earlier=span_e, later=span_l
    )


def _like_for_like(specs: tuple[PeriodSpec, ...], last: str) -> tuple[PeriodSpec, ...]:
    """Cut whole spans to the months a "so far" span has ("this year vs 2025" in
    October: January-September of each), so the change compares like with like."""
    cut = None
    for spec in specs:
        if spec.kind == "span" and spec.open_end and spec.start and spec.end and last:
            bounds = resolve_period(spec, last)
            nominal = months_between(spec.start, spec.end) + 1
            if bounds is not None and months_between(*bounds) + 1 < nominal:
                cut = (nominal, months_between(*bounds) + 1)
                break
    if cut is None:
        return specs
    nominal, kept = cut
    out = []
    for spec in specs:
        whole = spec.kind == "span" and not spec.open_end and spec.start and spec.end
        if (
            whole
            and spec.start
            and spec.end
            and months_between(spec.start, spec.end) + 1 == nominal
        ):
            spec = dataclasses.replace(
                spec,
                end=add_months(spec.start, kept - 1),
                label=f"{spec.label}, same months",
                label_ko=f"{spec.label_ko} 같은 기간",
            )
        out.append(spec)
    return tuple(out)


def compare_periods(resolver: Resolver, intent: Intent) -> list[PeriodComparison]:
    """Each subject in each period ("exports Jan 2021 vs Jan 2020"), with the change."""
    specs = intent.periods or (intent.period or latest_spec(),)
    found = []
    for subject in intent.subjects:
        key = key_of(subject)
        series = resolver.series(key)
        fair = _like_for_like(specs[:4], (last_of(series) or "") if series is not None else "")
        lines = tuple(resolver.line(key, spec) for spec in fair)
        found.append(_change(key, lines))
    return found


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
    lasts = [last for s in major if (last := last_of(s))]
    if not lasts:
        return None
    newest = max(lasts)
    if spec.kind == "month_of_year" and spec.month:
        months = sorted(
            {p for s in major for p in periods_of(s) if parse_month(p)[1] == spec.month}
        )
        return months[-1] if months else None
    return newest


def ranking(resolver: Resolver, intent: Intent) -> RankOutcome | NoFigure:
    """Items (or partners) ranked by growth or value; majors without a figure are named."""
    pool = _candidates(resolver, intent)
    flow, dimension, majors = pool.flow, pool.dimension, pool.majors
    spec = intent.period or latest_spec()
    by = intent.rank_by or "growth"
    ascending = intent.rank_order == "asc"
    series = [s for key in pool.keys if (s := resolver.series(key)) is not None]
    subject = intent.subjects[0] if intent.subjects else None
    asked_key = SeriesKey(flow, subject.product, subject.partner) if subject else SeriesKey(flow)
    if not spec.is_valid:
        return NoFigure(asked_key, "invalid", asked=spec.label, asked_ko=spec.label_ko)
    if spec.kind in ("span", "trailing"):
        return _rank_span(resolver, series, spec, pool, ascending, intent)
    period = _rank_period(series, majors, spec, dimension)
    if period is None:  # nothing to rank at all ("imports of chips by country")
        product = subject.product if subject else "all"
        return RankOutcome(flow, dimension, by, "", ascending=ascending, product=product)
    measure = "value" if by == "value" else "growth"
    asked = why = None
    if not _rankable(series, period, measure):
        newest = max((last for s in series if (last := last_of(s))), default=None)
        before = _nearest_rankable(series, period, measure, later=False)
        if spec.kind != "month" and before is not None:
            period = before  # "latest": the newest month that can be ranked, silently
        elif newest is None or before is None or period <= newest:
            # A month inside the data with no item figures: say so, offer its neighbours.
            after = _nearest_rankable(series, period, measure, later=True)
            return RankOutcome(
                flow=flow,
                dimension=dimension,
                by=by,
                period=period,
                ascending=ascending,
                nearest=tuple(p for p in (before, after) if p),
                product=pool.product,
                stands_in_for=pool.asked,
            )
        else:  # after the newest month with such figures: the latest answers, saying why
            asked, period = period, before
            why = _why_after(resolver, asked, newest)
    major_series = [s for s in series if _slug(s.key, dimension) in majors]
    other_series = [s for s in series if _slug(s.key, dimension) not in majors]
    ranked = rank(major_series, period, by="value" if by == "value" else "growth")
    others = rank(other_series, period, by="value" if by == "value" else "growth")
    rows = list(reversed(ranked.ranked)) if ascending else list(ranked.ranked)
    if intent.rank_limit:
        rows = rows[: intent.rank_limit]
    present = {_slug(f.key, dimension) for f in ranked.ranked}
    return RankOutcome(
        flow=flow,
        dimension=dimension,
        by=by,
        period=period,
        ranked=tuple(rows),
        missing=tuple(slug for slug in majors if slug not in present),
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
    )


def _ordered(rows: list[MonthFacts], ascending: bool) -> list[MonthFacts]:
    return list(reversed(rows)) if ascending else list(rows)


def _rankable(series: list[Series], period: str, measure: str) -> bool:
    """Whether any series has the measure ranked by in `period`."""
    for one in series:
        facts = facts_for(one, period)
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
    periods = sorted({p for s in series for p in periods_of(s)}, reverse=not later)
    for candidate in periods:
        if (candidate > period if later else candidate < period) and _rankable(
            series, candidate, measure
        ):
            return candidate
    return None


def _why_after(resolver: Resolver, asked: str, newest: str) -> str:
    """Why a month after the newest ranked month has no ranking (`Resolver.why_later`)."""
    if newest < (resolver.latest or newest):
        return "series_behind"
    return "not_loaded" if f"{resolver.today:%Y-%m}" >= add_months(asked, 1) else "not_out"


def _rank_span(
    resolver: Resolver,
    series: list[Series],
    spec: PeriodSpec,
    pool: _Pool,
    ascending: bool,
    intent: Intent,
) -> RankOutcome | NoFigure:
    """A span ranking: summed growth for those with every month, the others named."""
    flow, dimension, majors = pool.flow, pool.dimension, pool.majors
    major_series = [s for s in series if _slug(s.key, dimension) in majors]
    newest = max((last for s in major_series if (last := last_of(s))), default=None)
    bounds = resolve_period(spec, newest) if newest else None
    if bounds is None:
        return NoFigure(SeriesKey(flow), "invalid", asked=spec.label, asked_ko=spec.label_ko)
    start, end = bounds
    summed = [span_facts(s, start, end) for s in major_series]
    usable = [f for f in summed if f.yoy_pct is not None]
    usable.sort(key=lambda f: f.yoy_pct or 0.0, reverse=not ascending)
    if intent.rank_limit:
        usable = usable[: intent.rank_limit]
    present = {_slug(f.key, dimension) for f in summed if f.yoy_pct is not None}
    nearest: tuple[str, ...] = ()
    if not usable:  # offer one month's ranking instead: the span's last one that has one
        month = _nearest_rankable(series, add_months(end, 1), "growth", later=False)
        if month is None or month < start:
            month = _nearest_rankable(series, add_months(start, -1), "growth", later=True)
        nearest = (month,) if month else ()
    return RankOutcome(
        nearest=nearest,
        flow=flow,
        dimension=dimension,
        by="growth",
        period=end,
        missing=tuple(slug for slug in majors if slug not in present),
        total=len(present),
        ascending=ascending,
        span=(start, end),
        span_ranked=tuple(usable),
        product=pool.product,
        stands_in_for=pool.asked,
    )


# -- streaks ---------------------------------------------------------------------------------


def _wanted(intent: Intent, flow: str) -> tuple[str, ...]:
    """Streak kinds the words ask for, most specific first; () means any."""
    direction = intent.direction
    if flow == "balance":
        if direction == "up":
            return ("surplus",)
        if direction == "down":
            return ("deficit",)
        return ()
    if intent.double_digit:
        return ("double_digit_decline",) if direction == "down" else ("double_digit_rise",)
    if direction == "up":
        return ("rise", "double_digit_rise")
    if direction == "down":
        return ("decline", "double_digit_decline")
    return ()


def streak(resolver: Resolver, intent: Intent) -> list[StreakOutcome | Line]:
    """The run each subject is on at the asked month (the latest by default; a span's
    last month)."""
    spec = intent.period or latest_spec()
    if spec.kind == "span" and spec.is_valid:
        # "deficit streak 2022": the run as the span ends (December 2022), not today's.
        bounds = resolve_period(spec, resolver.latest or spec.end or "")
        if bounds is not None:
            year, month = parse_month(bounds[1])
            spec = month_spec(year, month, bounds[1])
    elif spec.kind == "trailing":
        spec = latest_spec()
    found: list[StreakOutcome | Line] = []
    for subject in intent.subjects:
        line = resolver.line(key_of(subject), spec)
        if not isinstance(line, MonthLine):
            found.append(line)
            continue
        facts = line.facts
        wanted = _wanted(intent, line.key.flow)
        streaks = [f for f in facts.streaks if f.months >= 2]
        match = next((s for kind in wanted for s in streaks if s.kind == kind), None)
        if match is None and not wanted and streaks:
            match = max(streaks, key=lambda s: (s.months, s.kind.startswith("double")))
        instead: list[Fact] = []
        single = None
        if match is None:
            instead = [*streaks, *(f for f in facts.firsts if f.notable)]
            # In the wanted state this month, but not the month before: a one-month run
            # (for "any run", the month's own state, which may follow a gap).
            single = next(
                (s for s in facts.streaks if (s.kind == wanted[0] if wanted else s.months == 1)),
                None,
            )
        found.append(
            StreakOutcome(line, wanted[0] if wanted else "any", match, tuple(instead), single)
        )
    return found


# -- records ---------------------------------------------------------------------------------


def record(resolver: Resolver, intent: Intent) -> list[RecordOutcome | Line]:
    """The highest (lowest) month of each subject in the asked span or the whole history;
    for an asked month, that month's own record facts."""
    spec = intent.period
    direction = "low" if intent.record_kind == "lowest" else "high"
    found: list[RecordOutcome | Line] = []
    for subject in intent.subjects:
        key = key_of(subject)
        if key.flow == "balance" and intent.direction == "down":
            direction = "low"  # "record deficit": the most negative balance
        series = resolver.series(key)
        if series is None or spec is None or not spec.is_valid:
            found.append(resolver.line(key, spec or latest_spec()))
            continue
        scope = None
        line = None
        if spec.kind in ("span", "trailing"):
            scope = resolve_period(spec, last_of(series) or "")
        elif spec.kind in ("month", "month_of_year") or (spec.kind == "latest" and spec.shift):
            answered = resolver.line(key, spec)
            if not isinstance(answered, MonthLine):
                found.append(answered)
                continue
            line = answered
        # "highest January exports": the record among Januaries, not of all months.
        calendar = spec.month if spec.kind == "month_of_year" else None
        found.append(_peak(series, direction, scope, line, calendar))
    return found


def _peak(
    series: Series,
    direction: str,
    scope: tuple[str, str] | None,
    line: MonthLine | None,
    calendar: int | None = None,
) -> RecordOutcome | Line:
    levels = history(series).levels
    if scope is not None:
        levels = {p: v for p, v in levels.items() if scope[0] <= p <= scope[1]}
    if calendar is not None:
        levels = {p: v for p, v in levels.items() if parse_month(p)[1] == calendar}
    if not levels:
        return NoFigure(
            series.key,
            "gap",
            asked=scope[0] if scope else "",
            first=first_of(series),
            last=last_of(series),
        )
    pick = max if direction == "high" else min
    period, value = pick(levels.items(), key=lambda item: item[1])
    figure = series.customs.get(period)
    if figure is None or figure.value_usd_mn is None:
        figure = series.release.get(period)
    return RecordOutcome(
        key=series.key,
        direction=direction,
        peak_period=period,
        peak_value=value,
        history_start=min(levels),
        history_end=max(levels),
        basis=figure.basis if figure is not None else "release",
        scope=scope,
        line=line,
        source=figure.source if figure is not None else None,
        calendar=calendar,
    )
