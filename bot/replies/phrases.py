"""Wording every reply shares, in English and Korean: one place for each phrase.

Numbers, money, growth and months ("$48.01bn", "480.1억 달러": Korean money is counted in
억, as Korean trade reports print it; amounts under 1억 fall back to 만); a series' label
("Exports of semiconductors to China" / "대중국 반도체 수출", with the partner's
preposition and the Korean 대- form); one figure with its growth, stated or computed,
and the other basis when it tells more; a month, a span of months, a list of months;
the complete question a button asks; publishers and source lists. Figures are US dollar
millions, as stored. Imports no telegram.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Protocol

from kortrade.data.digest import SourceRef
from kortrade.data.facts import MonthFacts
from kortrade.data.series import SeriesKey
from kortrade.months import parse_month, to_index
from kortrade.resolve.outcomes import MonthLine

__all__ = [
    "HS_NOTE",
    "LANGS",
    "Names",
    "balance",
    "basis_words",
    "cap",
    "citation",
    "date_name",
    "digest_source_lines",
    "figure",
    "growth",
    "label",
    "money",
    "month_name",
    "month_of_year",
    "months_count",
    "months_list",
    "ordinal",
    "other_basis",
    "press_release",
    "publisher_label",
    "question_for",
    "revision",
    "signed_pct",
    "source_lines",
    "span_range",
    "t",
    "when",
    "years_count",
]


LANGS: tuple[str, ...] = ("en", "ko")


_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _lang(lang: str | None) -> str:
    return "ko" if lang == "ko" else "en"


def money(value_usd_mn: float, lang: str = "en") -> str:
    """$48.01bn / $840.0mn in English; 480.1억 달러 / 640만 달러 in Korean."""
    sign = "-" if value_usd_mn < 0 else ""
    amount = abs(value_usd_mn)
    if _lang(lang) == "ko":
        if round(amount, 1) >= 100:
            return f"{sign}{amount / 100:,.1f}억 달러"
        return f"{sign}{round(amount * 100):,}만 달러"
    if round(amount, 1) >= 1000:
        return f"{sign}${amount / 1000:,.2f}bn"
    return f"{sign}${amount:,.1f}mn"


def signed_pct(pct: float) -> str:
    """+11.4% / -8.5% / 0.0% (no sign on a rounded zero)."""
    rounded = round(pct, 1)
    if rounded == 0:
        return "0.0%"
    return f"{rounded:+.1f}%"


def growth(pct: float, lang: str = "en", *, computed: bool = False) -> str:
    """Growth on a year earlier: "+11.4%" / "11.4% 증가"; says so when computed from levels."""
    if _lang(lang) == "ko":
        rounded = round(pct, 1)
        if rounded == 0:
            text = "보합(0.0%)"
        else:
            text = f"{abs(rounded):.1f}% {'증가' if rounded > 0 else '감소'}"
        return text + (" (계산치)" if computed else "")
    return signed_pct(pct) + (" (computed)" if computed else "")


def balance(value_usd_mn: float, lang: str = "en") -> str:
    """A balance as surplus or deficit: "a surplus of $3.96bn" / "39.6억 달러 흑자"."""
    if _lang(lang) == "ko":
        if value_usd_mn == 0:
            return "균형(0)"
        word = "흑자" if value_usd_mn > 0 else "적자"
        return f"{money(abs(value_usd_mn), 'ko')} {word}"
    if value_usd_mn == 0:
        return "balanced (zero)"
    word = "surplus" if value_usd_mn > 0 else "deficit"
    return f"a {word} of {money(abs(value_usd_mn), 'en')}"


def month_name(period: str, lang: str = "en") -> str:
    """`2021-01` -> "January 2021" / "2021년 1월"."""
    year, month = parse_month(period)
    if _lang(lang) == "ko":
        return f"{year}년 {month}월"
    return f"{_MONTHS_EN[month - 1]} {year}"


def date_name(iso_date: str, lang: str = "en") -> str:
    """`2021-02-01` -> "1 February 2021" / "2021년 2월 1일" (a release's publication day)."""
    try:
        day = date.fromisoformat(iso_date)
    except (TypeError, ValueError):
        raise ValueError(f"{iso_date!r} is not a YYYY-MM-DD date") from None
    if _lang(lang) == "ko":
        return f"{day.year}년 {day.month}월 {day.day}일"
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def month_of_year(month: int, lang: str = "en") -> str:
    """1 -> "January" / "1월"."""
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} is not 1..12")
    return f"{month}월" if _lang(lang) == "ko" else _MONTHS_EN[month - 1]


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, ..."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def months_count(n: int, lang: str = "en") -> str:
    if _lang(lang) == "ko":
        return f"{n}개월"
    return f"{n} month" if n == 1 else f"{n} months"


def years_count(n: int, lang: str = "en") -> str:
    if _lang(lang) == "ko":
        return f"{n}년"
    return f"{n} year" if n == 1 else f"{n} years"


#: Said whenever HS 8542 is shown: it is narrower than the ministry's semiconductors item.
HS_NOTE = (
    "Note: HS 8542 (integrated circuits) is a customs code narrower than the ministry's "
    "semiconductors item; it is not the same figure.",
    "참고: HS 8542(전자집적회로)는 산업부 반도체 품목보다 좁은 관세 품목 분류로, "
    "같은 수치가 아닙니다.",
)


#: How Korean trade reports say "to/with" these partners (대미 수출, not 대미국 수출).
_KO_TOWARDS = {"united_states": "대미", "japan": "대일", "eu": "대EU"}


class Names(Protocol):
    """Display names of slugs (`kortrade.intents.Vocabulary` is one)."""

    def name(self, slug: str, lang: str = "en") -> str: ...


def t(lang: str, en: str, ko: str) -> str:
    return ko if lang == "ko" else en


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def partner_word(flow: str) -> str:
    """Exports go "to" a partner, imports come "from" one, a balance is "with" one."""
    return {"import": "from", "balance": "with"}.get(flow, "to")


def label(key: SeriesKey, names: Names, lang: str, *, start: bool = True) -> str:
    """ "Exports of semiconductors to China" / "대중국 반도체 수출"; `start=False` for
    mid-sentence use ("records for exports of automobiles start …")."""
    flow = names.name(key.flow, lang)
    item = names.name(key.product, lang) if key.product != "all" else ""
    partner = names.name(key.partner, lang) if key.partner != "world" else ""
    if lang == "ko":
        where = ""
        if partner:
            where = (
                partner if key.partner == "others" else _KO_TOWARDS.get(key.partner, f"대{partner}")
            )
        return " ".join(part for part in (where, item, flow) if part)
    text = cap(flow) if start else flow
    if item:
        text += f" of {item}"
    if partner:
        text += f" {partner_word(key.flow)} {partner}"
    return text


def when(line: MonthLine, lang: str) -> str:
    """The month a line answers, with the phrase it was asked by ("last month (…)")."""
    month = month_name(line.period, lang)
    relative = line.relative_ko if lang == "ko" else line.relative
    if relative and relative not in ("latest", "최근"):
        return f"{relative} ({month})"
    if line.month_of_year:
        calendar = month_of_year(parse_month(line.period)[1], lang)
        return t(
            lang, f"{month}, the latest {calendar} with data", f"{month} (가장 최근 {calendar})"
        )
    return month


def span_range(start: str, end: str, lang: str) -> str:
    """ "January–March 2021" / "2021년 1~3월"; one month reads as that month, a whole
    calendar year as the year."""
    if start == end:
        return month_name(start, lang)
    (y1, m1), (y2, m2) = parse_month(start), parse_month(end)
    if y1 == y2 and (m1, m2) == (1, 12):
        return f"{y1}년" if lang == "ko" else str(y1)
    if lang == "ko":
        if y1 == y2:
            return f"{y1}년 {m1}~{m2}월"
        return f"{y1}년 {m1}월~{y2}년 {m2}월"
    first = month_name(start).split()[0]
    if y1 == y2:
        return f"{first}–{month_name(end)}"
    return f"{month_name(start)}–{month_name(end)}"


def months_list(periods: Sequence[str], lang: str, limit: int = 6) -> str:
    """Months as runs: "March 2026, May–July 2026"; long lists end in "and N more"."""
    runs: list[tuple[str, str]] = []
    for period in sorted(periods):
        if runs and to_index(period) - to_index(runs[-1][1]) == 1:
            runs[-1] = (runs[-1][0], period)
        else:
            runs.append((period, period))
    shown = [span_range(a, b, lang) for a, b in runs[:limit]]
    if len(runs) > limit:
        shown.append(t(lang, f"and {len(runs) - limit} more", f"외 {len(runs) - limit}건"))
    return ", ".join(shown)


def _yoy(pct: float, lang: str, *, computed: bool) -> str:
    if lang == "ko":
        text = f"전년 동월 대비 {growth(pct, 'ko')}"
        return text + (" (관세청 수치로 계산)" if computed else "")
    return f"{growth(pct)} y/y" + (" (computed from customs levels)" if computed else "")


def figure(facts: MonthFacts, lang: str, *, other: bool = True) -> str:
    """ "$48.01bn, +11.4% y/y" (+ the other basis when it tells more, + a revision)."""
    parts: list[str] = []
    value = facts.value_usd_mn
    if value is not None:
        parts.append(balance(value, lang) if facts.key.flow == "balance" else money(value, lang))
    if facts.yoy_pct is not None and facts.key.flow != "balance":
        parts.append(_yoy(facts.yoy_pct, lang, computed=facts.yoy_computed))
    text = ", ".join(parts)
    other_level = other and facts.other_basis is not None and facts.other_basis.value_usd_mn
    if value is None and facts.yoy_pct is not None and not other_level:
        # (When the other basis gives the dollar figure, it follows at once.)
        text += t(lang, " (no dollar figure stated)", " (금액 미발표)")
    elif value is not None and facts.yoy_pct is None and facts.key.flow != "balance":
        if facts.basis == "customs":
            text += t(lang, " (no figure a year earlier to compute growth)", " (전년 수치 없음)")
        else:
            text += t(lang, " (no y/y growth stated)", " (증감률 미발표)")
    elif not parts:
        text = t(lang, "no figure stated", "수치 없음")
    if value is not None:
        text += revision(facts, lang)
    if other:
        text += other_basis(facts, lang, which=True)
    return text


def revision(facts: MonthFacts, lang: str) -> str:
    """ " (revised from $47.90bn)" when this figure replaced another; else ""."""
    revised = facts.revised_from
    if revised is None or revised.value_usd_mn is None:
        return ""
    return t(lang, " (revised from ", " (수정 전 ") + money(revised.value_usd_mn, lang) + ")"


def other_basis(facts: MonthFacts, lang: str, *, which: bool = False) -> str:
    """ "; customs final: $48.10bn, +11.6% (computed)": the other basis, when it tells more.
    With `which` the shown figure's basis is named too, and why there is a second one
    (" (preliminary release); customs final (revised): …"), as an answer says it."""
    other = facts.other_basis
    if other is None:
        return ""
    bits = []
    shown = money(facts.value_usd_mn, lang) if facts.value_usd_mn is not None else None
    if other.value_usd_mn is not None:
        amount = (
            balance(other.value_usd_mn, lang)
            if facts.key.flow == "balance"
            else money(other.value_usd_mn, lang)
        )
        if amount != shown:
            bits.append(amount)
    if facts.other_yoy_pct is not None and facts.key.flow != "balance":
        bits.append(growth(facts.other_yoy_pct, lang, computed=facts.other_yoy_computed))
    if not bits:
        return ""
    name = basis_words(other.basis, lang, facts.key.flow)
    if not which:
        return f"; {name}: " + ", ".join(bits)
    # Two vintages of one month differ: say which is which, and why the second exists.
    this = basis_words(facts.basis, lang, facts.key.flow)
    why = t(lang, "revised", "수정") if other.basis == "customs" else t(lang, "first", "최초")
    return f" ({this}); {name} ({why}): " + ", ".join(bits)


def press_release(refs: Iterable[SourceRef]) -> bool:
    """Whether the release figures cited are the customs office's monthly press release
    (months the ministry's own release is not stored for), which is then named as such."""
    publishers = {ref.publisher for ref in refs}
    return bool(publishers) and all((p or "").startswith(_CUSTOMS) for p in publishers)


def basis_words(
    basis: str, lang: str, flow: str | None = None, *, customs_press: bool = False
) -> str:
    """ "customs final" / "preliminary release"; a customs balance is computed (customs
    exports minus customs imports: the store has no customs balance rows), so it says so."""
    if basis == "customs" and flow == "balance":
        return t(lang, "customs final exports minus imports", "관세청 확정 수출−수입")
    if basis == "customs":
        return t(lang, "customs final", "관세청 확정치")
    if customs_press:
        return t(lang, "Korea Customs Service monthly press release", "관세청 월간 보도자료")
    return t(lang, "preliminary release", "잠정 발표")


_MAX_SOURCES = 4


_REPORTED = ", as reported by "
_NEWS_VIA = "news report: "
_CUSTOMS = "Korea Customs Service"
#: "monthly export and import release for 2021-01, ..." / "2026-09 수출입 현황 (press release)"
_RELEASE_MONTH = re.compile(r"(?:release for |^)(\d{4}-\d{2})\b")
_KO_MONTH = re.compile(r"(\d{4})년 (\d{1,2})월")


_HS_SHORT = {"hs8542": "HS 8542"}


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
        text += f" {partner_word(key.flow)} {partner}"
    return f"{text} {moment}"


def _outlet(ref: SourceRef) -> str | None:
    """The news site that carried a release (`via` "news report: en.yna.co.kr", or an older
    publisher written "..., as reported by X"), or None for a primary source."""
    via = ref.via or ""
    if via.startswith(_NEWS_VIA):
        return via.removeprefix(_NEWS_VIA).strip().removeprefix("www.") or None
    _, reported, outlet = (ref.publisher or "").partition(_REPORTED)
    return outlet.removeprefix("www.") if reported else None


def _release(ref: SourceRef, lang: str) -> str | None:
    """Which release a source is, in words a desk can cite: "release for January 2021",
    "monthly press release for September 2026"; else its title as stored (an API, a table).
    A news report's own title only says what `_outlet` says, so it gives None."""
    title = ref.title or ""
    found = _RELEASE_MONTH.search(title)
    month = found.group(1) if found else None
    if month is None and (korean := _KO_MONTH.search(title)):
        month = f"{korean.group(1)}-{int(korean.group(2)):02d}"
    if month is not None:
        name = month_name(month, lang)
        if (ref.publisher or "").startswith(_CUSTOMS):
            return t(lang, f"monthly press release for {name}", f"{name} 수출입 현황 보도자료")
        return t(lang, f"release for {name}", f"{name} 수출입 동향")
    if _outlet(ref) is not None:
        return None
    return title or None


def citation(ref: SourceRef, lang: str) -> str:
    """One source as a desk cites it: publisher, release, the outlet that reported it, link:
    "Ministry of Trade, Industry and Energy, release for January 2021 (as reported by
    en.yna.co.kr) — https://…". Every source with a URL shows it, however long."""
    text = publisher_label(ref.publisher or ref.id, lang)
    release = _release(ref, lang)
    if release:
        text += t(lang, f", {release}", f" {release}")
    outlet = _outlet(ref)
    if outlet:
        text += f" ({_carried([outlet], lang)})"
    if ref.url:
        text += f" — {ref.url}"
    return text


def _carried(outlets: Sequence[str], lang: str, *, more: bool = False) -> str:
    """Who carried a release: "as reported by" a newsroom, "as compiled in" a public
    repository (github.com/...), which compiles figures rather than reporting them."""
    repos = [o for o in outlets if o.startswith("github.com/")]
    news = [o for o in outlets if not o.startswith("github.com/")]
    tail = t(lang, ", …", ", …") if more else ""
    parts = []
    if news:
        shown = ", ".join(news) + (tail if not repos else "")
        parts.append(t(lang, f"as reported by {shown}", f"{shown} 보도"))
    if repos:
        shown = ", ".join(repos) + tail
        parts.append(t(lang, f"as compiled in {shown}", f"{shown} 정리"))
    return "; ".join(parts)


def _grouped(refs: Sequence[SourceRef], lang: str) -> list[str]:
    """More sources than fit a phone screen (a span's monthly releases): one row per
    publisher with a count, and the outlets that carried them."""
    groups: dict[str, list[SourceRef]] = {}
    for ref in refs:
        groups.setdefault(publisher_label(ref.publisher or ref.id, lang), []).append(ref)
    rows = []
    for name, group in groups.items():
        if len(group) == 1:
            rows.append(citation(group[0], lang))
            continue
        outlets = list(dict.fromkeys(o for ref in group if (o := _outlet(ref))))
        if outlets:
            carried = _carried(outlets[:3], lang, more=len(outlets) > 3)
            rows.append(t(lang, f"{name} ({len(group)} releases, {carried})",
                          f"{name} (발표 {len(group)}건, {carried})"))  # fmt: skip
        else:
            rows.append(t(lang, f"{name} ({len(group)} sources)", f"{name} (자료 {len(group)}건)"))
    return rows


def source_lines(refs: Iterable[SourceRef], lang: str) -> list[str]:
    """ "Source: <citation>" (see `citation`); more sources than fit a phone screen are
    grouped by publisher with a count, then capped."""
    unique = list({citation(ref, lang): ref for ref in refs}.values())
    rows = [citation(ref, lang) for ref in unique]
    if len(rows) > _MAX_SOURCES:
        rows = _grouped(unique, lang)
    if len(rows) > _MAX_SOURCES:
        more = len(rows) - _MAX_SOURCES
        rows = [*rows[:_MAX_SOURCES], t(lang, f"and {more} more", f"외 {more}건")]
    if not rows:
        return []
    if len(rows) == 1:
        return [t(lang, "Source: ", "출처: ") + rows[0]]
    return [t(lang, "Sources:", "출처:"), *(f"• {row}" for row in rows)]


# Publishers' Korean names, as Korean trade reports print them.
_PUBLISHERS_KO = {
    "Ministry of Trade, Industry and Energy": "산업통상자원부",
    "Ministry of Trade, Industry and Resources": "산업통상부",
    "Korea Customs Service": "관세청",
    "Statistics Korea (KOSIS)": "통계청 (KOSIS)",
}


def publisher_label(publisher: str, lang: str = "en") -> str:
    """The publisher's name in the reader's language (English when no Korean is known)."""
    base = publisher.split(_REPORTED, 1)[0]
    return _PUBLISHERS_KO.get(base, base) if lang == "ko" else base


def digest_source_lines(refs: Sequence[SourceRef], lang: str = "en") -> list[str]:
    """ "Sources:" then one row per release: publisher, release, every outlet that carried
    it, and the first one's link (a digest is one message: a link per article would crowd
    out the figures)."""
    groups: dict[tuple[str, str | None], list[SourceRef]] = {}
    for ref in refs:
        key = (publisher_label(ref.publisher or ref.id, lang), _release(ref, lang))
        groups.setdefault(key, []).append(ref)
    rows: list[str] = []
    every_outlet = " ".join(o for ref in refs if (o := _outlet(ref)))
    for (name, release), group in groups.items():
        outlets = list(dict.fromkeys(o for ref in group if (o := _outlet(ref))))
        if not outlets:
            # A news source stored without its link ("UrduPoint / Pakistan Point News") is
            # the outlet already listed under the release it reported: named once.
            brand = re.split(r"[^a-z0-9]+", name.lower())[0]
            if not any(ref.url for ref in group) and len(brand) >= 4 and brand in every_outlet:
                continue
            rows.extend(dict.fromkeys(citation(ref, lang) for ref in group))
            continue
        text = name + (t(lang, f", {release}", f" {release}") if release else "")
        text += f" ({_carried(outlets, lang)})"
        url = next((ref.url for ref in group if ref.url), None)
        rows.append(f"{text} — {url}" if url else text)
    if not rows:
        return []
    return [t(lang, "Sources:", "출처:"), *(f"• {row}" for row in rows)]
