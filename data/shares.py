"""A part's share of a whole (an item's or a partner's share of total exports), from levels
of one basis.

Both levels of a month must come from the same basis (customs final where both have it,
else the release), because a share of a release level over a customs level would mix two
vintages; a month where no basis holds both levels makes the span's share unknown, never
a share of fewer months.
"""

from __future__ import annotations

from dataclasses import dataclass

from kortrade.data.series import Series
from kortrade.months import add_months, month_range

__all__ = ["Share", "share"]


@dataclass(frozen=True, slots=True)
class Share:
    """`part_usd_mn` of `whole_usd_mn` over `start`..`end` (one month when equal), with the
    same share a year earlier when it can be computed. `basis` is "customs", "release" or
    "mixed" (months of both, each month of one basis)."""

    start: str
    end: str
    part_usd_mn: float
    whole_usd_mn: float
    basis: str
    year_ago: Share | None = None

    @property
    def pct(self) -> float:
        return self.part_usd_mn / self.whole_usd_mn * 100.0


def _levels(part: Series, whole: Series, period: str) -> tuple[float, float, str] | None:
    for basis in ("customs", "release"):
        a = getattr(part, basis).get(period)
        b = getattr(whole, basis).get(period)
        if a is not None and b is not None and a.value_usd_mn is not None and b.value_usd_mn:
            return a.value_usd_mn, b.value_usd_mn, basis
    return None


def _span_share(part: Series, whole: Series, start: str, end: str) -> Share | None:
    total_part = total_whole = 0.0
    bases: set[str] = set()
    for period in month_range(start, end):
        levels = _levels(part, whole, period)
        if levels is None:
            return None
        total_part += levels[0]
        total_whole += levels[1]
        bases.add(levels[2])
    if total_whole <= 0:
        return None
    basis = bases.pop() if len(bases) == 1 else "mixed"
    return Share(start, end, total_part, total_whole, basis)


def share(part: Series, whole: Series, start: str, end: str) -> Share | None:
    """The share over `start`..`end`, with a year earlier beside it; None when a month of
    the span has no level of one basis for both series."""
    now = _span_share(part, whole, start, end)
    if now is None:
        return None
    before = _span_share(part, whole, add_months(start, -12), add_months(end, -12))
    return Share(now.start, now.end, now.part_usd_mn, now.whole_usd_mn, now.basis, before)
