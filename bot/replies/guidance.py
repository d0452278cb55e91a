"""Replies that guide rather than answer: help, asking back which figure was meant, and
naming the words that matched no item or partner (with close names and what there is).
"""

from __future__ import annotations

from collections.abc import Sequence

from kortrade.bot.replies.josa import with_particle
from kortrade.bot.replies.phrases import Names, t
from kortrade.intents import Clarification

__all__ = ["clarify_text", "help_text", "unknown_text"]


_HELP = {
    "en": (
        "Ask me about South Korea's monthly trade figures in English or Korean: exports, "
        "imports and the balance, by item and partner, with y/y growth, streaks and records.\n\n"
        "Examples:\n"
        "• semiconductor exports January 2021\n"
        "• exports to the US and EU Jan 2021\n"
        "• trade balance last month\n"
        "• exports Q1 2021 / exports 2021 so far\n"
        "• which items grew most in January 2021\n"
        "• how long has the surplus lasted\n"
        "• semiconductors vs autos last 12 months (with a chart)\n"
        "• 반도체 수출 2021년 1월"
    ),
    "ko": (
        "한국의 월간 수출입 통계를 한국어나 영어로 물어보세요: 수출, 수입, 무역수지, "
        "품목별·지역별 수치와 전년 동월 대비 증감률, 연속 기록, 최고치.\n\n"
        "예시:\n"
        "• 반도체 수출 2021년 1월\n"
        "• 미국과 EU 수출 2021년 1월\n"
        "• 지난달 무역수지\n"
        "• 수출 2021년 1분기 / 2021년 누계 수출\n"
        "• 2021년 1월 가장 많이 늘어난 품목\n"
        "• 무역수지 몇 달 연속\n"
        "• 반도체 vs 자동차 최근 12개월 (차트)\n"
        "• semiconductor exports January 2021"
    ),
}


def help_text(lang: str) -> str:
    return _HELP["ko" if lang == "ko" else "en"]


def clarify_text(clarification: Clarification, names: Names, lang: str) -> str:
    if clarification.question == "ambiguous_term" and clarification.term:
        options = t(lang, " or ", " 또는 ").join(
            (o.label_ko if lang == "ko" else o.label_en) for o in clarification.options
        )
        return t(
            lang,
            f"Did you mean {options} (you typed “{clarification.term}”)? Pick one:",
            f"“{clarification.term}”: {options} 중 어느 것인가요?",
        )
    return t(
        lang,
        "That is a broad question. Which figure would you like? Pick one, or ask e.g. "
        "“exports January 2021”:",
        "질문이 넓습니다. 어떤 수치를 원하세요? "
        "아래에서 고르거나 “수출 2021년 1월”처럼 물어보세요:",
    )


def unknown_text(
    terms: Sequence[str],
    suggestions: Sequence[str],
    items: Sequence[str],
    names: Names,
    lang: str,
    *,
    partners: bool = False,
) -> str:
    """No such item: say so, suggest close names, list what there is (`items`: the
    partners when `partners`, the word stood where a partner goes: "exports to Germany")."""
    listed = ", ".join(names.name(slug, lang) for slug in items)
    if not terms:
        return (
            t(
                lang,
                "I did not find a question about Korea's trade figures in that.",
                "한국 수출입 통계에 대한 질문을 찾지 못했습니다.",
            )
            + "\n\n"
            + help_text(lang)
        )
    quoted = ", ".join(f"“{term}”" for term in terms[:3])
    if partners:
        first = t(
            lang,
            f"There is no trading partner called {quoted} in the data.",
            f"{with_particle(quoted, '이라는/라는')} 교역 상대는 자료에 없습니다.",
        )
    else:
        first = t(
            lang,
            f"There is no item called {quoted} in the data (nor a trading partner by that name).",
            f"{with_particle(quoted, '이라는/라는')} 품목이나 교역 상대는 자료에 없습니다.",
        )
    out = [first]
    if suggestions:
        close = t(lang, " or ", " 또는 ").join(names.name(slug, lang) for slug in suggestions[:3])
        out.append(t(lang, f"Did you mean {close}?", f"혹시 {close}인가요?"))
    if partners:
        out.append(t(lang, f"Partners: {listed}.", f"교역 상대: {listed}."))
    else:
        out.append(t(lang, f"Items: {listed}.", f"품목: {listed}."))
    return "\n".join(out)
