"""The wording stage: one `Outcome` -> a `Reply` (text, buttons, chart request) in a language.

One branch per kind of outcome; the words themselves are in the module of the same
name as the resolve stage's (`figures`, `comparisons`, `runs`, `records`, `ranks`, `desk`,
`flash`;
`guidance` for help and asking back), and shared wording in `phrases`. Buttons are
complete questions, so pressing one asks it as if typed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from kortrade.bot.replies import comparisons, desk, figures, flash, guidance, ranks, records, runs
from kortrade.bot.replies.about import about_text
from kortrade.bot.replies.phrases import Names, label, month_name, question_for, span_range
from kortrade.bot.replies.reply import Button, ChartRequest, Reply
from kortrade.intents.clarify import replace_term
from kortrade.months import add_months
from kortrade.resolve.outcomes import (
    About,
    AskBack,
    ChartSpan,
    Compared,
    DeclineOutcome,
    Desk,
    Figures,
    FlashOutcome,
    Help,
    LastOutcome,
    Line,
    MomentumOutcome,
    MonthLine,
    NoFigure,
    NotUnderstood,
    Outcome,
    Ranked,
    Runs,
    ShareOutcome,
    SinceOutcome,
    SpanLine,
)

__all__ = ["chart_request", "word"]

_EXAMPLES = {
    "en": ("exports latest", "semiconductor exports latest", "which items grew most latest"),
    "ko": ("최근 수출", "최근 반도체 수출", "최근 가장 많이 늘어난 품목"),
}


def word(outcome: Outcome, names: Names, lang: str) -> Reply:
    """The reply a user gets for `outcome`, in `lang` ("en" or "ko")."""
    if isinstance(outcome, Help):
        return Reply(guidance.help_text(lang), lang=lang, kind="help")
    if isinstance(outcome, About):
        return Reply(about_text(outcome.coverage, names, lang), lang=lang, kind="about")
    if isinstance(outcome, AskBack):
        options = outcome.clarification.options
        offered = tuple(
            Button(o.label_ko if lang == "ko" else o.label_en, o.query) for o in options
        )
        text = guidance.clarify_text(outcome.clarification, names, lang)
        return Reply(text, offered, lang=lang, kind="clarify")
    if isinstance(outcome, NotUnderstood):
        return _not_understood(outcome, names, lang)
    if isinstance(outcome, Figures):
        lines = outcome.lines
        text = figures.figure_text(lines, names, lang, outcome.sources, ignored=outcome.ignored)
        chart = chart_request(outcome.chart, names, lang)
        return Reply(text, buttons(lines, names, lang), chart, lang, outcome.kind, extra(lines))
    if isinstance(outcome, Compared):
        lines = tuple(line for c in outcome.comparisons for line in c.lines)
        text = comparisons.compare_text(outcome.comparisons, names, lang, outcome.sources)
        chart = chart_request(outcome.chart, names, lang)
        return Reply(text, buttons(lines, names, lang), chart, lang, "compare", extra(lines))
    if isinstance(outcome, Ranked):
        return _ranked(outcome, names, lang)
    if isinstance(outcome, Desk):
        reply = _desk(outcome, names, lang)
        text = desk.with_ignored(reply.text, outcome.ignored, lang)
        return dataclasses.replace(reply, text=text)
    if isinstance(outcome, Runs):
        text = runs.streak_text(list(outcome.streaks), names, lang, outcome.sources)
        chart = chart_request(outcome.chart, names, lang)
        return Reply(text, (), chart, lang, "streak", extra(outcome.lines))
    text = records.record_text(list(outcome.records), names, lang, outcome.sources)
    chart = chart_request(outcome.chart, names, lang)
    return Reply(text, (), chart, lang, "record", extra(outcome.lines))


def chart_request(span: ChartSpan | None, names: Names, lang: str) -> ChartRequest | None:
    if span is None:
        return None
    title = figures.chart_title(span.keys, span.start, span.end, names, lang)
    return ChartRequest(span.keys, span.start, span.end, title, lang)


def _desk(outcome: Desk, names: Names, lang: str) -> Reply:
    """Declines, shares, last, since, momentum, flash: the kind is "missing" when nothing
    answered, so tests and adapters can tell an answer from an honest "none"."""
    found = outcome.outcomes
    sources = list(outcome.sources)
    if outcome.kind == "decline":
        declined = next(o for o in found if isinstance(o, DeclineOutcome))
        offers = desk.decline_offers(declined, names, lang)
        text = desk.decline_text(declined, names, lang)
        return Reply(text, tuple(Button(a, b) for a, b in offers), lang=lang, kind="decline")
    if outcome.kind == "flash":
        flashes = [o for o in found if isinstance(o, FlashOutcome)]
        offered = tuple(Button(a, b) for a, b in flash.flash_offers(flashes, names, lang))
        answered = any(o.figure is not None for o in flashes)
        text = flash.flash_text(flashes, names, lang, sources)
        return Reply(text, offered, lang=lang, kind="flash" if answered else "missing")
    if outcome.kind == "share":
        shares = [o for o in found if isinstance(o, ShareOutcome)]
        answered = any(o.share is not None for o in shares)
        text = desk.share_text(shares, names, lang, sources)
        return Reply(text, lang=lang, kind="share" if answered else "missing")
    if outcome.kind == "last":
        lasts = [o for o in found if isinstance(o, LastOutcome)]
        answered = any(o.occurrence is not None and o.occurrence.period for o in lasts)
        text = desk.last_text(lasts, names, lang, sources)
        return Reply(text, lang=lang, kind="last" if answered else "missing")
    chart = chart_request(outcome.chart, names, lang)
    if outcome.kind == "since":
        sinces = [o for o in found if isinstance(o, SinceOutcome)]
        answered = any(isinstance(o.line, MonthLine) for o in sinces)
        text = desk.since_text(sinces, names, lang, sources)
        kind = "since" if answered else "missing"
        return Reply(text, (), chart, lang, kind, extra(outcome.lines))
    momenta = [o for o in found if isinstance(o, MomentumOutcome)]
    answered = any(o.momentum is not None for o in momenta)
    text = desk.momentum_text(momenta, names, lang, sources)
    kind = "momentum" if answered else "missing"
    return Reply(text, (), chart, lang, kind, extra(outcome.lines))


def _ranked(outcome: Ranked, names: Names, lang: str) -> Reply:
    ranking = outcome.ranking
    if isinstance(ranking, NoFigure):
        return Reply(figures.figure_text([ranking], names, lang), lang=lang, kind="missing")
    text = ranks.rank_text(ranking, names, lang, list(outcome.sources))
    found = tuple(
        Button(month_name(p, lang), ranks.rank_question(ranking, p, names, lang))
        for p in ranking.nearest
    )
    kind = "rank" if ranking.ranked or ranking.others or ranking.span_ranked else "missing"
    return Reply(text, found, lang=lang, kind=kind, extra={"period": ranking.period})


def _not_understood(outcome: NotUnderstood, names: Names, lang: str) -> Reply:
    """No such item (with close names as buttons), or no question at all (examples)."""
    text = guidance.unknown_text(
        outcome.terms, outcome.suggestions, outcome.listed, names, lang, partners=outcome.partners
    )
    term = outcome.terms[0] if outcome.terms else None
    found: list[Button] = []
    for slug in outcome.suggestions[:3]:
        name = names.name(slug, lang)
        query = (replace_term(outcome.text, term, name) if term else None) or name
        found.append(Button(name, query))
    if not found:
        found = [Button(example, example) for example in _EXAMPLES["ko" if lang == "ko" else "en"]]
    return Reply(text, tuple(found), lang=lang, kind="unknown")


def buttons(lines: Iterable[Line], names: Names, lang: str) -> tuple[Button, ...]:
    """For a missing figure: the nearest months and the stand-ins; for a span without a
    total, the months that add up; all as complete questions."""
    found: list[Button] = []
    for line in lines:
        if isinstance(line, SpanLine):
            found.extend(_covered_part(line, names, lang))
            continue
        if not isinstance(line, NoFigure):
            continue
        for near in (line.before, line.after):
            if near is not None:
                query = question_for(line.key, near.period, names, lang)
                found.append(Button(month_name(near.period, lang), query))
        if line.reason == "before_start" and line.first:
            query = question_for(line.key, line.first, names, lang)
            found.append(Button(month_name(line.first, lang), query))
        for alt in line.alternatives:
            moment = span_range(alt.span.start, alt.span.end, lang) if alt.span else None
            query = question_for(alt.key, alt.period, names, lang, moment=moment)
            found.append(Button(label(alt.key, names, lang), query))
    return tuple(list(dict.fromkeys(found))[:6])


def _covered_part(line: SpanLine, names: Names, lang: str) -> list[Button]:
    """A span with no total because its last months lack a level ("2025" without December):
    offer the months that do add up, as a question of its own. Never a sum in the reply
    itself, which would read as the whole span."""
    span = line.span
    if span.total_usd_mn is not None or not span.missing or not span.summable:
        return []
    first_gap = min(span.missing)
    if first_gap <= span.start:
        return []
    moment = span_range(span.start, add_months(first_gap, -1), lang)
    return [Button(moment, question_for(line.key, None, names, lang, moment=moment))]


def extra(lines: Iterable[Line]) -> dict[str, object]:
    """Machine-readable bits for tests and adapters: the months answered."""
    periods: list[str] = []
    for line in lines:
        if isinstance(line, MonthLine):
            periods.append(line.period)
        elif isinstance(line, SpanLine):
            periods.append(f"{line.span.start}..{line.span.end}")
    return {"periods": periods} if periods else {}
