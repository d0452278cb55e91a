"""The facts engine: what makes a month's figure news, computed from a stored `Series`.

Pure functions over `kortrade.data.series.Series` (no SQL, no wording), so every rule
below is testable with hand-built series. The figure that answers comes from
`kortrade.data.history`: the release's stated growth for the asked month, the latest
vintage (customs final) for the months before it.

Facts are dataclasses, never text; `kortrade.bot.replies.facts` words them.

Honesty rules, shared by every fact:
- a month with no usable figure is a gap: a streak or record scan that meets one stops
  there and says "at least N months" (`at_least=True`, `reason="gap"`);
- a scan that runs off the first stored month says "at least N" too, and the wording
  names where the records begin (`reason="start"`, `history_start`);
- value facts (records, surplus) compare levels; growth facts compare y/y growth.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from kortrade.data.history import headline, history
from kortrade.data.scans import (
    CALENDAR_RECORD_MIN_MONTHS,
    DOUBLE_DIGIT_PCT,
    FIRST_IN_MIN_MONTHS,
    RECORD_MIN_MONTHS,
    Fact,
    FirstIn,
    Record,
    Streak,
    Track,
    first_in_at,
    record_at,
    streak_at,
)
from kortrade.data.series import Figure, Series, SeriesKey
from kortrade.data.span_sums import SpanFacts, span_facts
from kortrade.months import parse_month, to_index

__all__ = [
    "CALENDAR_RECORD_MIN_MONTHS",
    "DOUBLE_DIGIT_PCT",
    "FIRST_IN_MIN_MONTHS",
    "RECORD_MIN_MONTHS",
    "Fact",
    "FirstIn",
    "MonthFacts",
    "Ranking",
    "Record",
    "SpanFacts",
    "Streak",
    "latest_period_with",
    "month_facts",
    "rank",
    "span_facts",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class MonthFacts:
    """One series in one month: the figure that answers, the other basis, and the facts."""

    key: SeriesKey
    period: str
    value_usd_mn: float | None
    yoy_pct: float | None
    yoy_computed: bool
    basis: str
    source: str
    published_on: str | None
    revised_from: Figure | None
    other_basis: Figure | None = None
    other_yoy_pct: float | None = None
    other_yoy_computed: bool = False
    facts: tuple[Fact, ...] = ()

    @property
    def level_usd_mn(self) -> float | None:
        """The headline level, else the other basis' (a release may state growth only)."""
        if self.value_usd_mn is not None:
            return self.value_usd_mn
        return self.other_basis.value_usd_mn if self.other_basis is not None else None

    @property
    def level_basis(self) -> str | None:
        if self.value_usd_mn is not None:
            return self.basis
        if self.other_basis is not None and self.other_basis.value_usd_mn is not None:
            return self.other_basis.basis
        return None

    @property
    def streaks(self) -> list[Streak]:
        return [fact for fact in self.facts if isinstance(fact, Streak)]

    @property
    def records(self) -> list[Record]:
        return [fact for fact in self.facts if isinstance(fact, Record)]

    @property
    def firsts(self) -> list[FirstIn]:
        return [fact for fact in self.facts if isinstance(fact, FirstIn)]

    @property
    def notable(self) -> list[Fact]:
        return [fact for fact in self.facts if fact.notable]

    def streak(self, kind: str) -> Streak | None:
        return next((s for s in self.streaks if s.kind == kind), None)


@dataclass(frozen=True, slots=True)
class Ranking:
    """Series ranked by a measure; those without it that month are listed, not dropped."""

    by: str
    period: str
    ranked: list[MonthFacts] = field(default_factory=list)
    missing: list[SeriesKey] = field(default_factory=list)

    def __iter__(self) -> Iterator[MonthFacts]:
        return iter(self.ranked)

    def __len__(self) -> int:
        return len(self.ranked)

    def __getitem__(self, index: int) -> MonthFacts:
        return self.ranked[index]


def _facts(
    flow: str, levels: Track, growth: Track, t: int, level: float | None, yoy: float | None
) -> list[Fact]:
    """The facts of month index `t`, whose level and growth are `level` and `yoy`."""
    facts: list[Fact | None] = []
    if flow == "balance":
        facts += [
            streak_at("surplus", levels, t, level, lambda x: x > 0),
            streak_at("deficit", levels, t, level, lambda x: x < 0),
            first_in_at("surplus", levels, t, level, lambda x: x > 0),
            first_in_at("deficit", levels, t, level, lambda x: x < 0),
        ]
        if level is not None and level != 0:
            direction = "high" if level > 0 else "low"
            facts += [
                record_at("value", direction, levels, t, level, calendar=False),
                record_at("value", direction, levels, t, level, calendar=True),
            ]
        return [fact for fact in facts if fact is not None]
    facts += [
        streak_at("rise", growth, t, yoy, lambda x: x > 0),
        streak_at("decline", growth, t, yoy, lambda x: x < 0),
        streak_at("double_digit_rise", growth, t, yoy, lambda x: x >= DOUBLE_DIGIT_PCT),
        streak_at("double_digit_decline", growth, t, yoy, lambda x: x <= -DOUBLE_DIGIT_PCT),
        first_in_at("rise", growth, t, yoy, lambda x: x > 0),
        first_in_at("decline", growth, t, yoy, lambda x: x < 0),
    ]
    for direction in ("high", "low"):
        facts += [
            record_at("value", direction, levels, t, level, calendar=False),
            record_at("value", direction, levels, t, level, calendar=True),
        ]
    if yoy is not None and yoy != 0:
        direction = "high" if yoy > 0 else "low"
        facts.append(record_at("growth", direction, growth, t, yoy, calendar=False))
    return [fact for fact in facts if fact is not None]


def month_facts(series: Series, period: str) -> MonthFacts | None:
    """The answering figure of `period` and its streak/record facts; None when no figure.
    Computed once per Series and month (`Series.memo`)."""
    return series.memo(("month_facts", period), lambda: _month_facts(series, period))


def _month_facts(series: Series, period: str) -> MonthFacts | None:
    head = headline(series, period)
    if head is None:
        return None
    past = history(series)
    # The asked month speaks with its headline (what the market saw); where the headline
    # lacks a measure, the month's latest vintage stands in. The scans take that month's
    # values apart from the history, so the history is shared, never copied.
    t = to_index(period)
    figure = head.figure
    level = figure.value_usd_mn
    if level is None:
        level = past.level_track.at(t)
    yoy = head.yoy_pct
    if yoy is None:
        yoy = past.growth_track.at(t)
    return MonthFacts(
        key=series.key,
        period=period,
        value_usd_mn=figure.value_usd_mn,
        yoy_pct=head.yoy_pct,
        yoy_computed=head.yoy_computed,
        basis=figure.basis,
        source=figure.source,
        published_on=figure.published_on,
        revised_from=figure.revised_from,
        other_basis=head.other,
        other_yoy_pct=head.other_yoy_pct,
        other_yoy_computed=head.other_yoy_computed,
        facts=tuple(_facts(series.key.flow, past.level_track, past.growth_track, t, level, yoy)),
    )


def _measure(facts: MonthFacts, by: str) -> float | None:
    if by == "growth":
        return facts.yoy_pct if facts.yoy_pct is not None else facts.other_yoy_pct
    return facts.level_usd_mn


def rank(
    series_list: Iterable[Series], period: str, by: Literal["growth", "value"] = "growth"
) -> Ranking:
    """Highest first; series with no figure for the measure go to `missing`."""
    if by not in ("growth", "value"):
        raise ValueError(f"rank by 'growth' or 'value', not {by!r}")
    ranked: list[tuple[float, MonthFacts]] = []
    missing: list[SeriesKey] = []
    for series in series_list:
        facts = month_facts(series, period)
        measure = _measure(facts, by) if facts is not None else None
        if facts is None or measure is None:
            missing.append(series.key)
        else:
            ranked.append((measure, facts))
    ranked.sort(key=lambda pair: pair[0], reverse=True)
    return Ranking(by=by, period=period, ranked=[f for _, f in ranked], missing=missing)


def latest_period_with(
    series: Series, month_of_year: int, *, until: str | None = None
) -> str | None:
    """The latest period of a calendar month with a figure: "January" = the latest January."""
    candidates = [
        p
        for p in series.periods
        if parse_month(p)[1] == month_of_year and (until is None or p <= until)
    ]
    return candidates[-1] if candidates else None
