"""The accuracy suite's questions, built from the shipped data (shared with the benchmark).

Each case is a question generated from a real (series, period) row of
`trade_monthly.csv`, phrased through a template (English and Korean, typos, synonyms,
abbreviations), with the strings the reply must hold formatted by the bot's own
formatter (`kortrade.bot.replies.phrases`) from the values in the file. Which row is
expected follows the dataset README, computed here from the CSV rows independently of
the store and the facts engine: the month's `release` row (stated growth) when there
is one, else the `customs` level with growth computed from the customs level a year
earlier.

`benchmarks/bench_answer.py` imports `generated_cases` to time the same questions.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from data_facts import TODAY, TRADE_CSV  # TODAY: every stored month is out, none "not out yet"

from kortrade.bot.replies.phrases import balance, growth, money, month_name
from kortrade.months import add_months, parse_month

__all__ = [
    "NAMES_CSV",
    "TODAY",
    "TRADE_CSV",
    "Case",
    "Headline",
    "generated_cases",
    "headline",
    "index_rows",
    "problems",
    "read_csv",
]

NAMES_CSV = TRADE_CSV.parent / "names.csv"

_MONTHS_EN = [
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
]
_MONTHS_ABBR = [m[:3] for m in _MONTHS_EN]

Key = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class Case:
    """One question and what its reply must hold.

    `expect` are substrings of the reply (`first_line`: of its first line, the figure
    line); `kind` the Reply.kind expected; `what` says which template and row built it.
    """

    question: str
    expect: tuple[str, ...]
    what: str
    lang: str | None = None
    today: dt.date = TODAY
    kind: str | None = "figure"
    first_line: bool = True


@dataclass(frozen=True, slots=True)
class Headline:
    value: float | None
    yoy: float | None
    computed: bool


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def index_rows(rows: Iterable[dict[str, str]]) -> dict[Key, dict[str, dict[str, dict[str, str]]]]:
    """(flow, product, partner) -> basis -> period -> row."""
    index: dict[Key, dict[str, dict[str, dict[str, str]]]] = {}
    for row in rows:
        key = (row["flow"], row["product"], row["partner"])
        index.setdefault(key, {}).setdefault(row["basis"], {})[row["period"]] = row
    return index


def _number(text: str) -> float | None:
    return float(text) if text.strip() else None


def headline(index: dict[Key, dict[str, dict[str, dict[str, str]]]], key: Key, period: str):
    """The figure that answers, by the README's rule, straight from the CSV rows."""
    bases = index.get(key, {})
    release = bases.get("release", {}).get(period)
    if release is not None:
        return Headline(_number(release["value_usd_mn"]), _number(release["yoy_pct"]), False)
    customs = bases.get("customs", {})
    row = customs.get(period)
    if row is None:
        return None
    value = _number(row["value_usd_mn"])
    before = customs.get(add_months(period, -12))
    before_value = _number(before["value_usd_mn"]) if before else None
    yoy = None
    if value is not None and before_value:
        yoy = (value / before_value - 1.0) * 100.0
    return Headline(value, yoy, yoy is not None)


def figure_strings(key: Key, found: Headline, lang: str) -> tuple[str, ...]:
    """The level and growth as the reply must print them."""
    if key[0] == "balance":
        return (balance(found.value, lang),) if found.value is not None else ()
    expect = []
    if found.value is not None:
        expect.append(money(found.value, lang))
    if found.yoy is not None:
        expect.append(growth(found.yoy, lang))
    return tuple(expect)


# -- phrasings ---------------------------------------------------------------------------------


def _month_forms(period: str) -> dict[str, str]:
    year, month = parse_month(period)
    return {
        "Month YYYY": f"{_MONTHS_EN[month - 1]} {year}",
        "Mon YYYY": f"{_MONTHS_ABBR[month - 1].lower()} {year}",
        "YYYY-MM": period,
        "M/YYYY": f"{month}/{year}",
        "ko": f"{year}년 {month}월",
    }


def _typo(word: str) -> str:
    """One letter dropped from the middle of a long word ("semiconductors" -> "semicoductors")."""
    middle = len(word) // 2
    return word[:middle] + word[middle + 1 :]


def _spread(periods: Sequence[str], count: int) -> list[str]:
    """`count` periods spread evenly over a sorted list (deterministic, oldest to newest)."""
    if len(periods) <= count:
        return list(periods)
    step = (len(periods) - 1) / (count - 1)
    return sorted({periods[round(i * step)] for i in range(count)})


def _item_cases(index, names: dict[str, dict[str, str]]) -> list[Case]:
    cases: list[Case] = []
    templates_en = (
        ("{item} exports {Month YYYY}", "Month YYYY"),
        ("{alias} exports {Mon YYYY}", "Mon YYYY"),
        ("exports of {item} in {YYYY-MM}", "YYYY-MM"),
        ("{alias} exports {M/YYYY}", "M/YYYY"),
        ("{typo} exprts {YYYY-MM}", "YYYY-MM"),
    )
    for (flow, product, partner), bases in sorted(index.items()):
        row = names.get(product)
        if flow != "export" or partner != "world" or row is None or row["kind"] != "item":
            continue
        if product == "all":
            continue
        periods = sorted(p for p, r in bases.get("release", {}).items() if r["yoy_pct"])
        aliases = [a for a in row["aliases_en"].split("|") if a]
        for n, period in enumerate(_spread(periods, 6)):
            key = (flow, product, partner)
            found = headline(index, key, period)
            if found is None:
                continue
            forms = _month_forms(period)
            template, form = templates_en[n % len(templates_en)]
            words = row["en"].split()
            longest = max(words, key=len)
            if "{typo}" in template and len(longest) < 9:
                template, form = templates_en[0]
            question = template.format(
                item=row["en"],
                alias=aliases[0] if aliases else row["en"],
                typo=" ".join(_typo(w) if w == longest else w for w in words),
                **{form: forms[form]},
            )
            cases.append(
                Case(question, figure_strings(key, found, "en"), f"item {product} {period}")
            )
            ko = f"{row['ko']} 수출 {forms['ko']}"
            cases.append(
                Case(ko, figure_strings(key, found, "ko"), f"item ko {product} {period}", "ko")
            )
    return cases


def _partner_cases(index, names: dict[str, dict[str, str]]) -> list[Case]:
    cases: list[Case] = []
    for (flow, product, partner), bases in sorted(index.items()):
        row = names.get(partner)
        if flow != "export" or product != "all" or partner == "world" or row is None:
            continue
        key = (flow, product, partner)
        periods = sorted(set(bases.get("release", {})) | set(bases.get("customs", {})))
        aliases = [a for a in row["aliases_en"].split("|") if a]
        short = min(aliases, key=len) if aliases else row["en"]
        for n, period in enumerate(_spread(periods, 6)):
            found = headline(index, key, period)
            if found is None or (found.value is None and found.yoy is None):
                continue
            forms = _month_forms(period)
            name = row["en"] if n % 2 == 0 else short.upper() if len(short) <= 3 else short
            question = (
                f"exports to {name} {forms['Month YYYY']}"
                if n % 2 == 0
                else f"exports to {name} {forms['Mon YYYY']}"
            )
            cases.append(
                Case(question, figure_strings(key, found, "en"), f"partner {partner} {period}")
            )
            ko = f"{row['ko']} 수출 {forms['ko']}"
            cases.append(
                Case(ko, figure_strings(key, found, "ko"), f"partner ko {partner} {period}", "ko")
            )
    return cases


def _hs_cases(index, names: dict[str, dict[str, str]]) -> list[Case]:
    cases: list[Case] = []
    for (flow, product, partner), bases in sorted(index.items()):
        if product != "hs8542" or partner in ("others",):
            continue
        key = (flow, product, partner)
        where = "" if partner == "world" else f" to {names[partner]['en']}"
        for period in _spread(sorted(bases.get("customs", {})), 2):
            found = headline(index, key, period)
            if found is None:
                continue
            question = f"HS 8542 exports{where} {_month_forms(period)['Month YYYY']}"
            expect = (*figure_strings(key, found, "en"), "narrower")
            cases.append(Case(question, expect, f"hs8542 {partner} {period}", first_line=False))
    return cases


def _total_cases(index) -> list[Case]:
    cases: list[Case] = []
    templates = {
        "export": ("exports {Month YYYY}", "{ko} 수출"),
        "import": ("imports {Mon YYYY}", "{ko} 수입"),
        "balance": ("trade balance {Month YYYY}", "무역수지 {ko}"),
        "export_daily_avg": ("daily average exports {Month YYYY}", "{ko} 일평균 수출"),
    }
    for flow, (english, korean) in templates.items():
        key = (flow, "all", "world")
        bases = index.get(key, {})
        periods = sorted(set(bases.get("release", {})) | set(bases.get("customs", {})))
        for period in _spread(periods, 14):
            found = headline(index, key, period)
            if found is None or (found.value is None and found.yoy is None):
                continue
            forms = _month_forms(period)
            question = english.format(**forms)
            cases.append(Case(question, figure_strings(key, found, "en"), f"{flow} {period}"))
            ko = korean.format(**forms)
            cases.append(Case(ko, figure_strings(key, found, "ko"), f"{flow} ko {period}", "ko"))
    return cases


def _level(bases: dict[str, dict[str, dict[str, str]]], period: str) -> float | None:
    """A month's level for sums: the release's when it states one, else the customs level."""
    for basis in ("release", "customs"):
        row = bases.get(basis, {}).get(period)
        if row is not None and row["value_usd_mn"].strip():
            return float(row["value_usd_mn"])
    return None


def _summed(bases, start: str, months: int) -> float | None:
    levels = [_level(bases, add_months(start, n)) for n in range(months)]
    return None if any(v is None for v in levels) else sum(v for v in levels if v is not None)


def _span_cases(index) -> list[Case]:
    """Years and quarters of the totals, summed from the month rows by the README's rule,
    growth computed on the same span a year earlier."""
    cases: list[Case] = []
    for flow, word, word_ko in (("export", "exports", "수출"), ("import", "imports", "수입")):
        bases = index.get((flow, "all", "world"), {})
        years = sorted({int(p[:4]) for b in bases.values() for p in b})
        for n, year in enumerate(_spread([str(y) for y in years[1:-1]], 8)):
            quarter = n % 4 + 1 if n % 2 else None
            start = f"{year}-{3 * quarter - 2:02d}" if quarter else f"{year}-01"
            months = 3 if quarter else 12
            total = _summed(bases, start, months)
            if total is None:
                continue
            prior = _summed(bases, add_months(start, -12), months)
            yoy = (total / prior - 1.0) * 100.0 if prior else None
            for lang in ("en", "ko"):
                if lang == "en":
                    question = f"{word} Q{quarter} {year}" if quarter else f"{word} in {year}"
                else:
                    when = f"{year}년 {quarter}분기" if quarter else f"{year}년"
                    question = f"{when} {word_ko}"
                expect = [money(total, lang)]
                if yoy is not None:
                    expect.append(growth(yoy, lang))
                what = f"span {flow} {start} x{months}" + (" ko" if lang == "ko" else "")
                cases.append(Case(question, tuple(expect), what, "ko" if lang == "ko" else None))
    return cases


def generated_cases(
    rows: Iterable[dict[str, str]], names_rows: Iterable[dict[str, str]]
) -> list[Case]:
    """Every generated case: items, partners, HS 8542, totals and their years and
    quarters, English and Korean."""
    index = index_rows(rows)
    names = {row["slug"]: row for row in names_rows}
    return [
        *_item_cases(index, names),
        *_partner_cases(index, names),
        *_hs_cases(index, names),
        *_total_cases(index),
        *_span_cases(index),
    ]


def problems(case: Case, text: str, kind: str) -> list[str]:
    """What is wrong with a reply to `case` (empty when it is right)."""
    found: list[str] = []
    where = text.splitlines()[0] if case.first_line and text else text
    for expected in case.expect:
        if expected not in where:
            found.append(f"missing {expected!r}")
    if case.kind is not None and kind != case.kind:
        found.append(f"kind {kind!r}, expected {case.kind!r}")
    if not text.strip() or len(text) > 4096:
        found.append(f"length {len(text)}")
    return found


def month_words(period: str, lang: str = "en") -> str:
    return month_name(period, lang)
