"""Streak questions: the run each subject is on at the asked month, or what it shows instead.

"Deficit streak 2022" asks about the run as the span ends (December 2022), not today's; a
month that breaks the asked run answers with the run it does show.
"""

from __future__ import annotations

from kortrade.data.facts import Fact
from kortrade.intents import Intent, resolve_period
from kortrade.intents.spans import latest_spec, month_spec
from kortrade.months import parse_month
from kortrade.resolve.figures import Resolver, key_of
from kortrade.resolve.outcomes import Line, MonthLine, StreakOutcome

__all__ = ["streak"]


def _wanted(intent: Intent, flow: str) -> tuple[str, ...]:
    """Streak kinds the words ask for, most specific first; () means any."""
    direction = intent.direction
    if flow == "balance":
        if direction == "up":
            return ("surplus",)
        if direction == "down":
            return ("deficit",)
        return ()
    if intent.double_digit:
        return ("double_digit_decline",) if direction == "down" else ("double_digit_rise",)
    if direction == "up":
        return ("rise", "double_digit_rise")
    if direction == "down":
        return ("decline", "double_digit_decline")
    return ()


def streak(resolver: Resolver, intent: Intent) -> list[StreakOutcome | Line]:
    """The run each subject is on at the asked month (the latest by default; a span's
    last month)."""
    spec = intent.period or latest_spec()
    if spec.kind == "span" and spec.is_valid:
        # "deficit streak 2022": the run as the span ends (December 2022), not today's.
        bounds = resolve_period(spec, resolver.latest or spec.end or "")
        if bounds is not None:
            year, month = parse_month(bounds[1])
            spec = month_spec(year, month, bounds[1])
    elif spec.kind == "trailing":
        spec = latest_spec()
    found: list[StreakOutcome | Line] = []
    for subject in intent.subjects:
        line = resolver.line(key_of(subject), spec)
        if not isinstance(line, MonthLine):
            found.append(line)
            continue
        facts = line.facts
        wanted = _wanted(intent, line.key.flow)
        streaks = [f for f in facts.streaks if f.months >= 2]
        match = next((s for kind in wanted for s in streaks if s.kind == kind), None)
        if match is None and not wanted and streaks:
            match = max(streaks, key=lambda s: (s.months, s.kind.startswith("double")))
        instead: list[Fact] = []
        single = None
        if match is None:
            instead = [*streaks, *(f for f in facts.firsts if f.notable)]
            # In the wanted state this month, but not the month before: a one-month run
            # (for "any run", the month's own state, which may follow a gap).
            single = next(
                (s for s in facts.streaks if (s.kind == wanted[0] if wanted else s.months == 1)),
                None,
            )
        found.append(
            StreakOutcome(line, wanted[0] if wanted else "any", match, tuple(instead), single)
        )
    return found
