"""The release digest a subscriber receives, in English or Korean.

Order follows what makes the month news: a title naming the month and whose figures
these are (the ministry's preliminary release, or customs final figures with growth
computed from customs levels); exports (value, growth, the month before, the streak or
record that makes news), imports, the balance with its surplus or deficit run, the
daily average; then items and destinations, fastest growth first (lines with a level
but no growth follow, largest first), each with at most two facts, the strongest
first (`kortrade.data.news` chose them); sub-items ("system chips") sit under their
item. Items and regions the stored release does not cover are named in one short line
(or counted, when most are missing), so a missing figure reads as missing, never as
zero. Sources: one line per publisher. The message stays well under Telegram's 4,096
characters (`BUDGET`): long lists end in "and N more".
Each line (a total, an item with its facts, an HS code with what it is not) is
built here too.
"""

from __future__ import annotations

from collections.abc import Sequence

from kortrade.bot.replies.facts import phrase_facts
from kortrade.bot.replies.phrases import (
    balance,
    cap,
    date_name,
    digest_source_lines,
    growth,
    money,
    month_name,
    month_of_year,
    other_basis,
    publisher_label,
    revision,
    t,
)
from kortrade.bot.replies.reply import fit_text
from kortrade.data.digest import MAJOR_ITEMS, REGIONS, SUB_ITEMS, Digest
from kortrade.data.facts import MonthFacts
from kortrade.months import parse_month

__all__ = ["BUDGET", "digest_text", "digest_topics_text"]


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


def figure_parts(facts: MonthFacts, lang: str, *, note_computed: bool = True) -> tuple[str, str]:
    """(headline figure, what the other basis adds) as text; the second may be empty.

    `note_computed` False leaves "(computed)" off growth computed from customs levels,
    for a digest whose title already says all its growth is.
    """
    parts: list[str] = []
    if facts.value_usd_mn is not None and facts.key.flow == "balance":
        parts.append(balance(facts.value_usd_mn, lang))
        if facts.basis == "customs":
            parts[-1] += t(lang, " (exports minus imports)", " (수출−수입)")
    elif facts.value_usd_mn is not None:
        parts.append(money(facts.value_usd_mn, lang))
    if facts.yoy_pct is not None and facts.key.flow != "balance":
        computed = facts.yoy_computed and note_computed
        parts.append(growth(facts.yoy_pct, lang, computed=computed))
    main = ", ".join(parts) if parts else t(lang, "no figure stated", "수치 없음")
    main += revision(facts, lang)
    # The balance's customs vintage is exports minus imports, already on their lines.
    return main, "" if facts.key.flow == "balance" else other_basis(facts, lang)


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


#: Lists are trimmed past this length: room to spare under Telegram's limit.
BUDGET = 3500


#: Missing items or regions are named up to this many, counted beyond.
NAMED_MISSING = 8


_MISSING = {
    # (items?, release?) -> (English prefix, Korean prefix)
    (True, True): ("Items not in the stored release", "저장된 발표에 없는 품목"),
    (False, True): ("Regions not in the stored release", "저장된 발표에 없는 지역"),
    (True, False): ("Items with no figure stored", "수치가 없는 품목"),
    (False, False): ("Regions with no figure stored", "수치가 없는 지역"),
}


def _missing_line(digest: Digest, slugs: list[str], of: int, lang: str, *, items: bool) -> str:
    """ "Items not in the stored release: computers, textiles." (counted when many)."""
    release = digest.kind == "release"
    if len(slugs) == of:
        what = t(lang, "item" if items else "destination", "품목별" if items else "지역별")
        if release:
            return t(
                lang,
                f"No {what} figures in the stored release.",
                f"저장된 발표에 {what} 수치 없음.",
            )
        return t(lang, f"No {what} figures stored for this month.", f"이달의 {what} 수치 없음.")
    prefix = t(lang, *_MISSING[(items, release)])
    if len(slugs) <= NAMED_MISSING:
        names = ", ".join(digest.name(slug, lang) for slug in slugs)
    elif items:
        names = t(lang, f"{len(slugs)} of the {of} major items", f"{of}대 품목 중 {len(slugs)}개")
    else:
        names = t(lang, f"{len(slugs)} of the {of} regions", f"{of}대 지역 중 {len(slugs)}곳")
    return f"{prefix}: {names}."


def _missing_lines(digest: Digest, lang: str) -> list[str]:
    """What the digest cannot say, in one or two short lines."""
    if not digest.items and not digest.partners:
        if digest.kind == "release":
            return [t(lang, "No item or destination figures in the stored release.",
                       "저장된 발표에 품목·지역별 수치 없음.")]  # fmt: skip
        return [t(lang, "No item or destination figures stored for this month.",
                   "이달의 품목·지역별 수치 없음.")]  # fmt: skip
    lines = []
    if digest.missing_items:
        lines.append(
            _missing_line(digest, digest.missing_items, len(MAJOR_ITEMS), lang, items=True)
        )
    if digest.missing_partners:
        lines.append(
            _missing_line(digest, digest.missing_partners, len(REGIONS), lang, items=False)
        )
    return lines


def _title(digest: Digest, lang: str) -> list[str]:
    """The month, then whose figures these are and when they were published."""
    month = month_name(digest.period, lang)
    if customs_only(digest):
        return [
            t(lang, f"Korea's trade, {month}", f"{month} 수출입 실적"),
            t(
                lang,
                "Customs final figures (Korea Customs Service); no ministry release stored, "
                "so y/y growth is computed from customs levels.",
                "관세청 확정치 기준 (산업부 잠정 발표 없음, 증감률은 확정치로 계산)",
            ),
        ]
    headline = digest.totals.get("export") or next(iter(digest.totals.values()), None)
    ref = digest.source_ref(headline.source) if headline is not None else None
    publisher = publisher_label(ref.publisher, "en") if ref and ref.publisher else ""
    if "Customs" in publisher:
        by = t(lang, "Korea Customs Service's monthly press release", "관세청 월간 보도자료")
    else:
        by = t(lang, "The ministry's preliminary release", "산업부 잠정치")
    if headline is not None and headline.published_on:
        try:
            day = date_name(headline.published_on, lang)
        except ValueError:
            day = ""
        if day:
            by += t(lang, f", published {day}", f" ({day} 발표)")
    return [t(lang, f"Korea's trade, {month}", f"{month} 수출입 동향"), by]


def _empty(digest: Digest, lang: str) -> str:
    month = month_name(digest.period, lang)
    if digest.coverage is None:
        return t(lang, f"No figures are stored for {month}.", f"{month} 수치가 없습니다.")
    first, last = (month_name(p, lang) for p in digest.coverage)
    return t(
        lang,
        f"No figures are stored for {month}. Exports run from {first} to {last}.",
        f"{month} 수치가 없습니다. 수출 자료는 {first}부터 {last}까지 있습니다.",
    )


def _sources_block(digest: Digest, shown: list[MonthFacts], lang: str) -> list[str]:
    used = {f.source for f in shown} | {
        f.other_basis.source for f in shown if f.other_basis and f.key.flow != "balance"
    }
    return digest_source_lines([ref for ref in digest.sources if ref.id in used], lang)


def _more(count: int, lang: str) -> str:
    return t(lang, f"• … and {count} more", f"• … 외 {count}건")


def _fit(blocks: list[list[str]], lists: list[int], lang: str) -> str:
    """Join blocks; while over `BUDGET`, shorten the longest trimmable list ("and N more")."""
    trimmed = {index: 0 for index in lists}
    while True:
        text = "\n\n".join("\n".join(block) for block in blocks if block)
        if len(text) <= BUDGET:
            return text
        candidates = [i for i in lists if len(blocks[i]) > 2]
        if not candidates:
            return fit_text(text, lang)
        index = max(candidates, key=lambda i: len(blocks[i]))
        block = blocks[index]
        has_more = trimmed[index] > 0
        trimmed[index] += 1
        body = block[1 : -1 if has_more else None]
        blocks[index] = [block[0], *body[:-1], _more(trimmed[index], lang)]


def _hs_lines(digest: Digest, lang: str) -> list[str]:
    """HS 8542 (customs) stands in the items block only when the release's semiconductors
    line is missing, under its own name: it is narrower, never the same figure."""
    if any(f.key.product == "semiconductors" for f in digest.items):
        return []
    return [line for facts in digest.hs for line in hs_line(digest, facts, lang)]


def _missing_topic(digest: Digest, topic: str, lang: str) -> str:
    """ "• Computers: no figure stored for January 2021", with where its figures run
    when the month is outside them."""
    month = month_name(digest.period, lang)
    name = cap(digest.name(topic, lang))
    span = digest.spans.get(topic)
    where = ""
    if span is not None and digest.period < span[0]:
        where = t(lang, f" (figures start {month_name(span[0])})",
                   f" (자료 시작: {month_name(span[0], 'ko')})")  # fmt: skip
    elif span is not None and digest.period > span[1]:
        where = t(lang, f" (latest: {month_name(span[1])})",
                   f" (최근 자료: {month_name(span[1], 'ko')})")  # fmt: skip
    return t(lang, f"• {name}: no figure stored for {month}{where}.",
              f"• {name}: {month} 수치 없음{where}.")  # fmt: skip


def digest_topics_text(digest: Digest, lang: str, topics: Sequence[str]) -> str:
    """The title, the export headline and the lines of `topics` (items with their
    sub-items, HS codes, partners; a topic without a figure says so), in one message."""
    lang = "ko" if lang == "ko" else "en"
    if digest.kind == "none":
        return _empty(digest, lang)
    head = total_lines(digest, "export", lang)
    shown = [f for f in [digest.totals.get("export")] if f is not None]
    lines: list[str] = []
    for topic in dict.fromkeys(topics):
        facts = digest.topic_facts(topic)
        if facts is None:
            lines.append(_missing_topic(digest, topic, lang))
            continue
        if facts in digest.items:
            wanted = {topic} | {s for s, parent in SUB_ITEMS.items() if parent == topic}
            found = item_lines(digest, lang, only={topic})
            shown += [f for f in digest.items if f.key.product in wanted]
            lines += found or [series_line(digest, facts, lang)]
        elif facts in digest.hs:
            shown.append(facts)
            lines += hs_line(digest, facts, lang)
        else:
            shown.append(facts)
            lines.append(series_line(digest, facts, lang))
    blocks = [_title(digest, lang), head, lines, _sources_block(digest, shown, lang)]
    return _fit(blocks, [], lang)


def digest_text(digest: Digest, lang: str = "en", topic: str | None = None) -> str:
    """The subscriber's message; `topic` (an item, HS code or partner slug) keeps the
    headline and that topic's lines."""
    lang = "ko" if lang == "ko" else "en"
    if topic and topic != "all":
        return digest_topics_text(digest, lang, [topic])
    if digest.kind == "none":
        return _empty(digest, lang)
    totals = [line for flow in LABELS for line in total_lines(digest, flow, lang)]
    missing = missing_totals(digest, lang)
    if missing:
        totals.append(missing)
    items = [*item_lines(digest, lang), *_hs_lines(digest, lang)]
    partners = [series_line(digest, f, lang) for f in sorted(digest.partners, key=order_key)]
    shown_hs = digest.hs if _hs_lines(digest, lang) else []
    blocks = [
        _title(digest, lang),
        totals,
        [t(lang, "Exports by item:", "품목별 수출:"), *items] if items else [],
        [t(lang, "Exports by destination:", "지역별 수출:"), *partners] if partners else [],
        _missing_lines(digest, lang),
        _sources_block(
            digest, [*digest.totals.values(), *digest.items, *digest.partners, *shown_hs], lang
        ),
    ]
    return _fit(blocks, [2, 3], lang)
