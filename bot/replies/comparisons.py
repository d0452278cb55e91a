"""Comparison replies: the change between the periods first, then each period's figure."""

from __future__ import annotations

from collections.abc import Sequence

from kortrade.bot.replies.figures import has_hs, no_figure, span_line, stand_in
from kortrade.bot.replies.phrases import (
    HS_NOTE,
    Names,
    basis_words,
    figure,
    growth,
    label,
    money,
    source_lines,
    span_range,
    t,
    when,
)
from kortrade.data.digest import SourceRef
from kortrade.resolve.outcomes import (
    MonthLine,
    PeriodComparison,
    SpanLine,
)

__all__ = ["compare_text"]


def _change_words(comparison: PeriodComparison, lang: str) -> str | None:
    """The answer of a comparison, to lead its reply: "+11.4% in January 2021 on January
    2020 (growth as stated for January 2021)" / "2021년 1월, 2020년 1월 대비 11.4% 증가 (…)"."""
    if comparison.earlier is None or comparison.later is None:
        return None
    earlier, later = span_range(*comparison.earlier, lang), span_range(*comparison.later, lang)
    if comparison.change_usd_mn is not None:
        amount = money(comparison.change_usd_mn, lang)
        if comparison.change_usd_mn > 0:
            amount = "+" + amount
        return t(
            lang,
            f"{amount} in {later} on {earlier} (computed from the two balances)",
            f"{later}, {earlier} 대비 {amount} (두 수지로 계산)",
        )
    if comparison.change_pct is None:
        return None
    pct = growth(comparison.change_pct, lang)
    if comparison.stated:
        how = t(lang, f"growth as stated for {later}", f"{later} 발표 증감률")
    else:
        source = comparison.computed_from or "levels"
        basis = (
            basis_words(source, lang)
            if source in ("release", "customs")
            else t(lang, "summed monthly", "월별 합산")
        )
        # "관세청 확정치로 계산", never "확정치 수치로"
        ko_basis = f"{basis}로" if basis.endswith("치") else f"{basis} 수치로"
        how = t(lang, f"computed from {basis} levels", f"{ko_basis} 계산")
    return t(
        lang, f"{pct} in {later} on {earlier} ({how})", f"{later}, {earlier} 대비 {pct} ({how})"
    )


def compare_text(
    comparisons: Sequence[PeriodComparison],
    names: Names,
    lang: str,
    sources: Sequence[SourceRef] = (),
) -> str:
    """The change between the periods first, then each period's figure, one a line.

    With a change stated, a span's row is its total only: its own growth on a year
    earlier would repeat or muddle the answer. The other basis is shown only when the
    change was computed from it (customs levels behind a growth-only release).
    """
    out: list[str] = []
    for comparison in comparisons:
        change = _change_words(comparison, lang)
        head = label(comparison.key, names, lang)
        out.append(f"{head}: {change}." if change else head + ":")
        other = comparison.computed_from == "customs"
        said_missing = False
        for line in comparison.lines:
            if isinstance(line, MonthLine):
                preface = stand_in(line, names, lang)
                if preface:
                    out.append(f"• {preface}")
                out.append(f"• {when(line, lang)}: {figure(line.facts, lang, other=other)}")
            elif isinstance(line, SpanLine):
                rows = span_line(line, names, lang, with_label=False, with_growth=change is None)
                out.extend([f"• {rows[0]}", *(f"  {row}" for row in rows[1:])])
            elif line.reason == "no_series":
                # A series the data does not have is missing in every period: said once.
                if not said_missing:
                    rows = no_figure(line, names, lang)
                    out.extend([f"• {rows[0]}", *(f"  {row}" for row in rows[1:])])
                said_missing = True
            else:
                rows = no_figure(line, names, lang)
                out.extend([f"• {rows[0]}", *(f"  {row}" for row in rows[1:])])
    out.extend(source_lines(sources, lang))
    if has_hs([c.key for c in comparisons]):
        out.append(HS_NOTE[1 if lang == "ko" else 0])
    return "\n".join(out)
