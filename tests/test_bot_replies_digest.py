"""The subscriber's digest, as text: every figure and streak of the seed release
(seed-release-2021-01.txt, the ground truth for January 2021) that the shipped data
holds, in English and Korean, through `digest_text` and through `kortrade digest`; and
what a trade desk expects of any month: whose figures these are, no claim the data
contradicts or cannot carry, short lines, one source line per publisher.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from data_facts import (
    NEW_MONTH,
    balance_gap,
    customs_press_month,
    growth_only_month,
    hs_stand_in_month,
    level_from_customs,
    levels_only_month,
    levels_without_growth,
    many_missing_month,
    no_breakdown_month,
    no_daily_average_month,
    periods,
)

from kortrade.bot.replies.digest import (
    BUDGET,
    FACT_MARK,
    HEADLINE_FACTS,
    LINE_FACTS,
    digest_text,
    figure_parts,
    item_lines,
    order_key,
    series_line,
    stacked,
)
from kortrade.bot.replies.phrases import balance, date_name, growth, money, month_name, ordinal
from kortrade.bot.replies.reply import MAX_REPLY_CHARS
from kortrade.cli import main
from kortrade.data.digest import MAJOR_ITEMS, Digest, build_digest
from kortrade.data.facts import MonthFacts
from kortrade.data.scans import Streak
from kortrade.data.series import Figure, SeriesKey
from kortrade.data.store import Store
from kortrade.months import add_months, month_range

SEED = (Path(__file__).parent / "fixtures" / "seed-release-2021-01.txt").read_text(encoding="utf-8")
_RELEASES = periods(basis="release")
#: Every month of the data, and the one after it (a digest of nothing).
ALL_MONTHS = tuple(month_range(periods()[0], NEW_MONTH))
RELEASE_MONTHS = tuple(month_range(_RELEASES[0], _RELEASES[-1]))
HS_NOTE = "  ◦ a customs code, narrower than the semiconductors item"


# The months each scenario needs, found in the data (it grows; gaps get filled).
GROWTH_ONLY = growth_only_month()
CUSTOMS_PRESS = customs_press_month()
NO_BREAKDOWN = no_breakdown_month()
HS_STAND_IN = hs_stand_in_month()
NO_DAILY_AVERAGE = no_daily_average_month()
LEVELS_ONLY = levels_only_month()
LEVEL_FROM_CUSTOMS = level_from_customs()
MANY_MISSING = many_missing_month()

# quote from the seed, (English line start, fragments), (Korean line start, fragments)
SEED_FIGURES = [
    ("advanced 11.4 percent over the year to 48.01 billion",
     ("Exports:", ["$48.01bn", "+11.4% y/y"]), ("수출:", ["480.1억 달러", "11.4% 증가"])),
    ("after expanding 12.6 percent in the previous month",
     ("Exports:", ["after +12.6% in December"]), ("수출:", ["(전월 12.6% 증가)"])),
    ("kept a double-digit growth for two straight months",
     ("Exports:", ["double-digit growth for the 2nd month in a row"]),
     ("수출:", ["2개월 연속 두 자릿수 증가"])),
    # "rebounded in November after sliding in October": Nov, Dec, Jan = the 3rd month up.
    ("The outbound shipment rebounded 4.0 percent in November",
     ("Exports:", ["up for the 3rd month in a row"]), ("수출:", ["3개월 연속 증가"])),
    ("rose 6.4 percent from a year earlier to 2.13 billion",
     ("Daily average exports:", ["$2.13bn", "+6.4%"]),
     ("일평균 수출:", ["21.3억 달러", "6.4% 증가"])),
    ("Import added 3.1 percent to 44.05 billion",
     ("Imports:", ["$44.05bn", "+3.1%"]), ("수입:", ["440.5억 달러", "3.1% 증가"])),
    ("sending the January trade surplus to 3.96 billion",
     ("Trade balance:", ["a surplus of $3.96bn"]), ("무역수지:", ["39.6억 달러 흑자"])),
    ("The trade balance stayed in black for nine months in a row",
     ("Trade balance:", ["in surplus for the 9th month in a row"]),
     ("무역수지:", ["9개월 연속 흑자"])),
    ("Semiconductor shipment jumped 21.7 percent",
     ("• Semiconductors:", ["+21.7%"]), ("• 반도체:", ["21.7% 증가"])),
    ("keeping a double-digit growth for the fifth consecutive month",
     ("• Semiconductors:", ["double-digit growth for the 5th month in a row"]),
     ("• 반도체:", ["5개월 연속 두 자릿수 증가"])),
    ("skyrocketed 58.0 percent",
     ("• Wireless communication devices:", ["+58.0%"]), ("• 무선통신기기:", ["58.0% 증가"])),
    ("Display panel shipment soared 32.2 percent",
     ("• Displays:", ["+32.2%"]), ("• 디스플레이:", ["32.2% 증가"])),
    ("Automotive shipment jumped 40.2 percent",
     ("• Automobiles:", ["+40.2%"]), ("• 자동차:", ["40.2% 증가"])),
    ("Steel export rose 6.0 percent", ("• Steel:", ["+6.0%"]), ("• 철강:", ["6.0% 증가"])),
    # Seed: China up for the 3rd month: November 2020 (+1.0%) is stored, so exactly that.
    ("jumped 22.0 percent in January from a year earlier, keeping an upward momentum",
     ("• To China:", ["+22.0%", "up for the 3rd month in a row"]),
     ("• 중국:", ["22.0% 증가", "3개월 연속 증가"])),
    # Seed: US up for 5 months: customs final by country reaches back to 2000, so exactly.
    ("surged 46.1 percent and 23.9 percent respectively",
     ("• To the United States:", ["+46.1%", "up for the 5th month in a row"]),
     ("• 미국:", ["46.1% 증가", "5개월 연속 증가"])),
    # Seed: EU up for 5 months. Stored: no EU row for 2020-09, so "at least 4".
    ("surged 46.1 percent and 23.9 percent respectively",
     ("• To the EU:",
      ["+23.9%", "at least 4 months in a row (no growth figure for September 2020)"]),
     ("• 유럽연합:", ["23.9% 증가", "최소 4개월 연속"])),
    ("retreated 15.2 percent and 8.5 percent each",
     ("• To ASEAN:", ["-15.2%"]), ("• 아세안:", ["15.2% 감소"])),
    ("retreated 15.2 percent and 8.5 percent each",
     ("• To Japan:", ["-8.5%"]), ("• 일본:", ["8.5% 감소"])),
]  # fmt: skip


def _line(text: str, start: str) -> str:
    """The one line starting `start`, with the fact lines stacked under it ("– ...")."""
    lines = text.splitlines()
    found = [i for i, line in enumerate(lines) if line.startswith(start)]
    assert len(found) == 1, f"one line starting {start!r} expected in:\n{text}"
    entry = [lines[found[0]]]
    for line in lines[found[0] + 1 :]:
        if not line.startswith(FACT_MARK):
            break
        entry.append(line.removeprefix(FACT_MARK))
    return "; ".join(entry)


def _facts_under(text: str, start: str) -> list[str]:
    return _line(text, start).split("; ")[1:]


def _block(text: str, heading: str) -> list[str]:
    """The lines under a heading, up to the next blank line."""
    for block in text.split("\n\n"):
        first, *rest = block.splitlines()
        if first == heading:
            return rest
    raise AssertionError(f"no block {heading!r} in:\n{text}")


def _check_seed(text: str, lang: str) -> None:
    for quote, en, ko in SEED_FIGURES:
        assert quote in SEED, quote
        start, fragments = ko if lang == "ko" else en
        line = _line(text, start)
        for fragment in fragments:
            assert fragment in line, (quote, line)


def _rows(dataset_rows: list[dict[str, str]], period: str, **match: str) -> list[dict[str, str]]:
    return [
        r
        for r in dataset_rows
        if r["period"] == period and all(r[k] == v for k, v in match.items())
    ]


def _customs_level(dataset_rows: list[dict[str, str]], period: str, flow: str) -> float:
    (row,) = _rows(dataset_rows, period, flow=flow, product="all", partner="world",
                   basis="customs")  # fmt: skip
    return float(row["value_usd_mn"])


@pytest.fixture(scope="module")
def january(shipped_store: Store) -> Digest:
    return build_digest(shipped_store, "2021-01")


@pytest.fixture(scope="module")
def every_month(shipped_store: Store) -> dict[tuple[str, str], str]:
    """Every month's digest text in both languages, worded once for the module."""
    texts = {}
    for period in ALL_MONTHS:
        digest = build_digest(shipped_store, period)
        for lang in ("en", "ko"):
            texts[(period, lang)] = digest_text(digest, lang)
    return texts


# -- the seed release ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_digest_restates_every_seed_figure_in_the_data(january: Digest, lang: str) -> None:
    _check_seed(digest_text(january, lang), lang)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_kortrade_digest_command_prints_the_same(
    shipped_store: Store,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    lang: str,
) -> None:
    monkeypatch.setenv("KORTRADE_DB", str(shipped_store.path))
    assert main(["digest", "2021-01", "--lang", lang]) == 0
    _check_seed(capsys.readouterr().out, lang)


def test_claims_the_data_cannot_support_are_not_made(january: Digest) -> None:
    text = digest_text(january)
    # Seed: petrochemicals' "first rebound in 26 months" (no 2020-12 row stored),
    # computers "16 straight months" and the 17-/11-year growth records (no history).
    assert "first rise" not in text
    assert "16" not in _line(text, "Items not in the stored release: general machinery")
    assert "years" not in _line(text, "• Wireless communication devices:")
    assert "years" not in _line(text, "• Displays:")


def test_imports_carry_the_customs_final(january: Digest) -> None:
    line = _line(digest_text(january), "Imports:")
    assert "customs final: $44.46bn, +4.1% (computed)" in line  # README: $44.46bn customs final


@pytest.mark.parametrize(
    "period,lang,start,at",
    [
        ("2021-01", "en", "Imports:", -1),  # the release states a level: news first
        (GROWTH_ONLY, "en", "Exports:", 0),  # the release states growth only: the level first
        (GROWTH_ONLY, "ko", "수출:", 0),
    ],
)
def test_the_other_vintage_stands_after_the_news_unless_it_gives_the_level(
    every_month: dict[tuple[str, str], str], period: str, lang: str, start: str, at: int
) -> None:
    notes = _facts_under(every_month[(period, lang)], start)
    assert notes[at].startswith("관세청 확정치:" if lang == "ko" else "customs final:")
    assert "((" not in every_month[(period, lang)] and "))" not in every_month[(period, lang)]


# -- the title: whose figures these are ---------------------------------------------------


@pytest.mark.parametrize("lang,expected", [("en", "published {day}"), ("ko", "({day} 발표)")])
def test_a_release_digest_names_the_ministry_and_its_day(
    january: Digest, dataset_rows: list[dict[str, str]], lang: str, expected: str
) -> None:
    (row,) = _rows(dataset_rows, "2021-01", flow="export", product="all", partner="world",
                   basis="release")  # fmt: skip
    title, subtitle = digest_text(january, lang).splitlines()[:2]
    assert title == ("2021년 1월 수출입 동향" if lang == "ko" else "Korea's trade, January 2021")
    assert subtitle.startswith("산업부 잠정치" if lang == "ko" else "The ministry's preliminary")
    assert expected.format(day=date_name(row["published_on"], lang)) in subtitle


def test_a_customs_press_release_month_names_customs(shipped_store: Store) -> None:
    subtitle = digest_text(build_digest(shipped_store, CUSTOMS_PRESS)).splitlines()[1]
    assert subtitle.startswith("Korea Customs Service") and "ministry" not in subtitle


@pytest.mark.parametrize("period", ["1995-06", "2008-10", "2015-01"])
@pytest.mark.parametrize(
    "lang,says", [("en", ["Customs final figures", "computed"]), ("ko", ["관세청 확정치", "계산"])]
)
def test_a_customs_month_says_customs_final_and_computed_growth(
    every_month: dict[tuple[str, str], str], period: str, lang: str, says: list[str]
) -> None:
    text = every_month[(period, lang)]
    subtitle = text.splitlines()[1]
    assert all(word in subtitle for word in says)
    # Said once in the title, not after every figure.
    assert "(computed)" not in text and "(계산치)" not in text


# -- totals -------------------------------------------------------------------------------


@pytest.mark.parametrize("period", ["1995-06", "2008-10", "2015-01", balance_gap()])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_customs_month_gives_the_customs_balance(
    every_month: dict[tuple[str, str], str],
    dataset_rows: list[dict[str, str]],
    period: str,
    lang: str,
) -> None:
    value = _customs_level(dataset_rows, period, "export") - _customs_level(
        dataset_rows, period, "import"
    )
    line = _line(every_month[(period, lang)], "무역수지:" if lang == "ko" else "Trade balance:")
    assert balance(value, lang) in line
    assert ("(수출−수입)" if lang == "ko" else "(exports minus imports)") in line


def _customs_balances(dataset_rows: list[dict[str, str]], before: str) -> list[float]:
    """Customs exports minus imports, month by month, from January 1990 to `before`."""
    return [
        _customs_level(dataset_rows, p, "export") - _customs_level(dataset_rows, p, "import")
        for p in month_range("1990-01", before)
    ]


@pytest.mark.parametrize(
    "period,kind,ko",
    [("2020-04", "deficit", "적자 전환"), ("2023-06", "surplus", "흑자 전환"),
     ("2012-01", "deficit", "적자 전환")],
)  # fmt: skip
def test_a_balance_turnaround_counts_months_from_customs_history(
    every_month: dict[tuple[str, str], str],
    dataset_rows: list[dict[str, str]],
    period: str,
    kind: str,
    ko: str,
) -> None:
    """Counted by hand from customs levels. Before, the release history alone said "at
    least 18 months (records here begin November 2018)" for April 2020, and customs-only
    months had no balance at all."""
    history = _customs_balances(dataset_rows, add_months(period, -1))
    same = [i for i, value in enumerate(history) if (value > 0) == (kind == "surplus")]
    months = len(history) - same[-1]
    en = _facts_under(every_month[(period, "en")], "Trade balance:")
    assert en[0] == f"the first {kind} in {months} months"
    assert _facts_under(every_month[(period, "ko")], "무역수지:")[0] == f"{months}개월 만에 {ko}"


def test_a_release_month_surplus_run_reaches_back_before_the_releases(
    every_month: dict[tuple[str, str], str], dataset_rows: list[dict[str, str]]
) -> None:
    """The first stored release (November 2018): its surplus run continues customs' run."""
    first = _RELEASES[0]
    history = _customs_balances(dataset_rows, add_months(first, -1))
    run = next(i for i, value in enumerate(reversed(history)) if value <= 0)
    line = _line(every_month[(first, "en")], "Trade balance:")
    assert f"in surplus for the {ordinal(run + 1)} month in a row" in line


def test_balance_facts_no_longer_stop_at_november_2018(
    every_month: dict[tuple[str, str], str],
) -> None:
    for period in RELEASE_MONTHS:
        text = every_month[(period, "en")]
        if "Trade balance:" in text:
            assert "begin November 2018" not in _line(text, "Trade balance:"), period


def test_customs_months_do_not_list_a_daily_average_as_missing(
    every_month: dict[tuple[str, str], str],
) -> None:
    assert "daily average" not in every_month[("1995-06", "en")]
    assert "daily average" in _line(every_month[(NO_DAILY_AVERAGE, "en")], "No figure stored:")


# -- facts: true, consistent, few ---------------------------------------------------------


@pytest.mark.parametrize(
    "period,start,product,word",
    [
        # Stated -1.5% y/y, but a rounded 2025 level made it "the highest January in 2 years".
        ("2026-01", "• Petrochemicals:", "petrochemicals", "highest"),
        # Stated +12.7% y/y, but a rounded 2025 level made it "the lowest February".
        ("2026-02", "• Wireless communication devices:", "wireless_communication_devices",
         "lowest"),
    ],
)  # fmt: skip
def test_no_record_contradicts_the_stated_growth(
    every_month: dict[tuple[str, str], str],
    dataset_rows: list[dict[str, str]],
    period: str,
    start: str,
    product: str,
    word: str,
) -> None:
    (row,) = _rows(dataset_rows, period, flow="export", product=product, basis="release")
    line = _line(every_month[(period, "en")], start)
    assert growth(float(row["yoy_pct"])) in line
    assert word not in line


_GAP_CALENDAR = re.compile(
    r"(highest|lowest|largest) (January|February|March|April|May|June|July|August|September"
    r"|October|November|December)\b[^;\n]* in at least [^;\n]*\(no figure"
)


def test_no_calendar_record_cut_short_by_a_gap(every_month: dict[tuple[str, str], str]) -> None:
    for period in RELEASE_MONTHS:
        assert not _GAP_CALENDAR.search(every_month[(period, "en")]), period


def test_the_headline_carries_three_facts_other_lines_two(
    every_month: dict[tuple[str, str], str],
) -> None:
    totals = ("Exports:", "Imports:", "Trade balance:", "Daily average exports:")
    for period in ALL_MONTHS:
        text = every_month[(period, "en")]
        for start in totals:
            if start in text:
                limit = HEADLINE_FACTS if start == "Exports:" else LINE_FACTS
                facts = [f for f in _facts_under(text, start) if not f.startswith("customs final")]
                assert len(facts) <= limit, (period, start)
        for line in text.splitlines():
            if line.startswith("• ") and " — " in line:
                assert len(line.split(" — ", 1)[1].split("; ")) <= LINE_FACTS, (period, line)


def test_the_totals_facts_stand_one_a_line(every_month: dict[tuple[str, str], str]) -> None:
    """A phone shows ~40 characters a line: the figure, then each fact on its own."""
    lines = every_month[("2021-01", "en")].splitlines()
    head = lines.index(next(line for line in lines if line.startswith("Exports:")))
    assert " — " not in lines[head]
    # Seed: up for the 3rd month, double-digit for the 2nd: the longer run leads.
    assert lines[head + 1 : head + 3] == [
        FACT_MARK + "up for the 3rd month in a row",
        FACT_MARK + "double-digit growth for the 2nd month in a row",
    ]


# -- items and destinations ---------------------------------------------------------------


def test_items_are_sorted_by_growth(january: Digest) -> None:
    items = [line for line in _block(digest_text(january), "Exports by item:") if line[0] == "•"]
    growths = [float(line.split(": ")[1].split("%")[0].split(", ")[-1]) for line in items]
    assert len(items) >= 5 and growths == sorted(growths, reverse=True)


@pytest.mark.parametrize(
    "period,parent,sub,product",
    [
        ("2021-01", "• Semiconductors:", "  ◦ System chips:", "system_chips"),
        ("2021-01", "• Automobiles:", "  ◦ Electric vehicles:", "ev"),
        ("2026-01", "• Wireless communication devices:", "  ◦ Mobile phones:", "mobile_phones"),
    ],
)
def test_sub_items_sit_under_their_item(
    every_month: dict[tuple[str, str], str],
    dataset_rows: list[dict[str, str]],
    period: str,
    parent: str,
    sub: str,
    product: str,
) -> None:
    (row,) = _rows(dataset_rows, period, flow="export", product=product)
    lines = every_month[(period, "en")].splitlines()
    below = lines[lines.index(_line("\n".join(lines), parent)) + 1]
    assert below.startswith(sub) and growth(float(row["yoy_pct"])) in below


def test_lines_without_growth_follow_largest_first(shipped_store: Store) -> None:
    """Customs levels without growth (no release row, no customs row a year earlier)."""
    digest = build_digest(shipped_store, LEVELS_ONLY)
    levels = levels_without_growth(LEVELS_ONLY)
    expected = sorted(levels, key=levels.__getitem__, reverse=True)
    items = _block(digest_text(digest), "Exports by item:")
    shown = [line.split(":")[0].removeprefix("• ") for line in items if "%" not in line]
    assert shown == [digest.name(p).capitalize() for p in expected]


def test_a_level_the_release_lacks_comes_from_customs(
    every_month: dict[tuple[str, str], str],
    dataset_rows: list[dict[str, str]],
    shipped_store: Store,
) -> None:
    period, product = LEVEL_FROM_CUSTOMS
    (release,) = _rows(dataset_rows, period, flow="export", product=product, partner="world",
                       basis="release")  # fmt: skip
    (customs,) = _rows(dataset_rows, period, flow="export", product=product, partner="world",
                       basis="customs")  # fmt: skip
    assert not release["value_usd_mn"]
    name = build_digest(shipped_store, period).name(product).capitalize()
    line = _line(every_month[(period, "en")], f"• {name}:")
    assert f"(customs: {money(float(customs['value_usd_mn']))})" in line


def test_hs_8542_stands_in_only_where_the_semiconductors_line_is_missing(
    every_month: dict[tuple[str, str], str], dataset_rows: list[dict[str, str]]
) -> None:
    if HS_STAND_IN is None:
        pytest.skip("every release month with HS 8542 now has its semiconductors line")
    (row,) = _rows(dataset_rows, HS_STAND_IN, product="hs8542", partner="world")
    lines = every_month[(HS_STAND_IN, "en")].splitlines()
    line = _line("\n".join(lines), "• Integrated circuits (HS 8542):")
    assert money(float(row["value_usd_mn"])) in line and "(computed)" in line
    # README: HS 8542 is narrower than the semiconductors item; never one for the other.
    at = next(i for i, text in enumerate(lines) if text.startswith("• Integrated circuits"))
    assert lines[at + 1] == HS_NOTE
    assert "HS 8542" not in every_month[("2021-01", "en")]


@pytest.mark.parametrize(
    "period,lang,expected",
    [
        ("2021-01", "en", "Items not in the stored release: general machinery, auto parts, "
                          "ships, computers, textiles, secondary batteries."),
        ("2021-01", "ko", "저장된 발표에 없는 품목: 일반기계, 자동차부품, 선박, 컴퓨터, "
                          "섬유, 이차전지."),
        ("2021-01", "en", "Regions not in the stored release: Latin America, the Middle East, "
                          "the CIS."),
        *(
            [
                (NO_BREAKDOWN, "en", "No item or destination figures in the stored release."),
                (NO_BREAKDOWN, "ko", "저장된 발표에 품목·지역별 수치 없음."),
            ]
            if NO_BREAKDOWN
            else []
        ),
        ("1995-06", "en", "No item or destination figures stored for this month."),
        ("2008-10", "en", "No item figures stored for this month."),
    ],
)  # fmt: skip
def test_missing_items_and_regions_take_one_short_line_each(
    every_month: dict[tuple[str, str], str], period: str, lang: str, expected: str
) -> None:
    assert expected in every_month[(period, lang)].splitlines()


def test_many_missing_items_are_counted_not_listed(
    every_month: dict[tuple[str, str], str], dataset_rows: list[dict[str, str]]
) -> None:
    stored = {r["product"] for r in _rows(dataset_rows, MANY_MISSING, flow="export",
                                           partner="world")}  # fmt: skip
    missing = len([item for item in MAJOR_ITEMS if item not in stored])
    assert missing > 8
    expected = f"Items not in the stored release: {missing} of the {len(MAJOR_ITEMS)} major items."
    assert expected in every_month[(MANY_MISSING, "en")].splitlines()


# -- sources ------------------------------------------------------------------------------


def test_sources_name_each_release_once_with_its_outlets_and_a_link(
    january: Digest, shipped_store: Store
) -> None:
    sources = _block(digest_text(january), "Sources:")
    release = _line(
        "\n".join(sources), "• Ministry of Trade, Industry and Energy, release for January 2021"
    )
    assert release.count("https://") == 1  # one link per release, not one per article
    used = {f.source for f in [*january.totals.values(), *january.items, *january.partners]}
    for source_id in used:
        ref = shipped_store.source(source_id)
        assert ref is not None
        if ref["via"].startswith("news report: ") and "Ministry" in ref["publisher"]:
            assert ref["via"].removeprefix("news report: ").removeprefix("www.") in release
        elif ref["url"]:  # a table or an API: cited with its own link
            assert any(ref["url"] in line for line in sources)
    # UrduPoint's two stored sources (one without a URL) are one outlet.
    assert "\n".join(sources).lower().count("urdupoint / pakistan") == 0


def test_korean_digest_uses_korean_months_units_and_publishers(january: Digest) -> None:
    text = digest_text(january, "ko")
    assert text.startswith("2021년 1월")
    assert "January" not in text and "$" not in text
    assert "• 산업통상자원부 2021년 1월 수출입 동향 (" in text and "• 관세청 " in text


# -- topics -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "topic,lang,expected,absent",
    [
        ("semiconductors", "en", "• Semiconductors: +21.7%", "• Steel"),
        ("china", "en", "• To China: +22.0%", "• Semiconductors"),
        ("semiconductors", "ko", "• 반도체: 21.7% 증가", "• 철강"),
        ("computers", "en", "• Computers: no figure stored for January 2021.", "• Semi"),
    ],
)
def test_topic_keeps_the_headline_and_its_own_line(
    january: Digest, topic: str, lang: str, expected: str, absent: str
) -> None:
    text = digest_text(january, lang, topic=topic)
    assert expected in text
    assert absent not in text
    assert _line(text, "수출:" if lang == "ko" else "Exports:")
    assert "Imports" not in text and "수입" not in text


def test_an_hs_code_topic_gets_its_customs_figure(
    january: Digest, dataset_rows: list[dict[str, str]]
) -> None:
    (row,) = _rows(dataset_rows, "2021-01", product="hs8542", partner="world")
    text = digest_text(january, topic="hs8542")
    line = _line(text, "• Integrated circuits (HS 8542):")
    assert money(float(row["value_usd_mn"])) in line
    assert HS_NOTE in text.splitlines()


def test_a_topic_before_its_figures_begin_says_when_they_do(
    shipped_store: Store, dataset_rows: list[dict[str, str]]
) -> None:
    first = min(r["period"] for r in dataset_rows if r["product"] == "semiconductors")
    text = digest_text(build_digest(shipped_store, "1995-06"), topic="semiconductors")
    expected = (
        f"• Semiconductors: no figure stored for June 1995 (figures start {month_name(first)})."
    )
    assert expected in text.splitlines()


@pytest.mark.parametrize("topic", [None, "all"])
def test_no_topic_or_all_gives_the_whole_digest(january: Digest, topic: str | None) -> None:
    assert digest_text(january, topic=topic) == digest_text(january)


# -- size ---------------------------------------------------------------------------------


def test_empty_month_says_where_data_runs(shipped_store: Store) -> None:
    text = digest_text(build_digest(shipped_store, "1980-01"))
    assert text.startswith("No figures are stored for January 1980.")
    assert month_name(periods()[0]) in text  # where the exports begin


def test_every_month_fits_one_message_with_room_to_spare(
    every_month: dict[tuple[str, str], str],
) -> None:
    assert BUDGET < MAX_REPLY_CHARS
    longest = max(every_month.items(), key=lambda pair: len(pair[1]))
    assert len(longest[1]) <= BUDGET, longest[0]


def test_a_digest_too_long_for_telegram_ends_lists_with_and_n_more(january: Digest) -> None:
    base = january.totals["export"]
    many = [
        MonthFacts(SeriesKey("export", f"item_{i:03d}"), "2021-01", 1000.0 + i, float(i),
                   False, "release", base.source, None, None)
        for i in range(300)
    ]  # fmt: skip
    digest = Digest(
        period="2021-01", kind="release", totals=january.totals, items=many,
        partners=january.partners, sources=january.sources, names=january.names,
    )  # fmt: skip
    text = digest_text(digest)
    assert len(text) <= BUDGET
    assert "and " in text and " more" in text
    assert _line(text, "Exports:")  # the headline is never trimmed
    assert "• Item 299: $1.30bn, +299.0%" in text  # the fastest growers are kept
    assert "• Item 000:" not in text


# -- digest_lines ------------------------------------------------------------

RUN = Streak("rise", 3, "2020-11", False, "change", "2020-10", "1990-01")


def _facts(product: str = "all", value: float | None = 1000.0, yoy: float | None = 5.0,
           *, flow: str = "export", basis: str = "release", other: Figure | None = None,
           computed: bool = False) -> MonthFacts:  # fmt: skip
    return MonthFacts(
        SeriesKey(flow, product), "2021-01", value, yoy, computed, basis, "src", None, None,
        other_basis=other, facts=(RUN,),
    )  # fmt: skip


def test_totals_stack_their_facts_one_a_line() -> None:
    assert stacked("Exports: $1.00bn", _facts(), "en", 3) == [
        "Exports: $1.00bn",
        FACT_MARK + "up for the 3rd month in a row",
    ]


@pytest.mark.parametrize(
    "facts,lang,expected",
    [
        (_facts(flow="balance", value=-587.2, basis="customs"), "en",
         "a deficit of $587.2mn (exports minus imports)"),
        (_facts(flow="balance", value=-587.2, basis="customs"), "ko",
         "5.9억 달러 적자 (수출−수입)"),
        (_facts(yoy=35.4, basis="customs", computed=True), "en", "$1.00bn, +35.4% (computed)"),
    ],
)  # fmt: skip
def test_figure_parts(facts: MonthFacts, lang: str, expected: str) -> None:
    assert figure_parts(facts, lang)[0] == expected


def test_the_customs_note_can_be_left_to_the_title() -> None:
    facts = _facts(yoy=35.4, basis="customs", computed=True)
    assert figure_parts(facts, "en", note_computed=False)[0] == "$1.00bn, +35.4%"


def test_an_item_shows_the_other_level_only_when_it_has_none() -> None:
    customs = Figure("2021-01", "customs", 1609.959, None, "kcs")
    digest = Digest("2021-01", "release")
    growth_only = _facts("displays", value=None, yoy=2.4, other=customs)
    assert series_line(digest, growth_only, "en").startswith("• Displays: +2.4% (customs: $1.61bn)")
    both = _facts("displays", value=1600.0, yoy=2.4, other=customs)
    assert "customs" not in series_line(digest, both, "en")


def test_order_growth_first_then_levels_largest_first_then_neither() -> None:
    lines = [_facts("a", yoy=-3.0), _facts("b", value=50.0, yoy=None),
             _facts("c", yoy=9.0), _facts("d", value=None, yoy=None),
             _facts("e", value=900.0, yoy=None)]  # fmt: skip
    ordered = [f.key.product for f in sorted(lines, key=order_key)]
    assert ordered == ["c", "a", "e", "b", "d"]


def test_a_sub_item_sits_under_its_item_or_alone_without_it() -> None:
    semis, chips = _facts("semiconductors", yoy=21.7), _facts("system_chips", yoy=16.0)
    digest = Digest("2021-01", "release", items=[chips, semis])
    assert [line[:18] for line in item_lines(digest, "en")] == [
        "• Semiconductors: ",
        "  ◦ System chips: ",
    ]
    alone = Digest("2021-01", "release", items=[chips])
    assert item_lines(alone, "en")[0].startswith("• System chips: $1.00bn, +16.0%")
