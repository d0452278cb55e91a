"""What a question resolved to, before any wording: `resolve` -> Outcome -> `bot.replies`.

`kortrade.resolve.resolve` turns an `Intent` into one `Outcome`: plain dataclasses
(figures from the facts engine, and *why* a figure is missing or replaced);
`kortrade.bot.replies.word` words
them in English or Korean. Keeping the decision ("October is not out yet, so September
answers") apart from the sentence means each side is tested on its own, and the wording
can never quietly change which figure answers.
"""

from __future__ import annotations

from dataclasses import dataclass

from kortrade.data.coverage import Coverage
from kortrade.data.digest import SourceRef
from kortrade.data.facts import Fact, MonthFacts, Record, SpanFacts
from kortrade.data.momentum import Momentum
from kortrade.data.occurrences import Occurrence
from kortrade.data.series import FlashFigure, SeriesKey
from kortrade.data.shares import Share
from kortrade.intents import Clarification

__all__ = [
    "About",
    "Alternative",
    "AskBack",
    "ChartSpan",
    "Compared",
    "DeclineOutcome",
    "Desk",
    "Figures",
    "FlashOutcome",
    "Help",
    "LastOutcome",
    "Line",
    "MomentumOutcome",
    "MonthLine",
    "NoFigure",
    "NotUnderstood",
    "Outcome",
    "PeriodComparison",
    "RankOutcome",
    "Ranked",
    "RecordOutcome",
    "Records",
    "Runs",
    "ShareOutcome",
    "SinceOutcome",
    "SpanLine",
    "StreakOutcome",
]


@dataclass(frozen=True, slots=True)
class MonthLine:
    """One series answered for one month.

    `asked` is the month the question named when another month answers (`why`:
    "not_out" = not released yet by today's date; "not_loaded" = released by now (on the
    1st of the next month) but not in the store; "series_behind" = the store has newer
    months, this series does not). `why` = "stale" with no `asked`: the latest month was
    asked and this series' latest is a year or more older than the store's. `relative` is
    the phrase the period came from ("last month"), `relative_ko` its Korean form.
    `companions` are the imports and balance lines that go with an exports total.
    `asked_label` names an asked span ("2027") that is not out yet. `previous_missing` is
    the month before when it has no figure: then no streak can be stated, and the reply
    says why instead of staying silent.
    """

    key: SeriesKey
    facts: MonthFacts
    asked: str | None = None
    why: str | None = None
    relative: str | None = None
    relative_ko: str | None = None
    month_of_year: bool = False
    companions: tuple[MonthFacts, ...] = ()
    asked_label: str | None = None
    asked_label_ko: str | None = None
    previous_missing: str | None = None

    @property
    def period(self) -> str:
        return self.facts.period


@dataclass(frozen=True, slots=True)
class SpanLine:
    """One series summed over a span; `latest` is the span's newest month with a figure,
    shown when the span has no total. `starts` is the series' first month when the span
    asked for earlier months."""

    key: SeriesKey
    span: SpanFacts
    label: str
    label_ko: str
    latest: MonthFacts | None = None
    starts: str | None = None


@dataclass(frozen=True, slots=True)
class Alternative:
    """A series that does exist when the asked one does not (or has no figure that month).

    `narrower` marks HS 8542 offered for semiconductors: a customs code that covers less
    than the ministry's item, so the wording must say so and never call it semiconductors.
    `span` is the alternative summed over an asked span (then `facts` is None).
    """

    key: SeriesKey
    facts: MonthFacts | None = None
    period: str | None = None
    narrower: bool = False
    span: SpanFacts | None = None


@dataclass(frozen=True, slots=True)
class NoFigure:
    """Nothing to show for a series and period, and why.

    reason: "no_series" (the store has no such series), "before_start" (the period ends
    before the series' first month), "gap" (no figure that month), "invalid" (the text
    named an impossible date; `asked` quotes it). `before`/`after` are the nearest months
    with a figure; `alternatives` what exists instead.
    """

    key: SeriesKey
    reason: str
    asked: str = ""
    asked_ko: str = ""
    first: str | None = None
    last: str | None = None
    before: MonthFacts | None = None
    after: MonthFacts | None = None
    alternatives: tuple[Alternative, ...] = ()


Line = MonthLine | SpanLine | NoFigure


@dataclass(frozen=True, slots=True)
class PeriodComparison:
    """One series in two or more periods, and the change between the first two answered.

    `change_pct` runs from the earlier period to the later one. `stated` when it is the
    later month's published growth (the two months are a year apart); otherwise it is
    computed from two levels of the same basis (`basis`). For a balance, `change_usd_mn`
    (the difference) replaces the percentage, whose sign means nothing across zero.
    `earlier`/`later` are the (start, end) months of the two periods compared.
    """

    key: SeriesKey
    lines: tuple[Line, ...]
    change_pct: float | None = None
    change_usd_mn: float | None = None
    stated: bool = False
    computed_from: str | None = None
    earlier: tuple[str, str] | None = None
    later: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True)
class RankOutcome:
    """Items or partners ranked for one month (or span): `ranked` best first as asked.

    `missing` are the release's major items (or regions) without the measure that month;
    `others` are further series with a figure that are not among the majors. `asked` and
    `why` (as in `MonthLine`) say which month was asked when a later-data month answers;
    `nearest` the closest months that can be ranked when the asked month cannot.
    `product` is what partners are ranked for ("all", or "hs8542": then `stands_in_for`
    names the item asked, such as semiconductors, which has no figures by partner).
    For an HS code by partner, `bucket` is the "other countries" row and `whole` the
    world total of that month, so the partners' shares can be read; with `shares` (the
    question asked for shares) each row states its share of `whole`.
    """

    flow: str
    dimension: str
    by: str
    period: str
    ranked: tuple[MonthFacts, ...] = ()
    missing: tuple[str, ...] = ()
    others: tuple[MonthFacts, ...] = ()
    total: int = 0
    ascending: bool = False
    span: tuple[str, str] | None = None
    span_ranked: tuple[SpanFacts, ...] = ()
    relative: str | None = None
    relative_ko: str | None = None
    asked: str | None = None
    why: str | None = None
    nearest: tuple[str, ...] = ()
    product: str = "all"
    stands_in_for: str | None = None
    bucket: MonthFacts | None = None
    whole: MonthFacts | None = None
    shares: bool = False


@dataclass(frozen=True, slots=True)
class StreakOutcome:
    """The run a streak question asks about. `streak` is the one asked (None when the
    month breaks it, or starts it: then `single` is that one-month run); `instead` is
    what the month does show (the opposite run, a "first in N months"), so the reply
    can state it directly."""

    line: MonthLine
    wanted: str
    streak: Fact | None = None
    instead: tuple[Fact, ...] = ()
    single: Fact | None = None


@dataclass(frozen=True, slots=True)
class RecordOutcome:
    """The highest (lowest) month of a series within `scope` (the whole history when
    `scope` is None; only that calendar month's when `calendar` is 1..12), by level or
    (`measure` "growth") by y/y growth, and the asked month's own record facts."""

    key: SeriesKey
    direction: str
    peak_period: str
    peak_value: float
    history_start: str
    history_end: str
    basis: str
    scope: tuple[str, str] | None = None
    line: MonthLine | None = None
    source: str | None = None
    calendar: int | None = None
    measure: str = "value"  # "growth": `peak_value` is y/y growth in percent


# -- one question's outcome, by kind ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChartSpan:
    """The series and months a reply's chart draws: exactly those its text answers
    (with the months before them for context), clipped to where the series start."""

    keys: tuple[SeriesKey, ...]
    start: str
    end: str


@dataclass(frozen=True, slots=True)
class Help:
    """The question asked for help."""


@dataclass(frozen=True, slots=True)
class About:
    """The question asked what data there is: the store's coverage, said once."""

    coverage: Coverage


@dataclass(frozen=True, slots=True)
class AskBack:
    """The question was ambiguous or broad: ask which of `clarification.options`."""

    clarification: Clarification


@dataclass(frozen=True, slots=True)
class NotUnderstood:
    """No subject found. `terms` are the words that named nothing, `suggestions` close
    slugs, `listed` the slugs to list (the partners when the word stood where a partner
    goes, else the major items); `text` is the question, to re-ask with a suggestion."""

    terms: tuple[str, ...]
    suggestions: tuple[str, ...]
    listed: tuple[str, ...]
    partners: bool
    text: str


@dataclass(frozen=True, slots=True)
class Figures:
    """Figures for one or more subjects over one period (`kind`: "figure", "chart", or
    "missing" when no line has a figure); `ignored` are words not understood."""

    lines: tuple[Line, ...]
    sources: tuple[SourceRef, ...] = ()
    chart: ChartSpan | None = None
    kind: str = "figure"
    ignored: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Compared:
    comparisons: tuple[PeriodComparison, ...]
    sources: tuple[SourceRef, ...] = ()
    chart: ChartSpan | None = None


@dataclass(frozen=True, slots=True)
class Ranked:
    ranking: RankOutcome | NoFigure
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True, slots=True)
class Runs:
    """Streaks; `lines` are the months they were read at (what the chart and sources back)."""

    streaks: tuple[StreakOutcome | Line, ...]
    lines: tuple[Line, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    chart: ChartSpan | None = None


@dataclass(frozen=True, slots=True)
class Records:
    """Records; `lines` are the asked months shown beside them."""

    records: tuple[RecordOutcome | Line, ...]
    lines: tuple[Line, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    chart: ChartSpan | None = None


# -- the desk's kinds: declines, shares, last, since, momentum, flash ----------------------------


@dataclass(frozen=True, slots=True)
class DeclineOutcome:
    """Out of scope (`reason`: see `intents.model.DECLINE_REASONS`); `keys` are the series
    the question named, so the reply can offer what it can answer instead."""

    reason: str
    keys: tuple[SeriesKey, ...]
    period_label: str = ""
    period_label_ko: str = ""


@dataclass(frozen=True, slots=True)
class ShareOutcome:
    """`part`'s share of `whole`. `share` None: no month of the span has both levels on one
    basis (`reason`: "no_series" when a series is not stored, "no_level" otherwise, "no_part"
    when the question named no item or partner). `asked` is the month asked when a
    nearby month (`share.start`) answers instead. `stands_in_for` names the item asked
    (semiconductors) when HS 8542 by partner, a narrower customs code, answers for it."""

    part: SeriesKey
    whole: SeriesKey | None
    share: Share | None
    reason: str | None = None
    asked: str | None = None
    asked_label: str = ""
    asked_label_ko: str = ""
    sources: tuple[str, ...] = ()
    stands_in_for: str | None = None


@dataclass(frozen=True, slots=True)
class LastOutcome:
    """When `event` last happened for `key` (`occurrence.period` None: not in the stored
    months); `basis` of that month's figures; `missing` a Line when the series is absent."""

    key: SeriesKey
    occurrence: Occurrence | None
    basis: str | None = None
    source: str | None = None
    missing: Line | None = None


@dataclass(frozen=True, slots=True)
class SinceOutcome:
    """The asked month's level and how far back it is the highest (lowest): `record` None
    when the month has no level; `line` is the month answered or why there is none."""

    key: SeriesKey
    direction: str
    line: Line
    record: Record | None = None
    previous: MonthFacts | None = None


@dataclass(frozen=True, slots=True)
class MomentumOutcome:
    """Momentum of `key` in the months ending at `line`'s month (`momentum` None when the
    line has no figure, or for a balance, whose growth means nothing across zero; a
    balance has its last three months' levels in `recent` instead, so the desk sees
    whether it widens)."""

    key: SeriesKey
    measure: str
    line: Line
    momentum: Momentum | None = None
    recent: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class FlashOutcome:
    """A first-10/20-day flash figure (`figure`), with the stated daily average and working
    days of the same span when stored (`daily`). `figure` None: none stored for the span
    asked (`period`, `days`; `reason` "no_span"), or no flash at all for the series
    ("no_series"); `latest` is then the series' newest flash. A flash is never a month:
    the full month is offered only as a question of its own (`month`)."""

    key: SeriesKey
    period: str | None
    days: int | None
    figure: FlashFigure | None = None
    daily: FlashFigure | None = None
    latest: FlashFigure | None = None
    reason: str | None = None
    month: str | None = None


@dataclass(frozen=True, slots=True)
class Desk:
    """A desk question's outcomes (`kind`: "decline", "share", "last", "since", "momentum"
    or "flash"), the sources behind what they show, the chart of the months read, and the
    words not understood (`ignored`), said at the top."""

    kind: str
    outcomes: tuple[
        DeclineOutcome | ShareOutcome | LastOutcome | SinceOutcome | MomentumOutcome | FlashOutcome,
        ...,
    ]
    sources: tuple[SourceRef, ...] = ()
    chart: ChartSpan | None = None
    lines: tuple[Line, ...] = ()
    ignored: tuple[str, ...] = ()


Outcome = (
    Help | About | AskBack | NotUnderstood | Figures | Compared | Ranked | Runs | Records | Desk
)
