"""The desk's question kinds against the data: shares, "when did it last", "since when",
momentum and declines. Returns the desk outcomes of `resolve.outcomes`; words nothing.

Months are picked as for a figure (`Resolver.line`): the month asked, the latest such
calendar month, or the series' latest; a month after the data says which one answers
instead. A share needs both levels on one basis, so for "latest" it is the latest month
where they exist, and an asked month without them names the nearest month that has them.
"""

from __future__ import annotations

import dataclasses

from kortrade.data.facts import Record, latest_period_with, month_facts
from kortrade.data.history import history
from kortrade.data.momentum import momentum
from kortrade.data.occurrences import last_occurrence
from kortrade.data.series import Series, SeriesKey
from kortrade.data.shares import share
from kortrade.intents import Intent, PeriodSpec, resolve_period
from kortrade.intents.spans import latest_spec, month_spec
from kortrade.months import add_months
from kortrade.resolve.figures import HS_CHIPS, SEMICONDUCTOR_ITEMS, Resolver, key_of
from kortrade.resolve.outcomes import (
    DeclineOutcome,
    LastOutcome,
    MomentumOutcome,
    MonthLine,
    ShareOutcome,
    SinceOutcome,
)

__all__ = ["decline", "last_happened", "momentum_of", "share_of", "since_when"]

#: How far back an asked month without both levels looks for the nearest month with them.
_SHARE_LOOKBACK = 36


def decline(intent: Intent) -> DeclineOutcome:
    spec = intent.period
    said_period = spec is not None and spec.kind not in ("latest", "invalid")
    return DeclineOutcome(
        reason=intent.decline or "forecast",
        keys=tuple(key_of(s) for s in intent.subjects),
        period_label=spec.label if said_period and spec else "",
        period_label_ko=spec.label_ko if said_period and spec else "",
    )


def _month_for(series: Series, spec: PeriodSpec) -> tuple[str | None, str | None]:
    """(month that answers, month asked when that differs) for a month-like spec."""
    last = series.last
    if last is None:
        return None, None
    if spec.kind == "month" and spec.start:
        return (spec.start, None) if spec.start <= last else (last, spec.start)
    if spec.kind == "month_of_year" and spec.month:
        return latest_period_with(series, spec.month), None
    return add_months(last, spec.shift), None


def share_of(resolver: Resolver, intent: Intent) -> list[ShareOutcome]:
    outcomes = []
    spec = intent.period or latest_spec()
    for subject in intent.subjects:
        part_key = key_of(subject)
        whole_key = intent.share_of
        if whole_key is None or subject.flow not in ("export", "import"):
            outcomes.append(ShareOutcome(part_key, None, None, reason="no_part"))
            continue
        whole = SeriesKey(subject.flow, whole_key.product, whole_key.partner)
        chips_by_partner = part_key.product in SEMICONDUCTOR_ITEMS and part_key.partner != "world"
        if resolver.series(part_key) is None and chips_by_partner:
            # Chips by partner exist only as HS 8542, a narrower customs code: its share of
            # its own world total answers, and says so.
            hs_part = SeriesKey(part_key.flow, HS_CHIPS, part_key.partner)
            hs_whole = SeriesKey(part_key.flow, HS_CHIPS, "world")
            if resolver.series(hs_part) is not None and resolver.series(hs_whole) is not None:
                found = _share(resolver, hs_part, hs_whole, spec)
                outcomes.append(dataclasses.replace(found, stands_in_for=part_key.product))
                continue
        outcomes.append(_share(resolver, part_key, whole, spec))
    return outcomes


def _share(
    resolver: Resolver, part_key: SeriesKey, whole_key: SeriesKey, spec: PeriodSpec
) -> ShareOutcome:
    part, whole = resolver.series(part_key), resolver.series(whole_key)
    if part is None or whole is None:
        return ShareOutcome(part_key, whole_key, None, reason="no_series")
    last = min(part.last or "", whole.last or "")
    if spec.kind in ("span", "trailing"):
        bounds = resolve_period(spec, last)
        found = share(part, whole, *bounds) if bounds else None
        return ShareOutcome(
            part_key,
            whole_key,
            found,
            reason=None if found else "no_level",
            asked_label=spec.label,
            asked_label_ko=spec.label_ko,
            sources=_sources(part, whole, *bounds) if found and bounds else (),
        )
    month: str | None = last
    asked: str | None = None
    if spec.kind != "latest":
        month, asked = _month_for(part, spec)
    if month is None:
        return ShareOutcome(part_key, whole_key, None, reason="no_level")
    found = share(part, whole, month, month)
    if found is None:
        # The nearest earlier month with both levels answers, and says so (unless the
        # latest was asked: then it simply is the latest month with a share).
        asked = asked or (month if spec.kind != "latest" else None)
        for back in range(1, _SHARE_LOOKBACK + 1):
            candidate = add_months(min(month, last), -back)
            found = share(part, whole, candidate, candidate)
            if found is not None:
                break
    if found is None:
        return ShareOutcome(part_key, whole_key, None, reason="no_level", asked=asked or month)
    return ShareOutcome(
        part_key,
        whole_key,
        found,
        asked=asked,
        sources=_sources(part, whole, found.start, found.end),
    )


def _sources(part: Series, whole: Series, start: str, end: str) -> tuple[str, ...]:
    ids: list[str] = []
    for series in (part, whole):
        for period in (start, end):
            for basis in (series.customs, series.release):
                figure = basis.get(period)
                if figure is not None and figure.source not in ids:
                    ids.append(figure.source)
    return tuple(ids)


def last_happened(resolver: Resolver, intent: Intent) -> list[LastOutcome]:
    outcomes = []
    spec = intent.period or latest_spec()
    event = intent.event or "fall"
    for subject in intent.subjects:
        key = key_of(subject)
        series = resolver.series(key)
        if series is None:
            outcomes.append(LastOutcome(key, None, missing=resolver.line(key, spec)))
            continue
        upto, _asked = _month_for(series, spec)
        if upto is None:
            outcomes.append(LastOutcome(key, None, missing=resolver.line(key, spec)))
            continue
        if event in ("deficit", "surplus") and key.flow != "balance":
            event = "fall" if event == "deficit" else "rise"
        found = last_occurrence(
            history(series), event, upto, threshold_usd_mn=intent.threshold_usd_mn
        )
        basis = source = None
        if found.period is not None:
            figure = series.customs.get(found.period) or series.release.get(found.period)
            if figure is not None:
                basis, source = figure.basis, figure.source
        outcomes.append(LastOutcome(key, found, basis, source))
    return outcomes


def since_when(resolver: Resolver, intent: Intent) -> list[SinceOutcome]:
    outcomes = []
    spec = intent.period or latest_spec()
    direction = "low" if intent.record_kind == "lowest" else "high"
    span = spec if spec.kind in ("span", "trailing") else None
    for subject in intent.subjects:
        key = key_of(subject)
        line = resolver.line(key, _last_month_of(resolver, key, span) if span else spec)
        if span is not None and isinstance(line, MonthLine):
            # "Since when" is about one month: the span's last month answers, and says so.
            line = dataclasses.replace(line, asked_label=span.label, asked_label_ko=span.label_ko)
        if not isinstance(line, MonthLine):
            outcomes.append(SinceOutcome(key, direction, line))
            continue
        record = _value_record(line.facts.records, direction)
        series = resolver.series(key)
        previous = month_facts(series, add_months(line.period, -1)) if series is not None else None
        outcomes.append(SinceOutcome(key, direction, line, record, previous))
    return outcomes


def _last_month_of(resolver: Resolver, key: SeriesKey, span: PeriodSpec) -> PeriodSpec:
    """The last month of `span` with data for `key` (or the latest, when none)."""
    series = resolver.series(key)
    bounds = resolve_period(span, series.last or "") if series is not None else None
    if bounds is None or series is None:
        return latest_spec()
    within = [p for p in series.periods if bounds[0] <= p <= bounds[1]]
    return month_spec(int(within[-1][:4]), int(within[-1][5:]), span.label) if within else span


def _value_record(records: list[Record], direction: str) -> Record | None:
    return next(
        (
            r
            for r in records
            if r.measure == "value" and r.direction == direction and not r.calendar
        ),
        None,
    )


def momentum_of(resolver: Resolver, intent: Intent) -> list[MomentumOutcome]:
    outcomes = []
    spec = intent.period or latest_spec()
    if spec.kind in ("span", "trailing"):
        spec = latest_spec()
    measure = intent.momentum or "trend"
    for subject in intent.subjects:
        key = key_of(subject)
        line = resolver.line(key, spec)
        series = resolver.series(key)
        if not isinstance(line, MonthLine) or series is None:
            outcomes.append(MomentumOutcome(key, measure, line))
            continue
        if key.flow == "balance":
            levels = history(series).levels
            months = [add_months(line.period, step) for step in (-2, -1, 0)]
            recent = tuple((m, levels[m]) for m in months if m in levels)
            outcomes.append(MomentumOutcome(key, measure, line, recent=recent))
            continue
        outcomes.append(MomentumOutcome(key, measure, line, momentum(history(series), line.period)))
    return outcomes
