"""Which true facts make the news: the editor between the facts engine and the wording.

`kortrade.data.facts` finds every streak, first-in and record a month holds; a
subscriber's message has room for two or three per line, and some true facts mislead
next to the headline. `newsworthy` keeps the facts a trade desk would print, strongest
first:

- a value record that the month's own y/y growth contradicts is dropped: "the highest
  January in two years" beside "-1.5%" compares news pages' rounded levels of two
  vintages, while the stated growth compares like with like;
- a lower bound that a gap (not the start of the history) cut short says little: a
  calendar-month record cut by a gap, and any other record cut under two years, are
  dropped ("the lowest May in at least 2 years (no figure for May 2024)"); so is a
  calendar-month record "on record" over less than five years of history;
- one value record per direction: "the highest since May 2022" and "the highest
  December on record" say the same thing twice, so the one reaching further back stays;
- a plain run as long as the double-digit run it contains adds nothing.

Order: turnarounds ("the first surplus in 16 months"), long-standing records, runs (exact
before "at least", longer first, double-digit first on a tie), then shorter records and
growth records.
"""

from __future__ import annotations

from kortrade.data.facts import Fact, FirstIn, MonthFacts, Record, Streak

__all__ = ["GAP_RECORD_MIN_MONTHS", "LONG_RECORD_MONTHS", "SHORT_HISTORY_MONTHS", "newsworthy"]

#: A record cut short by a gap must still reach this far back to be worth saying.
GAP_RECORD_MIN_MONTHS = 24
#: A calendar-month record "on record" needs this much history behind it.
SHORT_HISTORY_MONTHS = 60
#: A record reaching this far back (or to the start of the history) leads the line.
LONG_RECORD_MONTHS = 120


def _contradicted(record: Record, yoy: float | None) -> bool:
    """A value record spanning the month a year earlier claims that month was lower
    (higher): the stated growth must agree."""
    if record.measure != "value" or yoy is None or record.months <= 12:
        return False
    return yoy <= 0 if record.direction == "high" else yoy >= 0


def _weak(fact: Fact) -> bool:
    if not isinstance(fact, Record):
        return False
    if fact.reason == "gap":
        return fact.calendar or fact.months < GAP_RECORD_MIN_MONTHS
    # "The lowest December on record" over three Decembers is no record.
    return fact.calendar and fact.on_record and fact.months < SHORT_HISTORY_MONTHS


def _reach(record: Record) -> tuple[int, int, int]:
    """How far back a record reaches: "on record" first ("the highest on record" before
    "the highest June on record"), then months, plain before calendar on a tie."""
    if record.on_record:
        return (1, int(not record.calendar), record.months)
    return (0, record.months, int(not record.calendar))


def _one_record_per_direction(facts: list[Fact]) -> list[Fact]:
    best: dict[tuple[str, str], Record] = {}
    for fact in facts:
        if isinstance(fact, Record):
            slot = (fact.measure, fact.direction)
            if slot not in best or _reach(fact) > _reach(best[slot]):
                best[slot] = fact
    return [f for f in facts if not isinstance(f, Record) or best[(f.measure, f.direction)] is f]


def _covered_runs(facts: list[Fact]) -> list[Fact]:
    double = {
        fact.kind.removeprefix("double_digit_"): fact.months
        for fact in facts
        if isinstance(fact, Streak) and fact.kind.startswith("double_digit_")
    }
    return [
        fact
        for fact in facts
        if not (isinstance(fact, Streak) and double.get(fact.kind) == fact.months)
    ]


def _rank(fact: Fact) -> tuple[int, int, int]:
    if isinstance(fact, FirstIn):
        return (0, 0, -fact.months)
    if isinstance(fact, Streak):
        # A run stated exactly before one cut by a gap ("at least"); then the longer run, so
        # "up for the 5th month in a row" is not crowded out by "double-digit for the 2nd".
        double = fact.kind.startswith("double_digit_")
        return (2, int(fact.at_least), -fact.months * 2 - int(double))
    # Among records: the plain level, then growth ("the steepest fall since May 2009"),
    # then the calendar month's level.
    order = 2 if fact.calendar else (0 if fact.measure == "value" else 1)
    if fact.on_record or fact.months >= LONG_RECORD_MONTHS:
        return (1, order, -fact.months)
    return (4, order, -fact.months)


def newsworthy(facts: MonthFacts) -> tuple[Fact, ...]:
    """The month's notable facts worth printing, strongest first (see the module doc)."""
    yoy = facts.yoy_pct if facts.yoy_pct is not None else facts.other_yoy_pct
    if facts.key.flow == "balance":
        yoy = None  # the growth of a balance (computed from two levels) means nothing
    kept: list[Fact] = [
        fact
        for fact in facts.facts
        if fact.notable
        and not _weak(fact)
        and not (isinstance(fact, Record) and _contradicted(fact, yoy))
    ]
    kept = _covered_runs(_one_record_per_direction(kept))
    return tuple(sorted(kept, key=_rank))
