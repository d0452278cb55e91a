"""The accuracy suite's desk questions: shares, when-did-it-last, since-when, momentum,
flash spans, energy imports, working days, follow-ups and period forms, built from the
shipped CSV files; plus the table of questions that must be declined.

Expected figures are computed here from the rows by the dataset README's rules, apart
from the store and the facts engine: a month's history level is the customs level where
there is one, else the release's; its history growth is computed from customs levels a
year apart where both exist, else the release's stated growth; the balance's customs
vintage is customs exports minus customs imports. A share takes both levels of one
basis (customs where both have it, else the release). Strings are formatted by the
bot's own formatter, as in `accuracy_cases`.

`benchmarks/bench_answer.py` times these questions with the rest.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from accuracy_cases import TODAY, Case, _summed, _typo, figure_strings, headline, index_rows

from kortrade.bot.replies.phrases import balance, growth, money, month_name, signed_pct
from kortrade.data.digest import MAJOR_ITEMS
from kortrade.data.store import DATASET_DIR
from kortrade.months import add_months, month_range

__all__ = ["DECLINES", "DeskCase", "desk_cases", "kind_of"]

Index = dict[tuple[str, str, str], dict[str, dict[str, dict[str, str]]]]
_MONTHS = [month_name(f"2000-{m:02d}").split()[0] for m in range(1, 13)]


@dataclass(frozen=True, slots=True)
class DeskCase:
    """A `Case` and, for a follow-up, the question it follows (`previous`)."""

    case: Case
    previous: str | None = None


def kind_of(case: Case) -> str:
    """The desk kind a case tests: the first word of `what`."""
    return case.what.split()[0]


# The table of questions out of scope: each must be declined in one line with the scope,
# and no figure given as if it answered.
DECLINES: tuple[tuple[str, str], ...] = (
    ("export volume growth", "volume"),
    ("how many tonnes of steel did Korea export in 2025", "volume"),
    ("수출 물량 증가율", "volume"),
    ("exports forecast 2027", "forecast"),
    ("what is the outlook for chip exports next year", "forecast"),
    ("내년 반도체 수출 전망", "forecast"),
    ("did exports beat expectations", "forecast"),
    ("exports vs consensus september 2026", "forecast"),
    ("수출 컨센서스 상회했나", "forecast"),
    ("why did exports fall in May 2025", "cause"),
    ("what drove the surge in chip exports", "cause"),
    ("수출 감소 이유", "cause"),
    ("왜 무역적자가 났나", "cause"),
    ("exports in won last year", "won"),
    ("원화 기준 수출액", "won"),
    ("services exports 2025", "services"),
    ("서비스 수지", "services"),
    ("what were china's total exports last year", "foreign"),
    ("Japan's trade surplus", "foreign"),
    ("germany's exports 2025", "foreign"),
    ("중국의 총수출", "foreign"),
    ("export prices 2025", "prices"),
    ("수출 단가", "prices"),
    ("seasonally adjusted exports", "seasonal"),
    ("계절조정 수출", "seasonal"),
    ("exports as a share of GDP", "macro"),
    ("current account balance 2025", "macro"),
    ("경상수지", "macro"),
    ("us tariffs on korean cars", "macro"),
    ("working-day adjusted imports", "working_days"),
    ("조업일수 감안 수입", "working_days"),
)


def _read(path: str) -> list[dict[str, str]]:
    with open(DATASET_DIR / path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _num(text: str | None) -> float | None:
    return float(text) if text and text.strip() else None


def _spread(items: list[str], count: int) -> list[str]:
    if len(items) <= count:
        return list(items)
    step = (len(items) - 1) / (count - 1)
    return sorted({items[round(i * step)] for i in range(count)})


def _history_level(index: Index, key: tuple[str, str, str], period: str) -> float | None:
    if key[0] == "balance":
        exports = _num(_row(index, ("export", key[1], key[2]), "customs", period, "value_usd_mn"))
        imports = _num(_row(index, ("import", key[1], key[2]), "customs", period, "value_usd_mn"))
        if exports is not None and imports is not None:
            return exports - imports
        return _num(_row(index, key, "release", period, "value_usd_mn"))
    customs = _num(_row(index, key, "customs", period, "value_usd_mn"))
    if customs is not None:
        return customs
    return _num(_row(index, key, "release", period, "value_usd_mn"))


def _history_growth(index: Index, key: tuple[str, str, str], period: str) -> float | None:
    now = _num(_row(index, key, "customs", period, "value_usd_mn"))
    if now is not None:
        before = _num(_row(index, key, "customs", add_months(period, -12), "value_usd_mn"))
        if before:
            return (now / before - 1.0) * 100.0
    return _num(_row(index, key, "release", period, "yoy_pct"))


def _row(index: Index, key: tuple[str, str, str], basis: str, period: str, field: str) -> str:
    row = index.get(key, {}).get(basis, {}).get(period)
    return row[field] if row is not None else ""


def _months(index: Index, key: tuple[str, str, str]) -> list[str]:
    bases = index.get(key, {})
    return sorted(set(bases.get("release", {})) | set(bases.get("customs", {})))


# -- shares ---------------------------------------------------------------------------------------


def _share_levels(index: Index, part: tuple, whole: tuple, period: str) -> tuple | None:
    for basis in ("customs", "release"):
        a = _num(_row(index, part, basis, period, "value_usd_mn"))
        b = _num(_row(index, whole, basis, period, "value_usd_mn"))
        if a is not None and b:
            return a, b
    return None


def _share_cases(index: Index, names: dict[str, dict[str, str]]) -> list[Case]:
    cases = []
    whole = ("export", "all", "world")
    parts = [("export", item, "world") for item in MAJOR_ITEMS[:8]]
    parts += [("export", "all", p) for p in ("china", "united_states", "vietnam", "japan")]
    for n, part in enumerate(parts):
        months = [m for m in _months(index, part) if _share_levels(index, part, whole, m)]
        for k, period in enumerate(_spread(months, 3)):
            levels = _share_levels(index, part, whole, period)
            assert levels is not None
            pct = levels[0] / levels[1] * 100.0
            year, month = int(period[:4]), int(period[5:])
            slug = part[1] if part[1] != "all" else part[2]
            row = names[slug]
            if part[2] == "world":
                longest = max(row["en"].split(), key=len)
                typo = (n + k) % 3 == 2 and len(longest) >= 9
                name = row["en"].replace(longest, _typo(longest)) if typo else row["en"]
                en = f"{name} share of exports {_MONTHS[month - 1]} {year}"
                ko_name = _ko_typo(row["ko"]) if typo and len(row["ko"]) >= 3 else row["ko"]
                ko = f"{ko_name} 수출 비중 {year}년 {month}월"
            else:
                en = f"what % of exports went to {row['en']} in {_MONTHS[month - 1][:3]} {year}"
                ko = f"대{row['ko']} 수출 비중 {year}년 {month}월"
            for lang, question in (("en", en), ("ko", ko)):
                expect = (f"{pct:.1f}%", money(levels[0], lang), money(levels[1], lang))
                cases.append(
                    Case(question, expect, f"share {slug} {period}", _lang(lang), kind="share")
                )
    return cases


def _ko_typo(word: str) -> str:
    """The last syllable's vowel slipped to the next one ("반도체" -> "반도쳐")."""
    code = ord(word[-1]) - 0xAC00
    if not 0 <= code < 11172 or " " in word:
        return word
    lead, vowel, tail = code // 588, (code % 588) // 28, code % 28
    return word[:-1] + chr(0xAC00 + lead * 588 + ((vowel + 1) % 21) * 28 + tail)


def _lang(lang: str) -> str | None:
    return "ko" if lang == "ko" else None


# -- when did it last happen ----------------------------------------------------------------------


def _last_month(index: Index, key: tuple, test, measure: str) -> str | None:
    months = _months(index, key)
    if not months:
        return None
    for period in reversed(list(month_range(months[0], months[-1]))):
        value = (
            _history_growth(index, key, period)
            if measure == "growth"
            else _history_level(index, key, period)
        )
        if value is not None and test(value):
            return period
    return None


def _last_cases(index: Index, names: dict[str, dict[str, str]]) -> list[Case]:
    cases = []
    subjects = [("export", "all", "world"), ("import", "all", "world")]
    subjects += [("export", item, "world") for item in MAJOR_ITEMS[:6]]
    for n, key in enumerate(subjects):
        flow_en = "exports" if key[0] == "export" else "imports"
        flow_ko = "수출" if key[0] == "export" else "수입"
        item = names[key[1]] if key[1] != "all" else None
        subject_en = f"{item['en']} {flow_en}" if item else flow_en
        if item and n % 3 == 1 and len(max(item["en"].split(), key=len)) >= 9:
            longest = max(item["en"].split(), key=len)
            subject_en = subject_en.replace(longest, _typo(longest))  # a typo
        subject_ko = f"{item['ko']} {flow_ko}" if item else flow_ko
        for event, test, en, ko in (
            ("fall", lambda g: g < 0, "when did {s} last fall", "{s} 마지막으로 감소한 달"),
            ("rise", lambda g: g > 0, "last time {s} rose", "{s}이 마지막으로 증가한 달"),
            (
                "double_digit_fall",
                lambda g: g <= -10.0,
                "when did {s} last fall by double digits",
                "{s}이 마지막으로 두 자릿수 감소한 달",
            ),
        ):
            found = _last_month(index, key, test, "growth")
            if found is None:
                continue
            pct = _history_growth(index, key, found)
            assert pct is not None
            for lang, question in (
                ("en", en.format(s=subject_en)),
                ("ko", ko.format(s=subject_ko)),
            ):
                expect = (month_name(found, lang), growth(pct, lang))
                what = f"last {event} {key[0]} {key[1]}"
                cases.append(Case(question, expect, what, _lang(lang), kind="last"))
        if n == 0:
            for threshold in (30_000.0, 60_000.0, 100_000.0):
                found = _last_month(index, key, lambda v, t=threshold: v > t, "level")
                if found is None:
                    continue
                level = _history_level(index, key, found)
                assert level is not None
                bn = f"{threshold / 1000:g}"
                for lang, question in (
                    ("en", f"when were exports last above ${bn}bn"),
                    ("ko", f"수출 {threshold / 100:g}억 달러 넘은 마지막 달"),
                ):
                    expect = (month_name(found, lang), money(level, lang))
                    what = f"last above {bn}bn"
                    cases.append(Case(question, expect, what, _lang(lang), kind="last"))
    balance_key = ("balance", "all", "world")
    for event, test, en, ko in (
        ("deficit", lambda v: v < 0, "when was the last trade deficit", "마지막 무역적자"),
        ("surplus", lambda v: v > 0, "last trade surplus", "무역수지 마지막 흑자"),
    ):
        found = _last_month(index, balance_key, test, "level")
        if found is None:
            continue
        level = _history_level(index, balance_key, found)
        assert level is not None
        for lang, question in (("en", en), ("ko", ko)):
            expect = (month_name(found, lang), balance(level, lang))
            cases.append(Case(question, expect, f"last {event}", _lang(lang), kind="last"))
    return cases


# -- since when -----------------------------------------------------------------------------------


def _since_cases(index: Index) -> list[Case]:
    cases = []
    for key, word, word_ko, low in (
        (("export", "all", "world"), "exports", "수출", False),
        (("import", "all", "world"), "imports", "수입", True),
    ):
        months = _months(index, key)
        for period in _spread(months[24:], 10):
            found = headline(index, key, period)
            now = found.value if found is not None else None
            if now is None:
                now = _history_level(index, key, period)
            if now is None:
                continue
            since, reason = None, "start"
            for earlier in reversed(list(month_range(months[0], add_months(period, -1)))):
                level = _history_level(index, key, earlier)
                if level is None:
                    reason = "gap"
                    break
                if (level <= now) if low else (level >= now):
                    since, reason = earlier, "change"
                    break
            if reason == "gap":
                continue
            year, month = int(period[:4]), int(period[5:])
            direction = "lowest" if low else "highest"
            en = f"{_MONTHS[month - 1]} {year} {word} {direction} since when"
            ko = f"{year}년 {month}월 {word_ko} 몇 달 만에 {'최저' if low else '최대'}"
            for lang, question in (("en", en), ("ko", ko)):
                if since is None:
                    expect = ("on record",) if lang == "en" else ("집계 이래",)
                elif add_months(since, 1) == period:
                    expect = (
                        (("not a low" if low else "not a high"),)
                        if lang == "en"
                        else ("최저치가 아닙니다" if low else "최고치가 아닙니다",)
                    )
                else:
                    expect = (month_name(since, lang),)
                expect = (month_name(period, lang), *expect)
                what = f"since {key[0]} {period}"
                cases.append(Case(question, expect, what, _lang(lang), kind="since"))
    return cases


# -- momentum -------------------------------------------------------------------------------------


def _momentum_cases(index: Index, names: dict[str, dict[str, str]]) -> list[Case]:
    cases = []
    subjects = [("export", "all", "world"), ("import", "all", "world")]
    subjects += [("export", item, "world") for item in MAJOR_ITEMS[:3]]
    for key in subjects:
        months = [
            m
            for m in _months(index, key)
            if all(_history_growth(index, key, add_months(m, -k)) is not None for k in range(3))
        ]
        item = names[key[1]] if key[1] != "all" else None
        flow_en = "exports" if key[0] == "export" else "imports"
        flow_ko = "수출" if key[0] == "export" else "수입"
        for n, period in enumerate(_spread(months, 4)):
            grown = [_history_growth(index, key, add_months(period, -k)) for k in (2, 1, 0)]
            a, b, c = (float(g) for g in grown if g is not None)
            trend = "accelerating" if a < b < c else "slowing" if a > b > c else "mixed"
            words_en = {"accelerating": "is accelerating", "slowing": "is slowing"}.get(
                trend, "neither"
            )
            words_ko = {"accelerating": "가속", "slowing": "둔화"}.get(trend, "뚜렷한")
            year, month = int(period[:4]), int(period[5:])
            subject_en = f"{item['en']} {flow_en}" if item else flow_en
            subject_ko = f"{item['ko']} {flow_ko}" if item else flow_ko
            en = (
                f"is {subject_en} growth accelerating in {_MONTHS[month - 1]} {year}?"
                if n % 2 == 0
                else f"{subject_en.replace('exports', 'exprts')} slowing "
                f"{_MONTHS[month - 1][:3]} {year}"
            )
            ko = f"{year}년 {month}월 {subject_ko} 증가세 둔화?"
            for lang, question in (("en", en), ("ko", ko)):
                growths = tuple(
                    signed_pct(g) if lang == "en" else growth(g, "ko") for g in (a, b, c)
                )
                expect = (words_en if lang == "en" else words_ko, *growths)
                what = f"momentum {key[0]} {key[1]} {period}"
                cases.append(Case(question, expect, what, _lang(lang), kind="momentum"))
    return cases


# -- flash figures --------------------------------------------------------------------------------


def _flash_cases(flash_rows: list[dict[str, str]], names: dict[str, dict[str, str]]) -> list[Case]:
    cases = []
    newest: dict[tuple[str, str, str, str, str], dict[str, str]] = {}
    for row in flash_rows:  # the newest published figure answers
        key = (row["period"], row["days"], row["flow"], row["product"], row["partner"])
        if key not in newest or (row["published_on"] or "") >= (newest[key]["published_on"] or ""):
            newest[key] = row
    chosen = [
        row
        for row in newest.values()
        if row["flow"] in ("export", "import")
        and row["product"] in names
        and row["partner"] in names
        and (row["product"] == "all" or row["partner"] == "world")
        and (row["value_usd_mn"] or row["yoy_pct"])
    ]
    chosen.sort(key=lambda r: (r["flow"], r["product"], r["partner"], r["period"], r["days"]))
    picked = chosen[:: max(1, len(chosen) // 40)]
    for n, row in enumerate(picked):
        year, month = int(row["period"][:4]), int(row["period"][5:])
        days = int(row["days"])
        flow_en = "exports" if row["flow"] == "export" else "imports"
        flow_ko = "수출" if row["flow"] == "export" else "수입"
        item = names[row["product"]] if row["product"] != "all" else None
        partner = names[row["partner"]] if row["partner"] != "world" else None
        prep = "to" if row["flow"] == "export" else "from"
        subject_en = f"{item['en']} {flow_en}" if item else flow_en
        if partner:
            subject_en += f" {prep} {partner['en']}"
        subject_ko = " ".join(
            w
            for w in (f"대{partner['ko']}" if partner else "", item["ko"] if item else "", flow_ko)
            if w
        )
        en = (
            f"{subject_en} first {days} days of {_MONTHS[month - 1]} {year}"
            if n % 2 == 0
            else f"{subject_en.replace('exports', 'exprts')} {_MONTHS[month - 1][:3]} "
            f"1-{days} {year}"
        )
        ko = f"{year}년 {month}월 1~{days}일 {subject_ko}"
        for lang, question in (("en", en), ("ko", ko)):
            expect = []
            value, yoy = _num(row["value_usd_mn"]), _num(row["yoy_pct"])
            if value is not None:
                expect.append(money(value, lang))
            if yoy is not None:
                expect.append(signed_pct(yoy) if lang == "en" else growth(yoy, "ko"))
            what = f"flash {row['flow']} {row['product']} {row['partner']} {row['period']}/{days}"
            cases.append(Case(question, tuple(expect), what, _lang(lang), kind="flash"))
    return cases


# -- energy, working days -------------------------------------------------------------------------


def _energy_cases(index: Index, names: dict[str, dict[str, str]]) -> list[Case]:
    cases = []
    for product in ("crude_oil", "gas", "coal", "energy"):
        key = ("import", product, "world")
        row = names[product]
        for n, period in enumerate(_spread(_months(index, key), 4)):
            found = headline(index, key, period)
            if found is None or (found.value is None and found.yoy is None):
                continue
            year, month = int(period[:4]), int(period[5:])
            aliases = [a for a in row["aliases_en"].split("|") if a]
            name = row["en"] if n % 2 == 0 or not aliases else aliases[0]
            en = f"{name} imports {_MONTHS[month - 1]} {year}"
            ko = f"{row['ko']} 수입 {year}년 {month}월"
            for lang, question in (("en", en), ("ko", ko)):
                expect = figure_strings(key, found, lang)
                cases.append(Case(question, expect, f"energy {product} {period}", _lang(lang)))
    return cases


def _working_day_cases(index: Index) -> list[Case]:
    cases = []
    key = ("export_daily_avg", "all", "world")
    for period in _spread(_months(index, key), 6):
        found = headline(index, key, period)
        if found is None or (found.value is None and found.yoy is None):
            continue
        year, month = int(period[:4]), int(period[5:])
        for lang, question in (
            ("en", f"working-day adjusted exports {_MONTHS[month - 1]} {year}"),
            ("ko", f"{year}년 {month}월 조업일수 감안 수출"),
        ):
            expect = figure_strings(key, found, lang)
            cases.append(
                Case(question, expect, f"working_days {period}", _lang(lang), kind="working_days")
            )
    return cases


# -- follow-ups and periods -----------------------------------------------------------------------


def _follow_up_cases(index: Index) -> list[DeskCase]:
    cases = []
    for partner, en_name, ko_name in (
        ("china", "China", "중국"),
        ("united_states", "the US", "미국"),
    ):
        exports, imports = ("export", "all", partner), ("import", "all", partner)
        common = [
            m
            for m in _months(index, exports)
            if headline(index, imports, m) and headline(index, exports, m)
        ]
        for period in _spread(common, 3):
            found = headline(index, imports, period)
            assert found is not None
            year, month = int(period[:4]), int(period[5:])
            pairs = (
                ("en", f"exports to {en_name} {_MONTHS[month - 1]} {year}", "and imports?"),
                ("ko", f"대{ko_name} 수출 {year}년 {month}월", "그럼 수입은?"),
            )
            for lang, first, then in pairs:
                expect = figure_strings(imports, found, lang)
                what = f"followup {partner} {period}"
                cases.append(DeskCase(Case(then, expect, what, _lang(lang)), first))
    key = ("export", "semiconductors", "world")
    months = [m for m in _months(index, key) if headline(index, key, m)]
    for period in _spread(months[:-12], 3):
        year = int(period[:4])
        later = f"{year + 1}-{period[5:]}"
        found = headline(index, key, later)
        if found is None or (found.value is None and found.yoy is None):
            continue
        first = f"semiconductor exports {_MONTHS[int(period[5:]) - 1]} {year}"
        expect = figure_strings(key, found, "en")
        case = Case(
            f"and {_MONTHS[int(period[5:]) - 1]} {year + 1}?", expect, f"followup chips {later}"
        )
        cases.append(DeskCase(case, first))
    return cases


def _period_cases(index: Index) -> list[Case]:
    cases = []
    key = ("export", "all", "world")
    latest = _months(index, key)[-1]
    year, month = int(latest[:4]), int(latest[5:])
    # Asked on the 3rd of the month after next: the month just past is not out yet.
    after = add_months(latest, 2)
    today = dt.date(int(after[:4]), int(after[5:]), 3)
    just_past = add_months(latest, 1)
    bare = _MONTHS[int(just_past[5:]) - 1][:3].lower()
    found = headline(index, key, latest)
    assert found is not None
    for lang, question in (("en", f"{bare} exports?"), ("ko", f"{int(just_past[5:])}월 수출")):
        expect = (
            month_name(just_past, lang),
            month_name(latest, lang),
            money(found.value or 0, lang),
        )
        cases.append(
            Case(
                question,
                expect,
                f"periods just-past {just_past}",
                _lang(lang),
                today,
                first_line=False,
            )
        )
    # "October vs October last year" asked the month after: both years, never one twice.
    today = dt.date(*(int(x) for x in add_months(latest, 1).split("-")), 15)
    before = headline(index, key, add_months(latest, -12))
    if before is not None and found.value is not None and before.value is not None:
        name = _MONTHS[month - 1]
        for lang, question in (
            ("en", f"{name} vs {name} last year"),
            ("ko", f"{month}월 vs 작년 {month}월"),
        ):
            expect = (money(found.value, lang), money(before.value, lang))
            cases.append(
                Case(
                    question,
                    expect,
                    f"periods vs-last-year {latest}",
                    _lang(lang),
                    today,
                    "compare",
                    False,
                )
            )
    # Year to date, said three ways, printed once.
    total = _summed(index[key], f"{year}-01", month)
    if total is not None:
        for lang, question in (
            ("ko", "올해 누적 수출"),
            ("ko", "올해 들어 누적 수출"),
            ("en", "cumulative exports this year"),
        ):
            expect = (money(total, lang),)
            cases.append(Case(question, expect, f"periods ytd {year}", _lang(lang), today))
    return cases


def desk_cases(
    rows: Iterable[dict[str, str]], names_rows: Iterable[dict[str, str]]
) -> list[DeskCase]:
    """Every desk case, English and Korean (declines are in `DECLINES`)."""
    index = index_rows(rows)
    names = {row["slug"]: row for row in names_rows}
    plain = [
        *_share_cases(index, names),
        *_last_cases(index, names),
        *_since_cases(index),
        *_momentum_cases(index, names),
        *_flash_cases(_read("flash.csv"), names),
        *_energy_cases(index, names),
        *_working_day_cases(index),
        *_period_cases(index),
    ]
    return [DeskCase(case) for case in plain] + _follow_up_cases(index)


assert TODAY  # every stored month is out by the suite's day
