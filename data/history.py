"""Which stored figure answers: the headline of one month, and the history behind it.

Two views of a `Series`, kept apart on purpose:

- the **headline** of an asked month is what the market saw: the ministry's `release`
  figure with its *stated* growth when there is one; otherwise the `customs` level with
  growth computed from customs levels (same basis only, and flagged computed);
- the **history** used for streaks and records prefers the latest vintage month by
  month: the customs level, and growth computed from customs levels when the month a
  year earlier has one too, falling back to the release's level and stated growth.

Growth is never computed from release levels: news pages round them (8300 for
8,297), so a computed sign could be wrong. The balance's customs vintage is customs
exports minus customs imports of one month (`kortrade.data.answering`), never a release
level minus a customs one. A month with no usable figure is a gap, never a zero.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from kortrade.data.scans import Track
from kortrade.data.series import Figure, Series
from kortrade.months import add_months, to_index

__all__ = ["Headline", "History", "customs_yoy", "headline", "history"]

logger = logging.getLogger(__name__)

# Both bases are "the same" for a month when they agree this closely; below these the
# difference is rounding in a news report, not a revision worth mentioning.
VALUE_TOLERANCE = 0.0005  # 0.05 %
GROWTH_TOLERANCE_PT = 0.1


@dataclass(frozen=True, slots=True)
class Headline:
    """The figure that answers for one month, and the other basis when it tells more."""

    figure: Figure
    yoy_pct: float | None
    yoy_computed: bool
    other: Figure | None = None
    other_yoy_pct: float | None = None
    other_yoy_computed: bool = False


@dataclass(frozen=True, slots=True)
class History:
    """Per month, the latest-vintage level and growth; a missing key is a gap.

    `level_track` and `growth_track` hold the same figures as arrays over consecutive
    months, which the streak and record scans walk (`scans.Track`).
    """

    levels: dict[str, float]
    growth: dict[str, float]
    level_track: Track = field(default_factory=lambda: Track(0, []), repr=False, compare=False)
    growth_track: Track = field(default_factory=lambda: Track(0, []), repr=False, compare=False)


def customs_yoy(series: Series, period: str) -> float | None:
    """Growth from customs levels of `period` and the month a year earlier, if both exist."""
    now = series.customs.get(period)
    before = series.customs.get(add_months(period, -12))
    if now is None or before is None:
        return None
    if now.value_usd_mn is None or before.value_usd_mn is None or before.value_usd_mn == 0:
        return None
    return (now.value_usd_mn / before.value_usd_mn - 1.0) * 100.0


def _differs(a: float | None, b: float | None, *, relative: bool) -> bool:
    """Whether two figures tell different things (one missing counts as different)."""
    if a is None and b is None:
        return False
    if a is None or b is None:
        return True
    if relative:
        scale = max(abs(a), abs(b))
        return scale > 0 and abs(a - b) / scale > VALUE_TOLERANCE
    return abs(a - b) >= GROWTH_TOLERANCE_PT - 1e-9


def headline(series: Series, period: str) -> Headline | None:
    """The release figure with stated growth, else customs with computed growth."""
    release = series.release.get(period)
    customs = series.customs.get(period)
    if release is None and customs is None:
        return None
    if release is None:
        assert customs is not None
        yoy = customs_yoy(series, period)
        return Headline(customs, yoy, yoy_computed=yoy is not None)
    if customs is None:
        return Headline(release, release.yoy_pct, yoy_computed=False)
    other_yoy = customs_yoy(series, period)
    tells_more = _differs(release.value_usd_mn, customs.value_usd_mn, relative=True) or (
        other_yoy is not None and _differs(release.yoy_pct, other_yoy, relative=False)
    )
    if not tells_more:
        return Headline(release, release.yoy_pct, yoy_computed=False)
    return Headline(
        release,
        release.yoy_pct,
        yoy_computed=False,
        other=customs,
        other_yoy_pct=other_yoy,
        other_yoy_computed=other_yoy is not None,
    )


def history(series: Series) -> History:
    """Month by month: customs first (the revised vintage), then the release. Built once
    per Series (`Series.memo`): a chart or "last 12 months" asks a dozen months of it."""
    return series.memo("history", lambda: _build_history(series))


def _build_history(series: Series) -> History:
    """One pass over the months: the rule of `customs_yoy` inlined on month indexes."""
    release = series.release
    customs: dict[int, float] = {}  # customs levels by month index, for growth a year on
    for period, figure in series.customs.items():
        if figure.value_usd_mn is not None:
            customs[to_index(period)] = figure.value_usd_mn
    levels: dict[str, float] = {}
    growth: dict[str, float] = {}
    level_pairs: list[tuple[int, float]] = []
    growth_pairs: list[tuple[int, float]] = []
    for period in sorted(series.customs.keys() | release.keys()):
        index = to_index(period)
        figure = release.get(period)
        level = customs.get(index)
        if level is not None:
            before = customs.get(index - 12)
            yoy = (level / before - 1.0) * 100.0 if before else None
        else:
            level = figure.value_usd_mn if figure is not None else None
            yoy = None
        if yoy is None and figure is not None:
            yoy = figure.yoy_pct
        if level is not None:
            levels[period] = level
            level_pairs.append((index, level))
        if yoy is not None:
            growth[period] = yoy
            growth_pairs.append((index, yoy))
    return History(levels, growth, Track.from_pairs(level_pairs), Track.from_pairs(growth_pairs))
