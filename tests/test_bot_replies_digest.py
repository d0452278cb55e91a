"""The subscriber's digest, as text: every figure and streak of the seed release
(seed-release-2021-01.txt, the ground truth for January 2021) that the shipped data
holds, in English and Korean, through `digest_text` and through `kortrade digest`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kortrade.bot.replies.digest import TELEGRAM_LIMIT, digest_text
from kortrade.cli import main
from kortrade.data.digest import Digest, build_digest
from kortrade.data.facts import MonthFacts
from kortrade.data.series import SeriesKey
from kortrade.data.store import Store
from kortrade.months import month_range

SEED = (Path(__file__).parent / "fixtures" / "seed-release-2021-01.txt").read_text(encoding="utf-8")

# quote from the seed, (English line start, fragments), (Korean line start, fragments)
SEED_FIGURES = [
    ("advanced 11.4 percent over the year to 48.01 billion",
     ("Exports:", ["$48.01bn", "+11.4%"]), ("수출:", ["480.1억 달러", "11.4% 증가"])),
    ("after expanding 12.6 percent in the previous month",
     ("Exports:", ["after +12.6% in December 2020"]), ("수출:", ["2020년 12월: 12.6% 증가"])),
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
    # Seed: China up for the 3rd month. The data has no China row for 2020-11, so the
    # streak it can show is Dec + Jan: "at least 2 months", naming the missing month.
    ("jumped 22.0 percent in January from a year earlier, keeping an upward momentum",
     ("• To China:", ["+22.0%", "up for at least 2 months in a row (no figure for November 2020)"]),
     ("• 중국:", ["22.0% 증가", "최소 2개월 연속 증가 (2020년 11월 자료 없음)"])),
    # Seed: US and EU up for 5 months. Stored: no row for 2020-11 (nor US 2020-09), so the
    # data shows Dec + Jan, both double-digit: "at least 2 months".
    ("surged 46.1 percent and 23.9 percent respectively",
     ("• To the United States:",
      ["+46.1%", "at least 2 months in a row (no figure for November 2020)"]),
     ("• 미국:", ["46.1% 증가", "최소 2개월 연속"])),
    ("surged 46.1 percent and 23.9 percent respectively",
     ("• To the EU:", ["+23.9%", "at least 2 months in a row (no figure for November 2020)"]),
     ("• 유럽연합:", ["23.9% 증가", "최소 2개월 연속"])),
    ("retreated 15.2 percent and 8.5 percent each",
     ("• To ASEAN:", ["-15.2%"]), ("• 아세안:", ["15.2% 감소"])),
    ("retreated 15.2 percent and 8.5 percent each",
     ("• To Japan:", ["-8.5%"]), ("• 일본:", ["8.5% 감소"])),
]  # fmt: skip


def _line(text: str, start: str) -> str:
    found = [line for line in text.splitlines() if line.startswith(start)]
    assert len(found) == 1, f"one line starting {start!r} expected in:\n{text}"
    return found[0]


def _check_seed(text: str, lang: str) -> None:
    for quote, en, ko in SEED_FIGURES:
        assert quote in SEED, quote
        start, fragments = ko if lang == "ko" else en
        line = _line(text, start)
        for fragment in fragments:
            assert fragment in line, (quote, line)


@pytest.fixture(scope="module")
def january(shipped_store: Store) -> Digest:
    return build_digest(shipped_store, "2021-01")


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
    assert "16" not in _line(text, "Not in the stored release: general machinery")
    assert "years" not in _line(text, "• Wireless communication devices:")
    assert "years" not in _line(text, "• Displays:")


def test_items_are_sorted_by_growth(january: Digest) -> None:
    lines = [line for line in digest_text(january).splitlines() if line.startswith("• ")]
    items = lines[: len(january.items)]
    growths = [float(line.split(": ")[1].split("%")[0].split(", ")[-1]) for line in items]
    assert growths == sorted(growths, reverse=True)


@pytest.mark.parametrize("lang,expected", [
    ("en", "Not in the stored release: general machinery, petroleum products, auto parts, ships, "
           "computers, textiles, secondary batteries."),
    ("ko", "저장된 발표에 없음: 일반기계, 석유제품, 자동차부품, 선박, 컴퓨터, 섬유, 이차전지."),
])  # fmt: skip
def test_missing_major_items_are_named_briefly(january: Digest, lang: str, expected: str) -> None:
    assert expected in digest_text(january, lang).splitlines()


def test_imports_carry_the_customs_final(january: Digest) -> None:
    line = _line(digest_text(january), "Imports:")
    assert "customs final: $44.46bn, +4.1% (computed)" in line  # README: $44.46bn customs final


def test_sources_are_listed_with_urls(january: Digest) -> None:
    text = digest_text(january)
    sources = text.split("Sources:\n", 1)[1].splitlines()
    assert sources and all(line.startswith("• ") for line in sources)
    assert any("https://" in line for line in sources)


def test_korean_digest_uses_korean_months_and_units(january: Digest) -> None:
    text = digest_text(january, "ko")
    assert text.startswith("2021년 1월")
    before_sources = text.split("출처:")[0]
    assert "January" not in before_sources and "$" not in before_sources


@pytest.mark.parametrize(
    "topic,lang,expected,absent",
    [
        ("semiconductors", "en", "• Semiconductors: +21.7%", "• Steel"),
        ("china", "en", "• To China: +22.0%", "• Semiconductors"),
        ("semiconductors", "ko", "• 반도체: 21.7% 증가", "• 철강"),
        ("computers", "en", "Computers: no figure stored for January 2021.", "• Semi"),
    ],
)
def test_topic_keeps_the_headline_and_its_own_line(
    january: Digest, topic: str, lang: str, expected: str, absent: str
) -> None:
    text = digest_text(january, lang, topic=topic)
    assert expected in text
    assert absent not in text
    assert text.splitlines()[1].startswith("수출:" if lang == "ko" else "Exports:")
    assert "Imports" not in text


@pytest.mark.parametrize("topic", [None, "all"])
def test_no_topic_or_all_gives_the_whole_digest(january: Digest, topic: str | None) -> None:
    assert digest_text(january, topic=topic) == digest_text(january)


def test_empty_month_says_where_data_runs(shipped_store: Store) -> None:
    text = digest_text(build_digest(shipped_store, "1980-01"))
    assert text.startswith("No figures are stored for January 1980.")
    assert "January 1990" in text


def test_every_release_month_fits_in_one_telegram_message(shipped_store: Store) -> None:
    for period in month_range("2018-11", "2026-10"):
        digest = build_digest(shipped_store, period)
        for lang in ("en", "ko"):
            assert len(digest_text(digest, lang)) <= TELEGRAM_LIMIT, (period, lang)


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
    assert len(text) <= TELEGRAM_LIMIT
    assert "and " in text and " more" in text
    assert _line(text, "Exports:")  # the headline is never trimmed
    assert "• Item 299: $1.30bn, +299.0%" in text  # the fastest growers are kept
    assert "• Item 000:" not in text
