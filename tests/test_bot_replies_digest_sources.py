"""The digest's sources: one line per publisher, with the sites that carried it."""

from __future__ import annotations

import pytest

from kortrade.bot.replies.phrases import digest_source_lines, publisher_label
from kortrade.data.digest import SourceRef

MOTIE = "Ministry of Trade, Industry and Energy"


def _news(site: str, path: str = "/a") -> SourceRef:
    return SourceRef(
        f"news-{site}", f"{MOTIE}, as reported by {site}", None, f"https://{site}{path}"
    )


def test_one_line_per_publisher_naming_each_site_once() -> None:
    refs = [
        _news("www.urdupoint.com"),
        SourceRef("kcs", "Korea Customs Service", "totals", "https://apis.data.go.kr/x"),
        _news("en.yna.co.kr"),
        _news("www.urdupoint.com", "/b"),  # a second article on the same site
        SourceRef("kcs-items", "Korea Customs Service", "items", "https://apis.data.go.kr/y"),
    ]
    assert digest_source_lines(refs) == [
        "Sources:",
        f"• {MOTIE}: urdupoint.com, en.yna.co.kr",
        "• Korea Customs Service: apis.data.go.kr",
    ]


def test_a_news_source_without_url_is_merged_with_its_site() -> None:
    urdupoint = SourceRef("urdupoint", "UrduPoint / Pakistan Point News", "a headline", None)
    lines = digest_source_lines([_news("www.urdupoint.com"), urdupoint])
    assert lines == ["Sources:", f"• {MOTIE}: urdupoint.com"]


def test_a_source_without_url_or_site_is_named_with_its_title() -> None:
    typed = SourceRef("secondary", "Ministry of Trade, Industry and Resources",
                      "monthly release (typed from news)", None)  # fmt: skip
    assert digest_source_lines([typed]) == [
        "Sources:",
        "• Ministry of Trade, Industry and Resources: monthly release (typed from news)",
    ]


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


def test_korean_heading_and_no_sources_no_block() -> None:
    assert digest_source_lines([_news("www.donga.com")], "ko") == [
        "출처:",
        "• 산업통상자원부: donga.com",
    ]
    assert digest_source_lines([]) == []
