"""The release digest a subscriber receives, in English or Korean.

Order follows what makes the month news: exports (value, growth, streaks and records),
imports, the balance with its surplus streak, the daily average; then items and
partners, fastest growth first, each with the facts worth saying; then the sources.
Items and regions the stored release does not cover are named in one short line, so
a missing figure reads as missing, never as zero. The message stays under Telegram's
4,096 characters: long lists end in "and N more".
"""

from __future__ import annotations

from kortrade.bot.replies.facts import phrase_facts
from kortrade.bot.replies.format import balance, growth, money, month_name
from kortrade.data.digest import Digest, SourceRef
from kortrade.data.facts import MonthFacts

__all__ = ["TELEGRAM_LIMIT", "digest_text", "figure_text"]

TELEGRAM_LIMIT = 4096

_LABELS = {
    "export": ("Exports", "수출"),
    "import": ("Imports", "수입"),
    "balance": ("Trade balance", "무역수지"),
    "export_daily_avg": ("Daily average exports", "일평균 수출"),
}


def _t(lang: str, en: str, ko: str) -> str:
    return ko if lang == "ko" else en


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _figure_parts(facts: MonthFacts, lang: str) -> tuple[str, str]:
    """(headline figure, what the other basis adds) as text; the second may be empty."""
    parts: list[str] = []
    shown_value = None
    if facts.value_usd_mn is not None:
        if facts.key.flow == "balance":
            parts.append(balance(facts.value_usd_mn, lang))
        else:
            shown_value = money(facts.value_usd_mn, lang)
            parts.append(shown_value)
    if facts.yoy_pct is not None and facts.key.flow != "balance":
        parts.append(growth(facts.yoy_pct, lang, computed=facts.yoy_computed))
    main = ", ".join(parts) if parts else _t(lang, "no figure stated", "수치 없음")
    revised = facts.revised_from
    if revised is not None and revised.value_usd_mn is not None:
        main += _t(lang, " (revised from ", " (수정 전 ") + money(revised.value_usd_mn, lang) + ")"
    other = facts.other_basis
    bits: list[str] = []
    if other is not None:
        # Rounding in a news report is no revision: show the other level only when it
        # reads differently.
        if other.value_usd_mn is not None and money(other.value_usd_mn, lang) != shown_value:
            bits.append(money(other.value_usd_mn, lang))
        if facts.other_yoy_pct is not None:
            bits.append(growth(facts.other_yoy_pct, lang, computed=facts.other_yoy_computed))
    if not bits:
        return main, ""
    assert other is not None
    label = _t(lang, "customs final", "관세청 확정치")
    if other.basis != "customs":
        label = _t(lang, "preliminary release", "잠정 발표")
    return main, f"; {label}: " + ", ".join(bits)


def figure_text(facts: MonthFacts, lang: str = "en") -> str:
    """ "$48.01bn, +11.4%", then the other basis when it tells more, and any revision."""
    main, other = _figure_parts(facts, lang)
    return main + other


def _with_facts(head: str, facts: MonthFacts, lang: str) -> str:
    clauses = phrase_facts(facts.facts, lang, balance=facts.key.flow == "balance")
    if not clauses:
        return head
    return head + " — " + _t(lang, "; ", ", ").join(clauses)


def _total_line(digest: Digest, flow: str, lang: str) -> str | None:
    facts = digest.totals.get(flow)
    if facts is None:
        return None
    label = _LABELS[flow][1 if lang == "ko" else 0]
    main, other = _figure_parts(facts, lang)
    previous = digest.previous_export
    if flow == "export" and previous is not None and previous.yoy_pct is not None:
        before = month_name(previous.period, lang)
        change = growth(previous.yoy_pct, lang, computed=previous.yoy_computed)
        main += _t(lang, f", after {change} in {before}", f" (전월 {before}: {change})")
    return _with_facts(f"{label}: {main}{other}", facts, lang)


def _missing_totals(digest: Digest, lang: str) -> str | None:
    missing = [_LABELS[flow] for flow in _LABELS if flow not in digest.totals]
    if not missing:
        return None
    names = ", ".join(ko if lang == "ko" else en.lower() for en, ko in missing)
    return _t(lang, f"No figure stored: {names}.", f"저장된 수치 없음: {names}.")


def _growth_key(facts: MonthFacts) -> tuple[int, float]:
    yoy = facts.yoy_pct if facts.yoy_pct is not None else facts.other_yoy_pct
    return (0, -yoy) if yoy is not None else (1, 0.0)


def _line(digest: Digest, facts: MonthFacts, lang: str, *, partner: bool) -> str:
    slug = facts.key.partner if partner else facts.key.product
    name = digest.name(slug, lang)
    if partner:
        name = _t(lang, f"to {name}", name)
    return _with_facts(f"• {_cap(name)}: {figure_text(facts, lang)}", facts, lang)


def _missing_line(digest: Digest, slugs: list[str], lang: str) -> str | None:
    if not slugs:
        return None
    names = ", ".join(digest.name(slug, lang) for slug in slugs)
    if digest.kind == "release":
        return _t(lang, f"Not in the stored release: {names}.", f"저장된 발표에 없음: {names}.")
    return _t(lang, f"No figure stored: {names}.", f"저장된 수치 없음: {names}.")


def _source_line(ref: SourceRef) -> str:
    who = ref.publisher or ref.id
    where = ref.url or ref.title
    return f"• {who}: {where}" if where else f"• {who}"


def _title(digest: Digest, lang: str) -> str:
    month = month_name(digest.period, lang)
    if digest.kind == "release":
        return _t(
            lang, f"Korea's trade, {month} (preliminary release)", f"{month} 수출입 동향 (잠정)"
        )
    return _t(
        lang,
        f"Korea's trade, {month} (customs figures; no ministry release stored)",
        f"{month} 수출입 (관세청 통계, 산업부 발표 없음)",
    )


def _empty(digest: Digest, lang: str) -> str:
    month = month_name(digest.period, lang)
    if digest.coverage is None:
        return _t(lang, f"No figures are stored for {month}.", f"{month} 수치가 없습니다.")
    first, last = (month_name(p, lang) for p in digest.coverage)
    return _t(
        lang,
        f"No figures are stored for {month}. Exports run from {first} to {last}.",
        f"{month} 수치가 없습니다. 수출 자료는 {first}부터 {last}까지 있습니다.",
    )


def _sources_block(digest: Digest, shown: list[MonthFacts], lang: str) -> list[str]:
    used = {f.source for f in shown} | {f.other_basis.source for f in shown if f.other_basis}
    refs = [ref for ref in digest.sources if ref.id in used]
    if not refs:
        return []
    return [_t(lang, "Sources:", "출처:"), *(_source_line(ref) for ref in refs)]


def _more(count: int, lang: str) -> str:
    return _t(lang, f"• … and {count} more", f"• … 외 {count}건")


def _fit(blocks: list[list[str]], lists: list[int], lang: str) -> str:
    """Join blocks; while too long, shorten the longest trimmable list ("and N more")."""
    trimmed = {index: 0 for index in lists}
    while True:
        text = "\n\n".join("\n".join(block) for block in blocks if block)
        if len(text) <= TELEGRAM_LIMIT:
            return text
        candidates = [i for i in lists if len(blocks[i]) > 2]
        if not candidates:
            return text[: TELEGRAM_LIMIT - 1] + "…"
        index = max(candidates, key=lambda i: len(blocks[i]))
        block = blocks[index]
        has_more = trimmed[index] > 0
        trimmed[index] += 1
        body = block[1 : -1 if has_more else None]
        blocks[index] = [block[0], *body[:-1], _more(trimmed[index], lang)]


def digest_text(digest: Digest, lang: str = "en", topic: str | None = None) -> str:
    """The subscriber's message; `topic` (an item or partner slug) keeps the headline + its line."""
    lang = "ko" if lang == "ko" else "en"
    if digest.kind == "none":
        return _empty(digest, lang)
    title = _title(digest, lang)
    if topic and topic != "all":
        lines = [title]
        export = _total_line(digest, "export", lang)
        if export:
            lines.append(export)
        facts = digest.topic_facts(topic)
        shown = [f for f in (digest.totals.get("export"), facts) if f is not None]
        if facts is None:
            month = month_name(digest.period, lang)
            name = _cap(digest.name(topic, lang))
            lines.append(
                _t(lang, f"{name}: no figure stored for {month}.", f"{name}: {month} 수치 없음.")
            )
        else:
            lines.append(_line(digest, facts, lang, partner=facts.key.partner != "world"))
        return _fit([lines, _sources_block(digest, shown, lang)], [], lang)

    totals = [line for flow in _LABELS if (line := _total_line(digest, flow, lang))]
    missing_totals = _missing_totals(digest, lang)
    if missing_totals:
        totals.append(missing_totals)
    items = [_line(digest, f, lang, partner=False) for f in sorted(digest.items, key=_growth_key)]
    partners = [
        _line(digest, f, lang, partner=True) for f in sorted(digest.partners, key=_growth_key)
    ]
    item_block = [_t(lang, "Items (exports, by growth):", "품목별 수출 (증가율 순):"), *items]
    partner_block = [_t(lang, "Exports by partner:", "지역별 수출 (증가율 순):"), *partners]
    missing_items = _missing_line(digest, digest.missing_items, lang)
    missing_partners = _missing_line(digest, digest.missing_partners, lang)
    blocks = [
        [title, *totals],
        item_block if items else [],
        [missing_items] if missing_items else [],
        partner_block if partners else [],
        [missing_partners] if missing_partners else [],
        _sources_block(digest, [*digest.totals.values(), *digest.items, *digest.partners], lang),
    ]
    return _fit(blocks, [1, 3, 5], lang)
