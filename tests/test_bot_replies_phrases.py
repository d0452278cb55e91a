"""Shared wording as readers expect it: $48.01bn / 480.1억 달러, +11.4% / 11.4% 증가, 2021년 1월;
the digest's source list (publishers and the sites they were read on)."""

from __future__ import annotations

import pytest

from kortrade.bot.replies.phrases import (
    balance,
    citation,
    date_name,
    digest_source_lines,
    growth,
    money,
    month_name,
    month_of_year,
    months_count,
    ordinal,
    publisher_label,
    signed_pct,
    years_count,
)
from kortrade.data.digest import SourceRef


@pytest.mark.parametrize(
    "value,lang,expected",
    [
        (48010.0, "en", "$48.01bn"),  # seed: 48.01 billion
        (44050.0, "en", "$44.05bn"),
        (1000.0, "en", "$1.00bn"),
        (999.96, "en", "$1.00bn"),  # rounds up across the unit boundary: no "$1000.0mn"
        (840.0, "en", "$840.0mn"),
        (-950.0, "en", "-$950.0mn"),
        (123456.0, "en", "$123.46bn"),
        (48010.0, "ko", "480.1억 달러"),
        (2130.0, "ko", "21.3억 달러"),
        (840.0, "ko", "8.4억 달러"),
        (6.4, "ko", "640만 달러"),
        (683580.0, "ko", "6,835.8억 달러"),
        (-950.0, "ko", "-9.5억 달러"),
    ],
)
def test_money(value: float, lang: str, expected: str) -> None:
    assert money(value, lang) == expected


@pytest.mark.parametrize(
    "pct,lang,computed,expected",
    [
        (11.4, "en", False, "+11.4%"),
        (-8.5, "en", False, "-8.5%"),
        (0.04, "en", False, "0.0%"),
        (4.0702, "en", True, "+4.1% (computed)"),
        (11.4, "ko", False, "11.4% 증가"),
        (-15.2, "ko", False, "15.2% 감소"),
        (0.0, "ko", False, "보합(0.0%)"),
        (4.07, "ko", True, "4.1% 증가 (계산치)"),
    ],
)
def test_growth(pct: float, lang: str, computed: bool, expected: str) -> None:
    assert growth(pct, lang, computed=computed) == expected


def test_signed_pct_has_no_sign_on_a_rounded_zero() -> None:
    assert [signed_pct(x) for x in (58.0, -0.04, 0.05)] == ["+58.0%", "0.0%", "+0.1%"]


@pytest.mark.parametrize(
    "value,lang,expected",
    [
        (3960.0, "en", "a surplus of $3.96bn"),
        (-950.0, "en", "a deficit of $950.0mn"),
        (3960.0, "ko", "39.6억 달러 흑자"),
        (-950.0, "ko", "9.5억 달러 적자"),
    ],
)
def test_balance_says_surplus_or_deficit(value: float, lang: str, expected: str) -> None:
    assert balance(value, lang) == expected


@pytest.mark.parametrize(
    "period,lang,expected",
    [
        ("2021-01", "en", "January 2021"),
        ("2020-12", "en", "December 2020"),
        ("2021-01", "ko", "2021년 1월"),
        ("1990-11", "ko", "1990년 11월"),
    ],
)
def test_month_name(period: str, lang: str, expected: str) -> None:
    assert month_name(period, lang) == expected


def test_month_of_year_and_counts() -> None:
    assert (month_of_year(1), month_of_year(1, "ko")) == ("January", "1월")
    assert (months_count(1), months_count(26), months_count(26, "ko")) == (
        "1 month",
        "26 months",
        "26개월",
    )
    assert (years_count(1), years_count(3), years_count(3, "ko")) == ("1 year", "3 years", "3년")
    with pytest.raises(ValueError):
        month_of_year(13)


@pytest.mark.parametrize(
    "n,expected",
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (9, "9th"), (11, "11th"), (12, "12th"),
     (13, "13th"), (21, "21st"), (22, "22nd"), (101, "101st"), (111, "111th")],
)  # fmt: skip
def test_ordinal(n: int, expected: str) -> None:
    assert ordinal(n) == expected


@pytest.mark.parametrize(
    "iso,lang,expected",
    [
        ("2021-02-01", "en", "1 February 2021"),  # the seed's release day
        ("2021-02-01", "ko", "2021년 2월 1일"),
        ("2020-04-30", "en", "30 April 2020"),
        ("2025-12-31", "ko", "2025년 12월 31일"),
    ],
)
def test_date_name_reads_a_publication_day(iso: str, lang: str, expected: str) -> None:
    assert date_name(iso, lang) == expected


@pytest.mark.parametrize("bad", ["2021-02-30", "2021-02", "yesterday", ""])
def test_date_name_refuses_what_is_not_a_day(bad: str) -> None:
    with pytest.raises(ValueError):
        date_name(bad)


# -- digest_sources ------------------------------------------------------------

MOTIE = "Ministry of Trade, Industry and Energy"


@pytest.mark.parametrize(
    "publisher,lang,expected",
    [
        (f"{MOTIE}, as reported by www.donga.com", "en", MOTIE),
        (f"{MOTIE}, as reported by www.donga.com", "ko", "산업통상자원부"),
        ("Korea Customs Service", "ko", "관세청"),
        ("UrduPoint / Pakistan Point News", "ko", "UrduPoint / Pakistan Point News"),
    ],
)
def test_publisher_label_in_the_readers_language(publisher: str, lang: str, expected: str) -> None:
    assert publisher_label(publisher, lang) == expected


def _news(site: str, path: str = "/a", month: str = "2021-01") -> SourceRef:
    return SourceRef(
        f"news-{site}{path}", MOTIE, f"monthly export and import release for {month}",
        f"https://{site}{path}", f"news report: {site}",
    )  # fmt: skip


def test_a_citation_names_publisher_release_outlet_and_link() -> None:
    assert citation(_news("en.yna.co.kr"), "en") == (
        f"{MOTIE}, release for January 2021 (as reported by en.yna.co.kr) — https://en.yna.co.kr/a"
    )
    assert citation(_news("en.yna.co.kr"), "ko") == (
        "산업통상자원부 2021년 1월 수출입 동향 (en.yna.co.kr 보도) — https://en.yna.co.kr/a"
    )
    press = SourceRef("kcs-press", "Korea Customs Service", "2026-09 수출입 현황 (press release)",
                      "https://customs.go.kr/x")  # fmt: skip
    assert citation(press, "en") == (
        "Korea Customs Service, monthly press release for September 2026 — https://customs.go.kr/x"
    )
    repo = SourceRef("r", MOTIE, "monthly export and import release for 2026-09", None,
                     "news report: github.com/someone/trade")  # fmt: skip
    assert citation(repo, "en").endswith("(as compiled in github.com/someone/trade)")


def test_one_line_per_release_naming_each_outlet_once_with_one_link() -> None:
    refs = [
        _news("www.urdupoint.com"),
        SourceRef("kcs", "Korea Customs Service", "totals", "https://apis.data.go.kr/x"),
        _news("en.yna.co.kr"),
        _news("www.urdupoint.com", "/b"),  # a second article on the same site
        SourceRef("kcs-items", "Korea Customs Service", "items", "https://apis.data.go.kr/y"),
    ]
    assert digest_source_lines(refs) == [
        "Sources:",
        f"• {MOTIE}, release for January 2021 (as reported by urdupoint.com, en.yna.co.kr)"
        " — https://www.urdupoint.com/a",
        "• Korea Customs Service, totals — https://apis.data.go.kr/x",
        "• Korea Customs Service, items — https://apis.data.go.kr/y",
    ]


def test_a_news_source_without_url_is_merged_with_its_site() -> None:
    urdupoint = SourceRef("urdupoint", "UrduPoint / Pakistan Point News", "a headline", None)
    lines = digest_source_lines([_news("www.urdupoint.com"), urdupoint])
    assert lines == [
        "Sources:",
        f"• {MOTIE}, release for January 2021 (as reported by urdupoint.com)"
        " — https://www.urdupoint.com/a",
    ]


def test_a_source_without_url_or_site_is_named_with_its_title() -> None:
    typed = SourceRef("secondary", "Ministry of Trade, Industry and Resources",
                      "monthly release (typed from news)", None)  # fmt: skip
    assert digest_source_lines([typed]) == [
        "Sources:",
        "• Ministry of Trade, Industry and Resources, monthly release (typed from news)",
    ]


def test_korean_heading_and_no_sources_no_block() -> None:
    assert digest_source_lines([_news("www.donga.com")], "ko") == [
        "출처:",
        "• 산업통상자원부 2021년 1월 수출입 동향 (donga.com 보도) — https://www.donga.com/a",
    ]
    assert digest_source_lines([]) == []
