"""The reply to "what data do you have" (`/about`, `kortrade about`): coverage, said once.

One line per group, compact enough for one Telegram message: a desk reads where each
series starts and how holed it is, instead of meeting each gap in a later reply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kortrade.bot.replies.phrases import Names, month_name
from kortrade.data.coverage import Coverage, SeriesSpan, coverage
from kortrade.resolve import store_view

if TYPE_CHECKING:
    from kortrade.data.store import Store

__all__ = ["about_reply", "about_text"]

_BASIS = {
    "release": ("the ministry's preliminary releases", "산업부 잠정 발표"),
    "customs": ("Korea Customs Service final figures", "관세청 확정치"),
}


def _short(period: str, lang: str) -> str:
    return f"{period[:4]}.{period[5:]}" if lang == "ko" else period


def _series(span: SeriesSpan, names: Names, lang: str) -> str:
    name = names.name(span.slug, lang)
    where = _short(span.first, lang)
    if span.last != span.first:
        where += f"~{_short(span.last, lang)}"
    if span.missing:
        gaps = f"누락 {span.missing}개월" if lang == "ko" else f"{span.missing} missing"
        return f"{name} ({where}, {gaps})"
    return f"{name} ({where})"


def about_reply(store: Store, lang: str = "en") -> str:
    """The coverage reply for a store: what /about, `kortrade about` and the question
    "what data do you have" all print."""
    return about_text(coverage(store), store_view(store).vocabulary, lang)


def about_text(cover: Coverage, names: Names, lang: str = "en") -> str:
    """The coverage reply; `names` gives each slug's display name in `lang`."""
    ko = lang == "ko"
    lines = [
        "보유 자료: 한국의 상품 수출입 (미국 달러, 금액 기준)"
        if ko
        else "What I have: Korea's goods trade, in US dollars, by value",
    ]
    for basis, span in cover.headline.items():
        label = _BASIS[basis][1 if ko else 0]
        first, last = month_name(span.first, lang), month_name(span.last, lang)
        lines.append(
            f"• 수출입 총액 — {label}: {first}~{last}"
            if ko
            else f"• Totals — {label}: {first} to {last}"
        )
    groups = (
        (cover.items, "품목별 수출", "Export items"),
        (cover.regions, "지역별 수출 (산업부 9대 지역)", "Exports by region (the ministry's 9)"),
        (cover.countries, "국가별 수출 (관세청)", "Exports by country (customs)"),
        (cover.imports, "수입 품목", "Import items"),
    )
    for spans, label_ko, label_en in groups:
        if spans:
            listed = ", ".join(_series(span, names, lang) for span in spans)
            lines.append(f"• {label_ko if ko else label_en}: {listed}")
    for days, span in cover.flash.items():
        where = f"{month_name(span.first, lang)}~{month_name(span.last, lang)}"
        if ko:
            lines.append(f"• 관세청 1~{days}일 잠정치: {where}, {span.months}개월")
        else:
            lines.append(f"• Customs first-{days}-days flash: {where}, {span.months} months")
    if cover.sources:
        cited = ", ".join(f"{publisher} ({count})" for publisher, count in cover.sources)
        lines.append(f"출처: {cited}" if ko else f"Sources: {cited}")
    lines.append(
        "빈 달은 공백으로 답하며, 수치를 추정하거나 채우지 않습니다."
        if ko
        else "A missing month is answered as missing: no figure is estimated or filled in."
    )
    return "\n".join(lines)
