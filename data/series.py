"""The shared vocabulary of figures: what the store returns and the facts engine reads.

A `Series` holds both vintages of one (flow, product, partner) month by month, the
ministry's preliminary `release` figures and Korea Customs Service's final `customs`
levels, untouched. Choosing which one answers (the release's stated growth for the
asked month, the latest vintage for history) is the facts engine's job, so that the
rule lives in one pure, testable place instead of in SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, cast

__all__ = [
    "BASES",
    "FLOWS",
    "HEADLINE",
    "HEADLINE_KEY",
    "Basis",
    "Figure",
    "FlashFigure",
    "Flow",
    "Series",
    "SeriesKey",
]

T = TypeVar("T")
Flow = Literal["export", "import", "balance", "export_daily_avg"]
Basis = Literal["release", "customs"]
FLOWS: tuple[str, ...] = ("export", "import", "balance", "export_daily_avg")
BASES: tuple[str, ...] = ("release", "customs")
#: (flow, product, partner) of the headline series: its first figure for a month makes that
#: month a new release (ingest reports it, the alerts job announces it).
HEADLINE: tuple[str, str, str] = ("export", "all", "world")


@dataclass(frozen=True, slots=True)
class SeriesKey:
    flow: str
    product: str = "all"
    partner: str = "world"

    def __str__(self) -> str:
        return f"{self.flow}/{self.product}/{self.partner}"


#: The headline series as a key (all goods exported to the world): the store's "newest month".
HEADLINE_KEY = SeriesKey(*HEADLINE)


@dataclass(frozen=True, slots=True)
class Figure:
    """One stored figure: the newest vintage of a (series, period, basis).

    `yoy_pct` is growth as the source stated it (None when it stated none).
    `revised_from` is the vintage this one replaced, if any, so a reply can say
    "revised from".
    """

    period: str
    basis: str
    value_usd_mn: float | None
    yoy_pct: float | None
    source: str
    published_on: str | None = None
    revised_from: Figure | None = None


@dataclass(frozen=True, slots=True)
class Series:
    """Both vintages of one series, keyed by `YYYY-MM` period.

    The package's one cache of computed values is here (`memo`), resting on one
    invariant: a Series is never changed after it is built (the store builds a new one
    when an ingest changes the figures, and drops the old with every value kept on it).
    So whatever is computed from a Series alone (its sorted months, its history, a
    month's facts) is computed once and kept on the object, and can never be stale.
    """

    key: SeriesKey
    release: Mapping[str, Figure] = field(default_factory=dict)
    customs: Mapping[str, Figure] = field(default_factory=dict)
    _memo: dict[Hashable, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def memo(self, slot: Hashable, build: Callable[[], T]) -> T:
        """`build()`, computed once for this Series (see the class doc). Two threads may
        both build a missing value; both results are equal, and one is kept."""
        try:
            return cast(T, self._memo[slot])
        except KeyError:
            value = self._memo[slot] = build()
            return value

    @property
    def periods(self) -> tuple[str, ...]:
        """Every month with a figure of either basis, oldest first."""
        return self.memo(
            "periods", lambda: tuple(sorted(self.release.keys() | self.customs.keys()))
        )

    @property
    def first(self) -> str | None:
        return self.periods[0] if self.periods else None

    @property
    def last(self) -> str | None:
        return self.periods[-1] if self.periods else None

    def __bool__(self) -> bool:
        return bool(self.release) or bool(self.customs)


@dataclass(frozen=True, slots=True)
class FlashFigure:
    """A customs flash count: the first `days` (10 or 20) days of `period`, never the month.

    `yoy_pct` compares with the same span a year earlier, as the customs office stated it;
    `working_days` is the span's 조업일수 when stated.
    """

    period: str
    days: int
    flow: str
    product: str
    partner: str
    value_usd_mn: float | None
    yoy_pct: float | None
    working_days: float | None
    source: str
    published_on: str | None = None
