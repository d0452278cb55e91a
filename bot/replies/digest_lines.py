"""One line of the digest: a total with its facts stacked under it, an item or
destination with its facts beside it, sub-items under their item, HS codes with what
they are not. Split from `digest` (the message's assembly) to keep both modules short.
Imports no telegram.
"""

from __future__ import annotations

from kortrade.bot.replies.facts import phrase_facts
from kortrade.bot.replies.format import balance, growth, money, month_of_year
from kortrade.data.digest import SUB_ITEMS, Digest
from kortrade.data.facts import MonthFacts
from kortrade.months import parse_month

__all__ = [
    "FACT_MARK",
    "HEADLINE_FACTS",
    "LABELS",
    "LINE_FACTS",
    "cap",
    "customs_only",
    "figure_parts",
    "figure_text",
    "hs_line",
    "item_lines",
    "missing_totals",
    "order_key",
    "series_line",
    "stacked",
    "t",
    "total_lines",
    "with_facts",
]

#: Facts per line: the headline carries three, every other line two.
HEADLINE_FACTS = 3
LINE_FACTS = 2
#: Starts each fact line under a total.
FACT_MARK = "– "

LABELS = {
    "export": ("Exports", "수출"),
    "import": ("Imports", "수입"),
    "balance": ("Trade balance", "무역수지"),
    "export_daily_avg": ("Daily average exports", "일평균 수출"),
}


def t(lang: str, en: str, ko: str) -> str:
    return ko if lang == "ko" else en


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _growth(facts: MonthFacts, lang: str, *, note: bool, other: bool = False) -> str:
    pct = facts.other_yoy_pct if other else facts.yoy_pct
    computed = facts.other_yoy_computed if other else facts.yoy_computed
    assert pct is not None
    return growth(pct, lang, computed=computed and note)


def figure_parts(facts: MonthFacts, lang: str, *, note_computed: bool = True) -> tuple[str, str]:
    """(headline figure, what the other basis adds) as text; the second may be empty.

    `note_computed` False leaves "(computed)" off growth computed from customs levels,
    for a digest whose title already says all its growth is.
    """
    parts: list[str] = []
    shown_value = None
    if facts.value_usd_mn is not None:
        if facts.key.flow == "balance":
            parts.append(balance(facts.value_usd_mn, lang))
            if facts.basis == "customs":
                parts[-1] += t(lang, " (exports minus imports)", " (수출−수입)")
        else:
            shown_value = money(facts.value_usd_mn, lang)
            parts.append(shown_value)
    if facts.yoy_pct is not None and facts.key.flow != "balance":
        parts.append(_growth(facts, lang, note=note_computed))
    main = ", ".join(parts) if parts else t(lang, "no figure stated", "수치 없음")
    revised = facts.revised_from
    if revised is not None and revised.value_usd_mn is not None:
        main += t(lang, " (revised from ", " (수정 전 ") + money(revised.value_usd_mn, lang) + ")"
    other = facts.other_basis
    if other is None or facts.key.flow == "balance":
        # The balance's customs vintage is exports minus imports, already on their lines.
        return main, ""
    bits: list[str] = []
    # Rounding in a news report is no revision: show the other level only when it
    # reads differently.
    if other.value_usd_mn is not None and money(other.value_usd_mn, lang) != shown_value:
        bits.append(money(other.value_usd_mn, lang))
    if facts.other_yoy_pct is not None:
        bits.append(_growth(facts, lang, note=True, other=True))
    if not bits:
        return main, ""
    label = t(lang, "customs final", "관세청 확정치")
    if other.basis != "customs":
        label = t(lang, "preliminary release", "잠정 발표")
    return main, f"; {label}: " + ", ".join(bits)


def figure_text(facts: MonthFacts, lang: str = "en") -> str:
    """ "$48.01bn, +11.4%", then the other basis when it tells more, and any revision."""
    main, other = figure_parts(facts, lang)
    return main + other


def with_facts(head: str, facts: MonthFacts, lang: str, limit: int) -> str:
    """ "head — fact; fact" on one line (items and destinations)."""
    clauses = phrase_facts(facts.facts, lang, balance=facts.key.flow == "balance")[:limit]
    if not clauses:
        return head
    return head + " — " + t(lang, "; ", ", ").join(clauses)


def stacked(head: str, facts: MonthFacts, lang: str, limit: int) -> list[str]:
    """The head, then one short "– fact" line each: the totals' facts are the news, and
    three clauses on one line fill a phone screen."""
    clauses = phrase_facts(facts.facts, lang, balance=facts.key.flow == "balance")[:limit]
    return [head, *(f"{FACT_MARK}{clause}" for clause in clauses)]


def customs_only(digest: Digest) -> bool:
    return digest.kind == "customs"


def _previous(digest: Digest, lang: str) -> str:
    """ ", after +12.6% in December" / " (전월 12.6% 증가)"."""
    previous = digest.previous_export
    if previous is None or previous.yoy_pct is None:
        return ""
    customs = customs_only(digest)
    change = growth(previous.yoy_pct, lang, computed=previous.yoy_computed and not customs)
    # In a customs digest every growth is computed (the title says so): a release's
    # stated growth of the month before says whose it is.
    released = customs and not previous.yoy_computed
    if lang == "ko":
        change = change.replace(" (계산치)", ", 계산치")  # no parentheses in parentheses
        return f" (전월 {'잠정치 ' if released else ''}{change})"
    month = month_of_year(parse_month(previous.period)[1])
    return f", after {change} in {month}" + (" (ministry release)" if released else "")


def total_lines(digest: Digest, flow: str, lang: str) -> list[str]:
    facts = digest.totals.get(flow)
    if facts is None:
        return []
    label = LABELS[flow][1 if lang == "ko" else 0]
    main, other = figure_parts(facts, lang, note_computed=not customs_only(digest))
    limit = LINE_FACTS
    if flow == "export":
        if facts.yoy_pct is not None and lang != "ko":
            main += " y/y"
        main += _previous(digest, lang)
        limit = HEADLINE_FACTS
    lines = stacked(f"{label}: {main}", facts, lang, limit)
    if other:
        # The other vintage is a side note after the news, unless it alone gives the level.
        note = FACT_MARK + other.removeprefix("; ")
        lines.insert(1 if facts.value_usd_mn is None else len(lines), note)
    return lines


def missing_totals(digest: Digest, lang: str) -> str | None:
    # Customs data has no daily average: its absence in a customs digest is no news.
    expected = [f for f in LABELS if not (customs_only(digest) and f == "export_daily_avg")]
    missing = [LABELS[flow] for flow in expected if flow not in digest.totals]
    if not missing:
        return None
    names = ", ".join(ko if lang == "ko" else en.lower() for en, ko in missing)
    return t(lang, f"No figure stored: {names}.", f"저장된 수치 없음: {names}.")


def order_key(facts: MonthFacts) -> tuple[int, float]:
    """Fastest growth first; lines with a level but no growth after, largest first."""
    yoy = facts.yoy_pct if facts.yoy_pct is not None else facts.other_yoy_pct
    if yoy is not None:
        return (0, -yoy)
    level = facts.level_usd_mn
    return (1, -level) if level is not None else (2, 0.0)


def _line_figure(digest: Digest, facts: MonthFacts, lang: str) -> str:
    """An item's or partner's figure: a level of the other basis only when the headline
    has none (a release stating growth only); revisions of the level are the totals'."""
    main, _ = figure_parts(facts, lang, note_computed=not customs_only(digest))
    other = facts.other_basis
    if facts.value_usd_mn is None and other is not None and other.value_usd_mn is not None:
        main += t(lang, " (customs: ", " (관세청: ") + money(other.value_usd_mn, lang) + ")"
    return main


def series_line(digest: Digest, facts: MonthFacts, lang: str, *, bullet: str = "•") -> str:
    partner = facts.key.partner != "world"
    name = digest.name(facts.key.partner if partner else facts.key.product, lang)
    if partner:
        name = t(lang, f"to {name}", name)
    head = f"{bullet} {cap(name)}: {_line_figure(digest, facts, lang)}"
    return with_facts(head, facts, lang, LINE_FACTS)


def item_lines(digest: Digest, lang: str, only: set[str] | None = None) -> list[str]:
    """Items in order, each followed by its sub-items; a sub-item whose item has no
    figure stands on its own."""
    present = {facts.key.product for facts in digest.items}
    children: dict[str, list[MonthFacts]] = {}
    top: list[MonthFacts] = []
    for facts in sorted(digest.items, key=order_key):
        parent = SUB_ITEMS.get(facts.key.product)
        if parent in present:
            children.setdefault(parent, []).append(facts)
        else:
            top.append(facts)
    lines: list[str] = []
    for facts in top:
        if only is not None and facts.key.product not in only:
            continue
        lines.append(series_line(digest, facts, lang))
        for child in children.get(facts.key.product, []):
            lines.append(series_line(digest, child, lang, bullet="  ◦"))
    return lines


def hs_line(digest: Digest, facts: MonthFacts, lang: str) -> list[str]:
    """An HS code's line, and what it is not (README: never present one as the other)."""
    note = t(lang, "  ◦ a customs code, narrower than the semiconductors item",
              "  ◦ 관세청 HS 코드 기준, 반도체 품목보다 좁은 범위")  # fmt: skip
    return [series_line(digest, facts, lang), note]
