"""Replies to flash questions: the customs office's first-10/20-day figures, in English or
Korean, always said as a span of the month, never as the month. Imports no telegram."""

from __future__ import annotations

from collections.abc import Sequence

from kortrade.bot.replies.phrases import (
    Names,
    balance,
    cap,
    growth,
    label,
    money,
    month_name,
    signed_pct,
    source_lines,
    t,
)
from kortrade.data.digest import SourceRef
from kortrade.data.series import FlashFigure
from kortrade.resolve.outcomes import FlashOutcome

__all__ = ["flash_alert_text", "flash_offers", "flash_span", "flash_text"]


def flash_span(period: str, days: int, lang: str) -> str:
    """ "the first 20 days of September 2026" / "2026년 9월 1~20일"."""
    if lang == "ko":
        return f"{month_name(period, 'ko')} 1~{days}일"
    return f"the first {days} days of {month_name(period)}"


def _flash_figure(figure: FlashFigure, lang: str) -> str:
    if figure.flow == "balance" and figure.value_usd_mn is not None:
        return balance(figure.value_usd_mn, lang)  # a balance's growth means nothing
    parts = []
    if figure.value_usd_mn is not None:
        parts.append(money(figure.value_usd_mn, lang))
    else:
        parts.append(t(lang, "no dollar figure stated", "금액 미발표"))
    if figure.yoy_pct is not None:
        parts.append(
            t(
                lang,
                f"{signed_pct(figure.yoy_pct)} on the same days a year earlier",
                f"전년 같은 기간 대비 {growth(figure.yoy_pct, 'ko')}",
            )
        )
    return ", ".join(parts)


def _daily_words(daily: FlashFigure, lang: str) -> str:
    parts = []
    if daily.value_usd_mn is not None:
        parts.append(
            t(
                lang,
                f"daily average {money(daily.value_usd_mn)}",
                f"일평균 {money(daily.value_usd_mn, 'ko')}",
            )
        )
        if daily.yoy_pct is not None:
            parts[-1] += (
                f" ({signed_pct(daily.yoy_pct)})"
                if lang != "ko"
                else f"({growth(daily.yoy_pct, 'ko')})"
            )
    if daily.working_days is not None:
        days = f"{daily.working_days:g}"
        parts.append(t(lang, f"{days} working days", f"조업일수 {days}일"))
    return ", ".join(parts)


def flash_text(
    outcomes: Sequence[FlashOutcome], names: Names, lang: str, sources: Sequence[SourceRef] = ()
) -> str:
    out: list[str] = []
    published: set[str] = set()
    for outcome in outcomes:
        subject = label(outcome.key, names, lang)
        figure = outcome.figure
        if figure is None:
            out.extend(_no_flash(outcome, subject, lang))
            continue
        span = flash_span(figure.period, figure.days, lang)
        if lang == "ko":
            line = f"{span} {subject}: {_flash_figure(figure, lang)}"
        else:
            line = f"{subject}, {span}: {_flash_figure(figure, lang)}"
        if outcome.daily is not None:
            line += "; " + _daily_words(outcome.daily, lang)
        out.append(line)
        if figure.published_on:
            published.add(figure.published_on)
    if any(o.figure is not None for o in outcomes):
        day = next(iter(published)) if len(published) == 1 else None
        basis = t(
            lang,
            "Basis: Korea Customs Service flash count (a span of the month, not the month)",
            "기준: 관세청 통관 잠정치 (월 전체가 아닌 기간 집계)",
        )
        if day:
            basis += t(lang, f", published {day}", f", {day} 발표")
        out.append(basis)
    out.extend(source_lines(sources, lang))
    return "\n".join(out)


def flash_alert_text(
    outcomes: Sequence[FlashOutcome],
    names: Names,
    lang: str,
    sources: Sequence[SourceRef] = (),
    *,
    period: str,
    days: int,
) -> str:
    """A flash subscriber's alert: a title naming the span as the customs office's early
    count (never the month), then the totals as a flash question's reply words them."""
    span = flash_span(period, days, lang)
    title = t(
        lang,
        f"Korea's trade, {span}: the customs office's early count",
        f"{span} 수출입 (관세청 잠정치)",
    )
    if not outcomes:
        return title + "\n" + t(lang, "No flash figure is stored.", "저장된 잠정치가 없습니다.")
    return title + "\n\n" + flash_text(outcomes, names, lang, sources)


def _no_flash(outcome: FlashOutcome, subject: str, lang: str) -> list[str]:
    if outcome.reason == "no_series":
        return [
            t(
                lang,
                f"I have no first-10/20-day flash figures for {subject[:1].lower()}{subject[1:]}.",
                f"{subject}의 1~10일·1~20일 잠정치는 자료에 없습니다.",
            )
        ]
    asked = (
        flash_span(outcome.period, outcome.days or 20, lang)
        if outcome.period
        else t(lang, "that span", "그 기간")
    )
    rows = [
        t(
            lang,
            f"I have no flash figure for {subject[:1].lower()}{subject[1:]}, {asked}.",
            f"{asked} {subject} 잠정치는 자료에 없습니다.",
        )
    ]
    latest = outcome.latest
    if latest is not None:
        span = flash_span(latest.period, latest.days, lang)
        rows.append(
            t(
                lang,
                f"The latest stored flash is {span}: {_flash_figure(latest, lang)}.",
                f"가장 최근 잠정치는 {span}: {_flash_figure(latest, lang)}.",
            )
        )
    return rows


def flash_offers(
    outcomes: Sequence[FlashOutcome], names: Names, lang: str
) -> list[tuple[str, str]]:
    """For a span with no flash: the newest flash, and the full month as a month."""
    offers: list[tuple[str, str]] = []
    for outcome in outcomes:
        if outcome.figure is not None:
            continue
        subject = label(outcome.key, names, lang, start=False)
        if outcome.latest is not None:
            span = flash_span(outcome.latest.period, outcome.latest.days, lang)
            question = (
                f"{subject} {month_name(outcome.latest.period, 'ko')} 1~{outcome.latest.days}일"
                if lang == "ko"
                else f"{subject} {span}"
            )
            offers.append((cap(question), question))
        if outcome.month is not None:
            month = month_name(outcome.month, lang)
            question = f"{subject} {month}"
            shown = t(lang, f"Full month: {question}", f"월 전체: {question}")
            offers.append((shown, question))
    return offers[:4]
