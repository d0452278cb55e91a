"""Flash figures against the store: the customs office's first-10/20-day counts.

`Store.flash(key)` holds them apart from the months, keyed by (period, days). The span
asked answers, or nothing does: a full month is never offered as a flash (nor a flash as
a month), and a span with no stored flash says so with the newest one there is. The daily
average and working days are the ones stated for the same span (the `export_daily_avg`
flash rows), never computed here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kortrade.data.digest import SourceRef
from kortrade.data.series import FlashFigure, SeriesKey
from kortrade.intents import Intent, PeriodSpec
from kortrade.intents.spans import latest_spec
from kortrade.resolve.backing import refs
from kortrade.resolve.figures import Resolver, key_of
from kortrade.resolve.outcomes import FlashOutcome

if TYPE_CHECKING:
    from kortrade.data.store import Store

__all__ = ["flash", "span_alert"]

#: What a flash alert states: the totals the customs office counts, in this order.
_ALERT_FLOWS = ("export", "import", "balance")


def _newest(flashes: dict[tuple[str, int], FlashFigure], days: int | None) -> FlashFigure | None:
    keys = [k for k in flashes if days is None or k[1] == days]
    return flashes[max(keys)] if keys else None


def _period(
    spec: PeriodSpec, flashes: dict[tuple[str, int], FlashFigure], days: int | None
) -> str | None:
    if spec.kind == "month" and spec.start:
        return spec.start
    if spec.kind == "month_of_year" and spec.month:
        months = sorted(
            {p for p, d in flashes if int(p[5:7]) == spec.month and (days is None or d == days)}
        )
        return months[-1] if months else None
    if spec.kind in ("span", "trailing"):
        return spec.end if spec.kind == "span" else None
    newest = _newest(flashes, days)
    return newest.period if newest else None


def flash(resolver: Resolver, intent: Intent) -> list[FlashOutcome]:
    spec = intent.period or latest_spec()
    outcomes = []
    for subject in intent.subjects:
        key = key_of(subject)
        flashes = resolver.store.flash(key)
        if not flashes:
            outcomes.append(FlashOutcome(key, None, intent.flash_days, reason="no_series"))
            continue
        period = _period(spec, flashes, intent.flash_days)
        days = intent.flash_days
        if period is not None and days is None:  # "flash exports September": the longer one
            days = 20 if (period, 20) in flashes else 10
        found = flashes.get((period, days)) if period is not None and days else None
        if found is None:
            series = resolver.series(key)
            stored = series is not None and (period in series.release or period in series.customs)
            latest = _newest(flashes, None)
            outcomes.append(
                FlashOutcome(
                    key,
                    period,
                    days,
                    latest=latest,
                    reason="no_span",
                    month=period if stored else None,
                )
            )
            continue
        daily = None
        if key.flow == "export":
            daily_key = SeriesKey("export_daily_avg", key.product, key.partner)
            daily = resolver.store.flash(daily_key).get((found.period, found.days))
        outcomes.append(FlashOutcome(key, found.period, found.days, found, daily))
    return outcomes


def span_alert(
    store: Store, period: str, days: int
) -> tuple[list[FlashOutcome], tuple[SourceRef, ...]]:
    """A flash span's alert (`/subscribe flash`): exports (with the stated daily average),
    imports and the balance for the first `days` days of `period`, each where stored, and
    the sources behind them."""
    outcomes = []
    for flow in _ALERT_FLOWS:
        key = SeriesKey(flow)
        found = store.flash(key).get((period, days))
        if found is None:
            continue
        daily = None
        if flow == "export":
            daily = store.flash(SeriesKey("export_daily_avg")).get((period, days))
        outcomes.append(FlashOutcome(key, period, days, found, daily))
    ids = [f.source for o in outcomes for f in (o.figure, o.daily) if f is not None]
    return outcomes, refs(store, {}, ids)
