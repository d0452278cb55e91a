"""Phrases for what is missing or replaced, and for what a reply points to.

Split from `answer_lines` by concern: why another month answers ("not out yet"), why
there is no figure (`kortrade.resolve.outcomes.NoFigure`: before the data starts, a gap, no such
series, an impossible date) with the nearest months and stand-ins, the complete
questions buttons ask, and the source list. Imports no telegram.
"""

from __future__ import annotations

from collections.abc import Iterable

from kortrade.bot.replies.answer_lines import Names, figure, label, span_range, t
from kortrade.bot.replies.digest_sources import publisher_label
from kortrade.bot.replies.format import balance, money, month_name
from kortrade.data.digest import SourceRef
from kortrade.data.series import SeriesKey
from kortrade.months import parse_month
from kortrade.resolve.outcomes import Alternative, MonthLine, NoFigure

__all__ = ["no_figure", "question_for", "source_lines", "stand_in"]

_MAX_SOURCES = 4
_REPORTED = ", as reported by "
_MAX_URL = 100
_HS_SHORT = {"hs8542": "HS 8542"}


def stand_in(line: MonthLine, names: Names, lang: str) -> str | None:
    """Why another month answers: "October 2026 is not out yet; the latest is …"."""
    if line.why == "stale":
        name = label(line.key, names, lang, start=False)
        month = month_name(line.period, lang)
        return t(
            lang,
            f"The latest figure for {name} here is from {month}:",
            f"{name}의 가장 최근 수치는 {month} 자료입니다:",
        )
    if line.asked is None:
        return None
    asked, latest = month_name(line.asked, lang), month_name(line.period, lang)
    spoken = line.asked_label_ko if lang == "ko" else line.asked_label
    if spoken:
        asked = spoken
    if line.why == "not_out":
        return t(
            lang,
            f"{asked} is not out yet; the latest is {latest}:",
            f"{asked} 수치는 아직 발표되지 않았습니다. 가장 최근은 {latest}입니다:",
        )
    if line.why == "not_loaded":  # due by now, but not ingested: "not out" would be false
        return t(
            lang,
            f"{asked} is not in my data yet; the latest I have is {latest}:",
            f"{asked} 수치는 아직 자료에 없습니다. 가장 최근은 {latest}입니다:",
        )
    name = label(line.key, names, lang, start=False)
    return t(
        lang,
        f"No figure for {name} in {asked} yet; the latest is {latest}:",
        f"{name}의 {asked} 수치는 아직 없습니다. 가장 최근은 {latest}입니다:",
    )


def _alternative(alt: Alternative, names: Names, lang: str) -> str:
    name = label(alt.key, names, lang)
    if alt.span is not None and alt.span.total_usd_mn is not None:
        months = span_range(alt.span.start, alt.span.end, lang)
        total = alt.span.total_usd_mn
        amount = balance(total, lang) if alt.key.flow == "balance" else money(total, lang)
        return f"• {name} ({months}): {amount}"
    if alt.facts is None or alt.period is None:
        return f"• {name}"
    return f"• {name} ({month_name(alt.period, lang)}): {figure(alt.facts, lang, other=False)}"


def _is_month(text: str) -> bool:
    try:
        parse_month(text)
    except ValueError:
        return False
    return True


def no_figure(missing: NoFigure, names: Names, lang: str) -> list[str]:
    """Why there is nothing to show, and what there is instead."""
    name = label(missing.key, names, lang, start=False)
    asked = missing.asked_ko if lang == "ko" and missing.asked_ko else missing.asked
    if missing.reason != "invalid" and _is_month(asked):
        asked = month_name(asked, lang)
    first = month_name(missing.first, lang) if missing.first else ""
    out: list[str] = []
    if missing.reason == "invalid":
        out.append(
            t(
                lang,
                f"“{asked}” is not a month I can read. "
                "Try e.g. “exports January 2021” or “2021-01”.",
                f"“{asked}”은(는) 올바른 날짜가 아닙니다. 예: “수출 2021년 1월”, “2021-01”.",
            )
        )
    elif missing.reason == "no_series":
        out.append(
            t(
                lang,
                f"There are no figures for {name} in the data.",
                f"{name} 수치는 자료에 없습니다.",
            )
        )
    elif missing.reason == "before_start":
        out.append(
            t(
                lang,
                f"No figure for {name} in {asked}: records for {name} start in {first}.",
                f"{asked} {name} 수치는 없습니다. {name} 자료는 {first}부터 있습니다.",
            )
        )
    elif missing.reason == "no_calendar_month":
        last = month_name(missing.last, lang) if missing.last else ""
        out.append(
            t(
                lang,
                f"No {asked} figure for {name}: it has figures from {first} to {last}.",
                f"{name}의 {asked} 수치는 없습니다. 자료 기간: {first}~{last}.",
            )
        )
    else:
        out.append(t(lang, f"No figure for {name} in {asked}.", f"{asked} {name} 수치는 없습니다."))
    near = [f for f in (missing.before, missing.after) if f is not None]
    if near:
        out.append(t(lang, "Nearest months with a figure:", "수치가 있는 가까운 달:"))
        out.extend(f"• {month_name(f.period, lang)}: {figure(f, lang, other=False)}" for f in near)
    if missing.alternatives:
        out.append(t(lang, "What the data has instead:", "대신 있는 자료:"))
        out.extend(_alternative(alt, names, lang) for alt in missing.alternatives)
    return out


# -- questions and sources ----------------------------------------------------------------------


def question_for(
    key: SeriesKey, period: str | None, names: Names, lang: str, *, moment: str | None = None
) -> str:
    """A complete question for a button ("HS 8542 exports to China January 2021");
    `moment` words a span ("2009", "January–September 2026") instead of one month."""
    item = _HS_SHORT.get(key.product) or (
        names.name(key.product, lang) if key.product != "all" else ""
    )
    flow = names.name(key.flow, lang)
    partner = names.name(key.partner, lang) if key.partner != "world" else ""
    if lang == "ko":
        moment = moment or (month_name(period, "ko") if period else "최근")
        return " ".join(part for part in (partner, item, flow, moment) if part)
    moment = moment or (month_name(period) if period else "latest")
    text = " ".join(part for part in (item, flow) if part)
    if partner:
        preposition = {"import": "from", "balance": "with"}.get(key.flow, "to")
        text += f" {preposition} {partner}"
    return f"{text} {moment}"


def _who(publisher: str, lang: str) -> tuple[str, str]:
    """(publisher in the reader's language, with the site that reported it; its base)."""
    base, reported, via = publisher.partition(_REPORTED)
    name = publisher_label(base, lang)
    if reported:
        name += t(lang, f"{_REPORTED}{via}", f" ({via} 보도)")
    return name, base


def _group_row(base: str, group: list[str], rows: list[str], lang: str) -> str:
    """One publisher's several sources as one row: "Ministry … (12 releases via the press)"."""
    name = publisher_label(base, lang)
    if len(group) == 1:
        return next(row for row in rows if row.startswith(_who(group[0], lang)[0]))
    if any(_REPORTED in publisher for publisher in group):
        return t(
            lang,
            f"{name} ({len(group)} releases via the press)",
            f"{name} (발표 {len(group)}건, 언론 보도)",
        )
    return t(lang, f"{name} ({len(group)} sources)", f"{name} (자료 {len(group)}건)")


def source_lines(refs: Iterable[SourceRef], lang: str) -> list[str]:
    """ "Source: publisher — URL" (URLs only when short). More sources than fit a phone
    screen (a span's monthly releases) are grouped by publisher with a count."""
    rows: list[str] = []
    bases: dict[str, list[str]] = {}
    for ref in refs:
        who, base = _who(ref.publisher or ref.id, lang)
        url = ref.url if ref.url and len(ref.url) <= _MAX_URL else None
        row = f"{who} — {url}" if url else who
        if row not in rows:
            rows.append(row)
            bases.setdefault(base, []).append(ref.publisher or ref.id)
    if len(rows) > _MAX_SOURCES:
        rows = [_group_row(base, group, rows, lang) for base, group in bases.items()]
    if len(rows) > _MAX_SOURCES:
        more = len(rows) - _MAX_SOURCES
        rows = [*rows[:_MAX_SOURCES], t(lang, f"and {more} more", f"외 {more}건")]
    if not rows:
        return []
    if len(rows) == 1:
        return [t(lang, "Source: ", "출처: ") + rows[0]]
    return [t(lang, "Sources:", "출처:"), *(f"• {row}" for row in rows)]
