"""Subjects and periods resolved against the stored data: which figure answers, or why none.

An `Intent` says "semiconductor exports, last month"; only the store knows whether last
month is out yet, where the series starts, and whether there is a semiconductors-to-China
series at all (there is not: only HS 8542 by country, a narrower customs code). `Resolver`
makes those calls once per question and returns `kortrade.resolve.outcomes` lines for the
wording layer. The rules, in the order they are checked for one month:

- after this series' last month: its latest answers, saying why: the series lags the
  store's newest month ("series_behind"), or the month is not released yet by today's
  date ("not_out"), or it should be out (the ministry publishes on the 1st of the next
  month) but is not in the store ("not_loaded") -- "not out yet" would then be false;
- before the series' first month: no figure, and from when records start;
- a month inside the series without a figure (a gap): no figure, the nearest months with
  one, and another series that has the month (HS 8542 for chips), clearly labelled.

Month facts are computed once per Series (`Series.memo`).
"""

from __future__ import annotations

import bisect
import dataclasses
import logging
from typing import TYPE_CHECKING, Any

from kortrade.data.answering import answering_series
from kortrade.data.facts import MonthFacts, latest_period_with, month_facts, span_facts
from kortrade.data.series import HEADLINE_KEY, Series, SeriesKey
from kortrade.intents import PeriodSpec, Subject, resolve_period
from kortrade.months import add_months, months_between
from kortrade.resolve.outcomes import Alternative, Line, MonthLine, NoFigure, SpanLine

if TYPE_CHECKING:
    import datetime as dt

    from kortrade.data.store import Store

__all__ = ["HS_CHIPS", "SEMICONDUCTOR_ITEMS", "Resolver", "key_of"]

logger = logging.getLogger(__name__)

#: Items the customs code HS 8542 (integrated circuits) is offered for, as a narrower stand-in.
SEMICONDUCTOR_ITEMS = frozenset({"semiconductors", "memory_chips", "system_chips"})
HS_CHIPS = "hs8542"
_COMPANIONS = (SeriesKey("import"), SeriesKey("balance"))
#: A series' latest month this far behind the store's newest is called out as old.
_STALE_MONTHS = 12


def key_of(subject: Subject) -> SeriesKey:
    return SeriesKey(subject.flow, subject.product, subject.partner)


class Resolver:
    """One question's view of the store: the series that exist and the newest month."""

    def __init__(
        self,
        store: Store,
        today: dt.date,
        *,
        keys: frozenset[SeriesKey] | None = None,
        latest: str | None = None,
    ) -> None:
        """`keys` and `latest` may come from a per-store cache (`StoreView`)."""
        self.store = store
        self.today = today
        self.keys = keys if keys is not None else frozenset(store.series_keys())
        self.latest = latest if keys is not None else store.series(HEADLINE_KEY).last

    # -- series ----------------------------------------------------------------------------

    def series(self, key: SeriesKey) -> Series | None:
        """The series answering `key` (`kortrade.data.answering`), or None."""
        return answering_series(self.store, key, self.keys)

    def why_after(self, last: str, period: str) -> str:
        """Why `period`, after `last` (the newest month a series, or a ranking, has), has
        no figure: "series_behind", "not_loaded" or "not_out" (see the module doc)."""
        if last < (self.latest or last):
            return "series_behind"
        released = add_months(period, 1)  # the ministry publishes on the 1st of the next month
        return "not_loaded" if f"{self.today:%Y-%m}" >= released else "not_out"

    # -- one series, one period ------------------------------------------------------------

    def line(self, key: SeriesKey, spec: PeriodSpec, *, companions: bool = False) -> Line:
        """The line answering `key` over `spec` (a month, a span, or why there is none)."""
        if not spec.is_valid:
            return _missing(key, "invalid", spec)
        series = self.series(key)
        if series is None:
            span = spec if spec.kind in ("span", "trailing") else None
            month = spec.start if spec.kind == "month" else None
            found = self.alternatives(key, month, require_figure=span is not None, span=span)
            return _missing(key, "no_series", spec, alternatives=found)
        if spec.kind in ("span", "trailing"):
            return self._span(series, spec)
        period = _month_named(series, spec)
        if period is None:  # "January" with no January stored
            before = month_facts(series, series.last or "")
            return _missing(
                key, "no_calendar_month", spec, first=series.first, last=series.last, before=before
            )
        line = self.month_line(
            series,
            period,
            relative=spec.relative_label,
            relative_ko=spec.relative_label_ko,
            month_of_year=spec.kind == "month_of_year",
            companions=companions,
        )
        stale = self.latest and months_between(period, self.latest) >= _STALE_MONTHS
        if spec.kind == "latest" and not spec.shift and stale and isinstance(line, MonthLine):
            # "exports to Vietnam" answered with August 2023: say how old "latest" is.
            return dataclasses.replace(line, why="stale")
        return line

    def month_line(
        self,
        series: Series,
        period: str,
        *,
        relative: str | None = None,
        relative_ko: str | None = None,
        month_of_year: bool = False,
        companions: bool = False,
    ) -> Line:
        key = series.key
        first, last = series.first or period, series.last or period
        if period > last:
            why = self.why_after(series.last or "", period)
            facts = month_facts(series, last)
            if facts is None:  # cannot happen for a non-empty series; stay honest if it does
                return NoFigure(key, "gap", asked=period, first=first, last=last)
            return MonthLine(
                key,
                facts,
                asked=period,
                why=why,
                companions=self._companions(key, last) if companions else (),
            )
        if period < first:
            return NoFigure(
                key,
                "before_start",
                asked=period,
                first=first,
                last=last,
                alternatives=self.alternatives(key, period, require_figure=True),
            )
        facts = month_facts(series, period)
        if facts is None:
            before, after = self._nearest(series, period)
            return NoFigure(
                key,
                "gap",
                asked=period,
                first=first,
                last=last,
                before=before,
                after=after,
                # A balance gap is answered by that month's exports and imports; an item's
                # gap only by HS 8542 (its nearest months tell more than all goods).
                alternatives=self.alternatives(
                    key, period, require_figure=True, narrower_only=key.flow != "balance"
                ),
            )
        return MonthLine(
            key,
            facts,
            relative=relative,
            relative_ko=relative_ko,
            month_of_year=month_of_year,
            companions=self._companions(key, period) if companions else (),
            previous_missing=_missing_before(series, period),
        )

    def _companions(self, key: SeriesKey, period: str) -> tuple[MonthFacts, ...]:
        """Imports and the balance beside an exports total: the month's whole picture."""
        if key != HEADLINE_KEY:
            return ()
        found = []
        for other in _COMPANIONS:
            series = self.series(other)
            facts = month_facts(series, period) if series is not None else None
            if facts is not None:
                found.append(facts)
        return tuple(found)

    def _span(self, series: Series, spec: PeriodSpec) -> Line:
        key = series.key
        last = series.last or ""
        bounds = resolve_period(spec, last)
        if bounds is None:
            return _missing(key, "invalid", spec)
        start, end = bounds
        if start > last:
            why = self.why_after(series.last or "", start)
            facts = month_facts(series, last)
            if facts is not None:
                return MonthLine(
                    key,
                    facts,
                    asked=start,
                    why=why,
                    asked_label=spec.label,
                    asked_label_ko=spec.label_ko,
                )
        first = series.first or start
        if end < first:
            found = self.alternatives(key, None, require_figure=True, span=spec)
            return _missing(key, "before_start", spec, first=first, last=last, alternatives=found)
        summed = span_facts(series, start, end)
        latest = None
        if summed.total_usd_mn is None:
            latest = self._latest_within(series, start, min(end, last))
            if latest is None and start >= first:
                # Not one month of the span is stored (China's balance in 2023): say so,
                # with the nearest months and what exists instead, not an empty total.
                before, _ = self._nearest(series, start)
                _, after = self._nearest(series, add_months(end, 1))
                near = {"first": first, "last": last, "before": before, "after": after}
                found = self.alternatives(key, None, require_figure=True, span=spec)
                return _missing(key, "gap", spec, alternatives=found, **near)
        return SpanLine(
            key,
            summed,
            label=spec.label,
            label_ko=spec.label_ko,
            latest=latest,
            starts=first if start < first else None,
        )

    # -- neighbours and stand-ins ------------------------------------------------------------

    def _latest_within(self, series: Series, start: str, end: str) -> MonthFacts | None:
        periods = series.periods
        index = bisect.bisect_right(periods, end) - 1
        if index >= 0 and periods[index] >= start:
            return month_facts(series, periods[index])
        return None

    def _nearest(self, series: Series, period: str) -> tuple[MonthFacts | None, MonthFacts | None]:
        periods = series.periods
        index = bisect.bisect_left(periods, period)
        before = month_facts(series, periods[index - 1]) if index > 0 else None
        after = month_facts(series, periods[index]) if index < len(periods) else None
        return before, after

    def alternatives(
        self,
        key: SeriesKey,
        period: str | None,
        *,
        require_figure: bool,
        narrower_only: bool = False,
        span: PeriodSpec | None = None,
    ) -> tuple[Alternative, ...]:
        """Series that exist near `key`: HS 8542 for chips (narrower), HS 8542 for a
        partner only it covers (the UK, Poland), the item to the world, all goods to the
        partner, exports and imports for a balance.

        Each is shown for `period`, summed over `span` (resolved against its own
        latest month, so "2026 so far" ends where it ends), or at its latest month. A
        candidate without a figure then is dropped, unless `require_figure` is False and
        no month was asked: a bare name helps nobody. With `narrower_only` only HS 8542
        is offered (a gap in an item's months is better answered by its nearest months).
        """
        candidates: list[tuple[SeriesKey, bool]] = []
        if key.product in SEMICONDUCTOR_ITEMS:
            candidates.append((SeriesKey(key.flow, HS_CHIPS, key.partner), True))
        if key.product == "all" and key.partner != "world":
            candidates.append((SeriesKey(key.flow, HS_CHIPS, key.partner), False))
        if key.partner != "world":
            candidates.append((SeriesKey(key.flow, key.product, "world"), False))
        if key.product != "all":
            candidates.append((SeriesKey(key.flow, "all", key.partner), False))
        if key.flow == "balance":
            for flow in ("export", "import"):
                candidates.append((SeriesKey(flow, key.product, key.partner), False))
        found: list[Alternative] = []
        seen: set[SeriesKey] = {key}
        for candidate, narrower in candidates:
            if candidate in seen or (narrower_only and not narrower):
                continue
            seen.add(candidate)
            series = self.series(candidate)
            if series is None:
                continue
            if span is not None:
                bounds = resolve_period(span, series.last or "")
                summed = span_facts(series, *bounds) if bounds else None
                if summed is None or summed.total_usd_mn is None:
                    continue
                found.append(Alternative(candidate, narrower=narrower, span=summed))
                continue
            when = period if period is not None else series.last
            facts = month_facts(series, when) if when else None
            if facts is None and (require_figure or period is not None):
                continue
            found.append(Alternative(candidate, facts, when, narrower=narrower))
        return tuple(found[:3])


def _missing_before(series: Series, period: str) -> str | None:
    before = add_months(period, -1)
    if before < (series.first or period) or before in series.release or before in series.customs:
        return None
    return before


def _month_named(series: Series, spec: PeriodSpec) -> str | None:
    """The month a month-like spec names in `series`: "January" is its latest January
    (None when it has none), "latest" its last month; either shifted ("a year earlier")."""
    if spec.kind == "month_of_year" and spec.month:
        base = latest_period_with(series, spec.month)
        return add_months(base, spec.shift) if base is not None else None
    if spec.kind == "month" and spec.start:
        return spec.start
    return add_months(series.last or "", spec.shift)


def _missing(key: SeriesKey, reason: str, spec: PeriodSpec, **more: Any) -> NoFigure:
    """No figure for `key` over the period `spec` names, and why (`NoFigure`)."""
    return NoFigure(key, reason, asked=spec.label, asked_ko=spec.label_ko, **more)
