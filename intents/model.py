"""What a question means, as plain frozen dataclasses: the contract between `intents` and `answer`.

An `Intent` names series by slug (`Subject`) and time by a `PeriodSpec` that may still
need the data to pin down ("latest", "January" = the latest January with data,
"last 12 months" = the 12 months ending at the latest data). Keeping those unresolved
here is deliberate: `intents` never sees the store, so only the answer layer knows
which month is the latest; `resolve_period` (in `periods.py`) does the arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "DECLINE_REASONS",
    "DIMENSIONS",
    "EVENTS",
    "INTENT_KINDS",
    "MOMENTUM_MEASURES",
    "PERIOD_KINDS",
    "SAID",
    "Clarification",
    "Intent",
    "Match",
    "Option",
    "PeriodSpec",
    "Subject",
]

INTENT_KINDS: tuple[str, ...] = (
    "figure",
    "compare",
    "rank",
    "streak",
    "record",
    "chart",
    "latest",
    "help",
    "about",
    "clarify",
    "unknown",
    "decline",
    "share",
    "last",
    "since",
    "momentum",
    "working_days",
    "flash",
)

# Why a question is out of scope (`Intent.decline`): each changes what is asked into
# something the data cannot answer, so the reply declines instead of giving the headline.
DECLINE_REASONS: tuple[str, ...] = (
    "forecast",
    "cause",
    "won",
    "volume",
    "services",
    "foreign",
    "prices",
    "seasonal",
    "macro",
    "working_days",
)

# What "when did it last ..." asks about (`Intent.event`).
EVENTS: tuple[str, ...] = (
    "fall",
    "rise",
    "double_digit_fall",
    "double_digit_rise",
    "deficit",
    "surplus",
    "above",
    "below",
)

# Which momentum measure (`Intent.momentum`): the last three months' growth side by side,
# or the 3-month moving average and its growth.
MOMENTUM_MEASURES: tuple[str, ...] = ("trend", "3mma")

# What a text said itself (`Intent.said`), so a follow-up keeps the rest from before.
SAID: tuple[str, ...] = ("flow", "product", "partner", "period")

# month:          one month, start == end.
# span:           start..end (a quarter, half, year, range, year to date). `open_end` means the
#                 span runs "so far": the answer stops at the latest month with data <= end.
# month_of_year:  a bare calendar month ("January"): `month` 1..12, the latest such month with data.
# latest:         no period given, or "latest"/"최근".
# trailing:       the `months` months ending at the latest month with data ("last 12 months").
# invalid:        an impossible date ("2021-13", "Feb 30 2021", year 99999); `label` quotes it.
PERIOD_KINDS: tuple[str, ...] = ("month", "span", "month_of_year", "latest", "trailing", "invalid")

DIMENSIONS: tuple[str, ...] = ("product", "partner")


@dataclass(frozen=True, slots=True)
class Subject:
    """One series asked about, by slug: flow x product x partner (the store's `SeriesKey`)."""

    flow: str = "export"
    product: str = "all"
    partner: str = "world"


@dataclass(frozen=True, slots=True)
class PeriodSpec:
    """A period as the user said it, resolved as far as the text alone allows.

    `start`/`end` are `YYYY-MM` for `month` and `span`. `shift` moves a spec that can only
    be resolved against data ("latest", "January") by that many months afterwards; it is
    how "latest month vs a year earlier" is said without knowing the latest month.
    `relative_label` is the canonical English phrase when the period came from a relative
    expression ("last month", "this year", "last 12 months"), so a reply can say
    "last month (September 2026)"; `relative_label_ko` is the same in Korean.
    """

    kind: str
    start: str | None = None
    end: str | None = None
    month: int | None = None
    months: int | None = None
    label: str = ""
    label_ko: str = ""
    relative_label: str | None = None
    relative_label_ko: str | None = None
    open_end: bool = False
    shift: int = 0

    @property
    def is_valid(self) -> bool:
        return self.kind != "invalid"


@dataclass(frozen=True, slots=True)
class Option:
    """One answer to a clarifying question; `query` is a full question the bot can re-ask."""

    label_en: str
    label_ko: str
    query: str


@dataclass(frozen=True, slots=True)
class Clarification:
    """Ask back instead of guessing. `question` is a text key the replies layer words:

    `vague` (e.g. bare "exports"), `ambiguous_term` (one word, two equally good slugs;
    `term` holds it).
    """

    question: str
    options: tuple[Option, ...] = ()
    term: str | None = None


@dataclass(frozen=True, slots=True)
class Match:
    """A vocabulary hit: `score` 100 for an exact name or alias, lower for a fuzzy one."""

    slug: str
    kind: str
    score: float
    matched_text: str


@dataclass(frozen=True, slots=True)
class Intent:
    """What one message asks. Built by `parse`; never carries figures.

    `period` is the (first) period; `periods` holds two or more when periods are compared
    ("Jan 2021 vs Jan 2020"); comparing subjects uses several `subjects` and one period.
    `rank_limit` is N of "top N". `direction` is "up"/"down" when the words said which way
    (rise/surplus vs fall/deficit), for streaks and rankings; `double_digit` for
    "double-digit growth" streaks. `unknown_terms` are content words that matched nothing
    (with close slugs in `suggestions`); `text` is the cleaned question that was read.

    The desk's kinds: `decline` names why a question is out of scope (`DECLINE_REASONS`);
    `share_of` is the whole a `share` is of; `event` (and `threshold_usd_mn` for
    above/below) is what a `last` question asks when it last happened; `momentum` the
    measure of a `momentum` question (on a `rank`, `share_of` set means each row's share of
    the total is shown); `flash_days` (10 or 20) the span of a `flash` figure,
    None for "the latest flash". `said` lists what the text named itself (`SAID`).
    `record_by` is "growth" for a record of y/y growth ("수출 증가율 가장 높았던 달"),
    None for a record of levels.
    """

    kind: str
    subjects: tuple[Subject, ...] = ()
    period: PeriodSpec | None = None
    periods: tuple[PeriodSpec, ...] = ()
    lang: str = "en"
    rank_by: str | None = None
    rank_dimension: str | None = None
    rank_order: str | None = None
    rank_limit: int | None = None
    record_kind: str | None = None
    record_by: str | None = None
    direction: str | None = None
    double_digit: bool = False
    unknown_terms: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    clarify: Clarification | None = None
    text: str = ""
    decline: str | None = None
    share_of: Subject | None = None
    event: str | None = None
    threshold_usd_mn: float | None = None
    momentum: str | None = None
    flash_days: int | None = None
    said: frozenset[str] = frozenset()
