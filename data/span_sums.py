"""Sums over a run of months (a quarter, a half, a year, "so far this year") and their growth.

A span is summed only when every month has a level, each chosen by one rule (the
month's headline level: the release's when it states one, else the customs level).
A missing month is named and no sum is given, because a partial sum would read as a
fall. Growth against the same span a year earlier is always computed, so it is
flagged as such (not given for the balance, whose sign can flip). Daily averages
are rates, not amounts: they cannot be summed (`summable=False`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from kortrade.data.series import Series, SeriesKey
from kortrade.months import add_months, month_range, months_between

__all__ = ["NOT_SUMMABLE_FLOWS", "SpanFacts", "month_level", "span_facts"]

logger = logging.getLogger(__name__)

NOT_SUMMABLE_FLOWS: frozenset[str] = frozenset({"export_daily_avg"})


@dataclass(frozen=True, slots=True)
class SpanFacts:
    """A span's total and its growth on the same span a year earlier.

    `total_usd_mn` is None when any month lacks a level (see `missing`) or the flow is
    not summable (`summable=False`). `bases` lists the bases the summed levels came from.
    """

    key: SeriesKey
    start: str
    end: str
    months: int
    summable: bool = True
    total_usd_mn: float | None = None
    missing: list[str] = field(default_factory=list)
    bases: tuple[str, ...] = ()
    prior_start: str = ""
    prior_end: str = ""
    prior_total_usd_mn: float | None = None
    prior_missing: list[str] = field(default_factory=list)
    yoy_pct: float | None = None
    yoy_computed: bool = True
    sources: tuple[str, ...] = ()


def month_level(series: Series, period: str) -> tuple[float, str, str] | None:
    """(level, basis, source) of a month's headline level, or None when it has none."""
    release = series.release.get(period)
    if release is not None and release.value_usd_mn is not None:
        return release.value_usd_mn, release.basis, release.source
    customs = series.customs.get(period)
    if customs is not None and customs.value_usd_mn is not None:
        return customs.value_usd_mn, customs.basis, customs.source
    return None


def _sum(
    series: Series, start: str, end: str
) -> tuple[float | None, list[str], set[str], list[str]]:
    total = 0.0
    missing: list[str] = []
    bases: set[str] = set()
    sources: list[str] = []
    for period in month_range(start, end):
        level = month_level(series, period)
        if level is None:
            missing.append(period)
            continue
        total += level[0]
        bases.add(level[1])
        if level[2] not in sources:
            sources.append(level[2])
    return (None if missing else total), missing, bases, sources


def span_facts(series: Series, start: str, end: str) -> SpanFacts:
    """Sum `start`..`end` (both included) and compare with the span a year earlier."""
    if months_between(start, end) < 0:
        raise ValueError(f"span starts after it ends: {start}..{end}")
    months = months_between(start, end) + 1
    prior_start, prior_end = add_months(start, -12), add_months(end, -12)
    if series.key.flow in NOT_SUMMABLE_FLOWS:
        return SpanFacts(
            series.key, start, end, months, summable=False,
            prior_start=prior_start, prior_end=prior_end,
        )  # fmt: skip
    total, missing, bases, sources = _sum(series, start, end)
    prior, prior_missing, _, _ = _sum(series, prior_start, prior_end)
    yoy = None
    if total is not None and prior is not None and prior != 0 and series.key.flow != "balance":
        yoy = (total / prior - 1.0) * 100.0
    return SpanFacts(
        key=series.key,
        start=start,
        end=end,
        months=months,
        total_usd_mn=total,
        missing=missing,
        bases=tuple(sorted(bases)),
        prior_start=prior_start,
        prior_end=prior_end,
        prior_total_usd_mn=prior,
        prior_missing=prior_missing,
        yoy_pct=yoy,
        sources=tuple(sources),
    )
