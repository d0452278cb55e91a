"""Momentum: is growth speeding up or slowing, the 3-month moving average and its growth,
and the change on the month before.

From the latest-vintage history (`history.History`), so the three months compared are
of one vintage each, as streaks are. A month without a figure leaves its measure
unknown (None); nothing is averaged over fewer months than asked.
"""

from __future__ import annotations

from dataclasses import dataclass

from kortrade.data.history import History
from kortrade.months import add_months

__all__ = ["MMA_MONTHS", "Momentum", "momentum"]

MMA_MONTHS = 3


@dataclass(frozen=True, slots=True)
class Momentum:
    """`growth`: (month, y/y growth) for the three months ending at `period`, oldest first.
    `trend`: "accelerating" (each faster than the one before), "slowing" (each slower),
    "mixed", or None when a month lacks growth. `mma_usd_mn` is the average level of those
    three months, `mma_growth_pct` its change on the same three months a year earlier;
    `mom_pct` the level's change on the month before."""

    period: str
    growth: tuple[tuple[str, float | None], ...]
    trend: str | None
    mma_usd_mn: float | None
    mma_year_ago_usd_mn: float | None
    mma_growth_pct: float | None
    level_usd_mn: float | None
    previous_usd_mn: float | None
    mom_pct: float | None


def _average(past: History, end: str) -> float | None:
    levels = [past.levels.get(add_months(end, -k)) for k in range(MMA_MONTHS)]
    if any(level is None for level in levels):
        return None
    return sum(level for level in levels if level is not None) / MMA_MONTHS


def _trend(growth: list[float | None]) -> str | None:
    if any(g is None for g in growth):
        return None
    a, b, c = (float(g) for g in growth if g is not None)
    if a < b < c:
        return "accelerating"
    if a > b > c:
        return "slowing"
    return "mixed"


def momentum(past: History, period: str) -> Momentum:
    """The momentum measures of the months ending at `period`."""
    months = [add_months(period, -k) for k in range(MMA_MONTHS - 1, -1, -1)]
    growth = [past.growth.get(m) for m in months]
    mma = _average(past, period)
    mma_before = _average(past, add_months(period, -12))
    mma_growth = (mma / mma_before - 1.0) * 100.0 if mma is not None and mma_before else None
    level = past.levels.get(period)
    previous = past.levels.get(add_months(period, -1))
    mom = (level / previous - 1.0) * 100.0 if level is not None and previous else None
    return Momentum(
        period=period,
        growth=tuple(zip(months, growth, strict=True)),
        trend=_trend(growth),
        mma_usd_mn=mma,
        mma_year_ago_usd_mn=mma_before,
        mma_growth_pct=mma_growth,
        level_usd_mn=level,
        previous_usd_mn=previous,
        mom_pct=mom,
    )
