"""The accuracy suite: questions built from the shipped data must get the right figure.

Two parts:

- generated cases (`accuracy_cases.py`): templates x series x periods over real rows of
  the shipped `trade_monthly.csv`, in English and Korean, with typos, synonyms and
  abbreviations; each reply's figure line must hold the level and growth formatted
  by the bot's own formatter from the row that answers (release, else customs);
- the seed month's questions from `/work/shared/questions.md`, checked against the
  shipped rows for January 2021 and, for the streak counts, against the seed release
  text itself (the ground truth for that month).

`test_accuracy_score_is_100_percent` runs every case once more, prints the score in the
terminal summary and asserts 100%.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from accuracy_cases import (
    NAMES_CSV,
    TODAY,
    TRADE_CSV,
    Case,
    figure_strings,
    generated_cases,
    headline,
    index_rows,
    problems,
    read_csv,
)

from kortrade.answer import Reply, answer
from kortrade.bot.replies.facts import phrase_fact
from kortrade.bot.replies.phrases import balance, growth, money, month_name
from kortrade.data.digest import MAJOR_ITEMS
from kortrade.data.facts import month_facts
from kortrade.data.series import SeriesKey
from kortrade.data.store import Store
from kortrade.months import add_months, month_range

SEED = (Path(__file__).parent / "fixtures" / "seed-release-2021-01.txt").read_text(encoding="utf-8")
SEED_MONTH = "2021-01"
ROWS = read_csv(TRADE_CSV)
INDEX = index_rows(ROWS)
NAMES = {row["slug"]: row for row in read_csv(NAMES_CSV)}
GENERATED = generated_cases(ROWS, NAMES.values())

# The seed release's own words for the streaks it reports, and the counts they say.
SEED_STREAKS = {
    ("export", "all", "double_digit_rise"): ("two straight months", 2),
    ("export", "semiconductors", "double_digit_rise"): ("fifth consecutive month", 5),
    ("balance", "all", "surplus"): ("nine months in a row", 9),
}


def _seed(key: tuple[str, str, str]):
    found = headline(INDEX, key, SEED_MONTH)
    assert found is not None, f"no {key} row for {SEED_MONTH}"
    return found


def _stated_in_seed(pct: float) -> bool:
    """The seed text states growth as "21.7 percent" (the shipped row must agree)."""
    return f"{abs(pct):.1f} percent" in SEED or f"{abs(pct):g} percent" in SEED


def _streak_clause(store: Store, flow: str, product: str, kind: str, lang: str) -> str:
    """The streak as the facts engine finds it, worded by the facts phraser; its count is
    checked against the seed release's own words."""
    facts = month_facts(store.series(SeriesKey(flow, product)), SEED_MONTH)
    assert facts is not None
    streak = facts.streak(kind)
    words, count = SEED_STREAKS[(flow, product, kind)]
    assert words in SEED and streak is not None and streak.months == count
    return phrase_fact(streak, lang, balance=flow == "balance")


def _span_strings(start: str, end: str) -> tuple[str, str]:
    """A span's sum and its growth on the span a year earlier, from the CSV rows."""

    def total(first: str, last: str) -> float:
        levels = []
        for period in month_range(first, last):
            found = headline(INDEX, ("export", "all", "world"), period)
            level = found.value if found and found.value is not None else None
            if level is None:  # a release without a level: the customs level answers
                row = INDEX[("export", "all", "world")]["customs"][period]
                level = float(row["value_usd_mn"])
            levels.append(level)
        return sum(levels)

    now, before = total(start, end), total(add_months(start, -12), add_months(end, -12))
    return money(now), growth((now / before - 1.0) * 100.0)


def _seed_cases(store: Store) -> list[tuple[Case, Callable[[Reply], list[str]] | None]]:
    """The questions of questions.md with what a good reply holds, from the data."""
    chips = _seed(("export", "semiconductors", "world"))
    exports = _seed(("export", "all", "world"))
    imports = _seed(("import", "all", "world"))
    surplus = _seed(("balance", "all", "world"))
    china = _seed(("export", "all", "china"))
    us, eu = _seed(("export", "all", "united_states")), _seed(("export", "all", "eu"))
    phones = _seed(("export", "wireless_communication_devices", "world"))
    petchem = _seed(("export", "petrochemicals", "world"))
    # The rows agree with the seed text where it states a growth (it gives none for
    # petrochemicals, only "the first rebound in 26 months").
    for stated in (chips, exports, imports, china, us, eu, phones):
        assert stated.yoy is not None and _stated_in_seed(stated.yoy)

    chip_en = _streak_clause(store, "export", "semiconductors", "double_digit_rise", "en")
    chip_ko = _streak_clause(store, "export", "semiconductors", "double_digit_rise", "ko")
    cases: list[tuple[Case, Callable[[Reply], list[str]] | None]] = []
    for question in (
        "semiconductor exports January 2021",
        "chip exports jan 2021",
        "semicondutor exprts 2021-01",
    ):
        cases.append((Case(question, (growth(chips.yoy), chip_en), "seed chips"), None))
    cases.append(
        (Case("반도체 수출 2021년 1월", (growth(chips.yoy, "ko"), chip_ko), "seed chips ko"), None)
    )
    exports_two = _streak_clause(store, "export", "all", "double_digit_rise", "en")
    cases.append(
        (
            Case(
                "how did exports do in January 2021",
                (
                    money(exports.value),
                    growth(exports.yoy),
                    exports_two,
                    money(imports.value),
                    balance(surplus.value),
                ),
                "seed exports with imports and balance",
                first_line=False,
            ),
            None,
        )
    )
    nine = _streak_clause(store, "balance", "all", "surplus", "en")
    cases.append(
        (Case("trade balance Jan 2021", (balance(surplus.value), nine), "seed balance"), None)
    )
    cases.append((Case("exports to China January 2021", (growth(china.yoy),), "seed China"), None))
    cases.append(
        (
            Case(
                "US and EU exports Jan 2021",
                (growth(us.yoy), growth(eu.yoy), "the United States", "the EU"),
                "seed US and EU in one reply",
                first_line=False,
            ),
            lambda reply: [] if len(reply.text.splitlines()) >= 2 else ["one line each"],
        )
    )
    phones_name = NAMES["wireless_communication_devices"]["en"]
    cases.append(
        (
            Case("smartphone exports Jan 2021", (phones_name, growth(phones.yoy)), "seed phones"),
            None,
        )
    )
    cases.append((Case("petrochemicals Jan 2021", (growth(petchem.yoy),), "seed petchem"), None))
    cases.append(
        (
            Case(
                "which items grew most in January 2021",
                (),
                "seed ranking",
                kind="rank",
                first_line=False,
            ),
            _ranking_check,
        )
    )
    autos = sorted(INDEX[("export", "automobiles", "world")]["release"])[0]
    cases.append(
        (
            Case(
                "auto exports in March 1990",
                (f"start in {month_name(autos)}",),
                "seed before the data starts",
                kind="missing",
            ),
            None,
        )
    )
    cases.append(
        (
            Case(
                "banana exports", ("no item called “banana”",), "seed no such item", kind="unknown"
            ),
            None,
        )
    )
    cases.append(
        (
            Case("exports", (), "seed vague: ask back", kind="clarify", first_line=False),
            lambda reply: _buttons_answer(reply, store),
        )
    )
    latest = max(INDEX[("export", "all", "world")]["release"])
    after = dt.date.fromisoformat(add_months(latest, 2) + "-15")  # "last month" = latest + 1
    latest_figure = figure_strings(
        ("export", "all", "world"), headline(INDEX, ("export", "all", "world"), latest), "en"
    )
    # Released on the 1st of the next month: by `after` the month is due, but not stored.
    not_stored = (
        f"{month_name(add_months(latest, 1))} is not in my data yet; "
        f"the latest I have is {month_name(latest)}"
    )
    cases.append(
        (
            Case(
                "exports last month",
                (not_stored, *latest_figure),
                "seed last month due but not stored",
                today=after,
                first_line=False,
            ),
            None,
        )
    )
    in_time = dt.date.fromisoformat(add_months(latest, 1) + "-15")
    not_out = (
        f"{month_name(add_months(latest, 1))} is not out yet; the latest is {month_name(latest)}"
    )
    cases.append(
        (
            Case(
                "exports this month",
                (not_out, *latest_figure),
                "seed this month not released yet",
                today=in_time,
                first_line=False,
            ),
            None,
        )
    )
    cases.append(
        (
            Case(
                "exports last month",
                (f"last month ({month_name(latest)})", *latest_figure),
                "seed last month",
                today=in_time,
                first_line=False,
            ),
            None,
        )
    )
    januaries = [
        p
        for key in (("export", "semiconductors", "world"),)
        for basis in INDEX[key].values()
        for p in basis
        if p.endswith("-01")
    ]
    january = max(januaries)
    jan = headline(INDEX, ("export", "semiconductors", "world"), january)
    cases.append(
        (
            Case(
                "semiconductor exports January",
                (
                    month_name(january),
                    *figure_strings(("export", "semiconductors", "world"), jan, "en"),
                ),
                "seed latest January",
                first_line=False,
            ),
            None,
        )
    )
    cases.append((Case("exports Q1 2021", _span_strings("2021-01", "2021-03"), "seed Q1"), None))
    cases.append(
        (Case("exports 2021 so far", _span_strings("2021-01", "2021-12"), "seed year so far"), None)
    )
    cases.append(
        (
            Case(
                "semiconductors vs autos last 12 months",
                (),
                "seed chart of two items",
                kind="compare",
                first_line=False,
            ),
            lambda reply: (
                []
                if reply.chart is not None
                and {k.product for k in reply.chart.keys} == {"semiconductors", "automobiles"}
                else ["a chart of both items"]
            ),
        )
    )
    return cases


def _ranking_check(reply: Reply) -> list[str]:
    """Majors with a stated growth, fastest first; the others named as missing."""
    stated = {
        slug: found.yoy
        for slug in MAJOR_ITEMS
        if (found := headline(INDEX, ("export", slug, "world"), SEED_MONTH)) and found.yoy
    }
    order = sorted(stated, key=lambda slug: -stated[slug])
    text = reply.text
    positions = [
        text.find(f"{NAMES[slug]['en'].capitalize()}: {growth(stated[slug])}") for slug in order
    ]
    found = []
    if -1 in positions or positions != sorted(positions):
        found.append(f"ranking order {order} at {positions}")
    for slug in MAJOR_ITEMS:
        if slug not in stated and NAMES[slug]["en"] not in text.split("No figure stored:")[-1]:
            found.append(f"missing major {slug} not named")
    return found


def _buttons_answer(reply: Reply, store: Store) -> list[str]:
    """Every button of a clarification is a complete question that gets an answer."""
    if len(reply.buttons) < 2:
        return ["fewer than two buttons"]
    found = []
    for button in reply.buttons:
        pressed = answer(button.query, store=store, today=TODAY)
        if pressed.kind in ("clarify", "unknown", "error", "missing"):
            found.append(f"button {button.query!r} gets {pressed.kind}")
    return found


def _check(case: Case, store: Store, extra: Callable[[Reply], list[str]] | None) -> list[str]:
    reply = answer(case.question, store=store, today=case.today, lang=case.lang)
    found = problems(case, reply.text, reply.kind)
    if extra is not None:
        found += extra(reply)
    return found


SEED_IDS = [
    "seed chips",
    "seed chips ko",
    "seed exports with imports and balance",
    "seed balance",
    "seed China",
    "seed US and EU in one reply",
    "seed phones",
    "seed petchem",
    "seed ranking",
    "seed before the data starts",
    "seed no such item",
    "seed vague: ask back",
    "seed last month due but not stored",
    "seed this month not released yet",
    "seed last month",
    "seed latest January",
    "seed Q1",
    "seed year so far",
    "seed chart of two items",
]


@pytest.fixture(scope="module")
def seed_cases(shipped_store: Store):
    return _seed_cases(shipped_store)


def test_the_suite_is_built_from_the_shipped_rows(dataset_rows):
    assert dataset_rows == ROWS
    assert len(GENERATED) >= 200
    assert {c.lang for c in GENERATED} == {None, "ko"}


@pytest.mark.parametrize("case", GENERATED, ids=[c.question for c in GENERATED])
def test_generated_question_gets_the_stored_figure(shipped_store: Store, case: Case):
    assert _check(case, shipped_store, None) == []


def test_every_seed_question_is_in_the_table(seed_cases):
    assert sorted({case.what for case, _ in seed_cases}) == sorted(SEED_IDS)


@pytest.mark.parametrize("what", SEED_IDS)
def test_seed_month_question_gets_a_good_reply(shipped_store: Store, seed_cases, what):
    for case, extra in seed_cases:
        if case.what == what:
            assert _check(case, shipped_store, extra) == [], case.question


def test_accuracy_score_is_100_percent(shipped_store: Store, seed_cases, request):
    everything = [(case, None) for case in GENERATED] + seed_cases
    failed = [
        (case.question, found)
        for case, extra in everything
        if (found := _check(case, shipped_store, extra))
    ]
    right = len(everything) - len(failed)
    line = f"answer accuracy: {right}/{len(everything)} = {100.0 * right / len(everything):.1f}%"
    print(line)  # shown with -rA / -s; the plugin below puts it in every terminal summary
    request.config.pluginmanager.register(_ScoreLine(line), "kortrade-answer-accuracy")
    assert failed == []


class _ScoreLine:
    """A tiny pytest plugin, registered by the score test, that prints the score at the end."""

    def __init__(self, line: str) -> None:
        self.line = line

    def pytest_terminal_summary(self, terminalreporter) -> None:
        terminalreporter.write_sep("-", self.line)
