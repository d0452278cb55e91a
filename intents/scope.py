"""Questions the data cannot answer, because one word changes what is asked.

The store holds Korea's goods trade in US dollars, by value. A question about a
forecast, a cause, figures in won, volumes, services, another country's own trade
("China's total exports"), prices, seasonally adjusted figures or the wider economy
(GDP, the current account, exchange rates, tariffs) is a different question: answering it
with the headline would be a confident wrong answer, so `decline_reason` names why it is
out of scope and the reply declines in one line. English cues are whole words or phrases
(matched on word boundaries); Korean cues are substrings.
"""

from __future__ import annotations

import re

__all__ = ["decline_reason", "foreign_trade"]

_EN: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "forecast",
        re.compile(
            r"\b(?:forecasts?|forecasting|outlook|predict(?:ed|ion|ions|s)?|projections?|"
            r"projected|expected|expect|expectations?|consensus|"
            r"estimates? for next|will (?:exports?|imports?|it|the)|"
            r"going to (?:rise|fall|grow)|next year's)\b"
        ),
    ),
    (
        "cause",
        re.compile(
            r"\b(?:why|reasons?|causes?|caused|because(?! i\b| we\b)|due to(?! be\b)|drivers?|"
            r"drove|driven by|what(?:'s| is) behind|explain why)\b"
        ),
    ),
    ("won", re.compile(r"\b(?:in won|korean won|krw|won terms|won-denominated|trillion won)\b")),
    (
        "volume",
        re.compile(
            r"\b(?:volumes?|tonnes|tons|tonnage|quantity|quantities|barrels|real terms|"
            r"in units|units shipped|number of (?:cars|units|ships)|real (?:exports?|imports?))\b"
        ),
    ),
    (
        "services",
        re.compile(r"\b(?:services?|service trade|tourism|royalties|travel receipts)\b"),
    ),
    (
        "prices",
        re.compile(
            r"\b(?:(?:export|import) prices?|prices? of|price index|unit values?|unit prices?|"
            r"terms of trade)\b"
        ),
    ),
    ("seasonal", re.compile(r"\b(?:seasonally adjusted|seasonal adjustment|s\.a\.)")),
    (
        "macro",
        re.compile(
            r"\b(?:gdp|current account|exchange rates?|tariffs?|fdi|foreign direct investment|"
            r"inflation)\b"
        ),
    ),
)
_KO: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "forecast",
        (
            "전망",
            "예상",
            "예측",
            "내다보",
            "될까",
            "할까",
            "될 것",
            "늘어날까",
            "줄어들까",
            "컨센서스",
            "시장 기대",
        ),
    ),
    ("cause", ("왜 ", "왜?", "이유", "원인", "때문", "배경")),
    ("won", ("원화", "억 원", "억원", "조 원", "조원", "원 기준", "원으로")),
    ("volume", ("물량", "중량", "물동량", "톤")),
    ("services", ("서비스",)),
    ("prices", ("단가", "수출물가", "수입물가", "수출 물가", "수입 물가", "가격지수", "교역조건")),
    ("seasonal", ("계절조정", "계절 조정")),
    ("macro", ("경상수지", "환율", "관세율", "관세 부과", "국내총생산", "gdp")),
)

# "China's total exports", "Japan's trade surplus", "중국의 수출": another country's own
# trade, not Korea's trade with it. Checked on raw lower-cased text around a partner name.
_FOREIGN_AFTER_EN = re.compile(
    r"^\s*['’]s?\s+(?:own\s+|total\s+|overall\s+|global\s+|worldwide\s+)*"
    r"(?:exports?|imports?|trade\s+(?:balance|surplus|deficit)|trade|surplus|deficit)\b"
)
_FOREIGN_AFTER_KO = re.compile(r"^(?:의|\s*자체)\s*(?:총\s*)?(?:수출|수입|무역수지|무역 수지|교역)")


def decline_reason(lowered: str) -> str | None:
    """Why the question is out of scope (see `DECLINE_REASONS`), or None."""
    text = f"{lowered} "
    for reason, pattern in _EN:
        if pattern.search(text):
            return reason
    for reason, cues in _KO:
        if any(cue in text for cue in cues):
            return reason
    if text.lstrip().startswith("왜"):
        return "cause"
    return None


def foreign_trade(lowered: str, partner_spans: list[tuple[int, int]]) -> bool:
    """Does a partner's name stand as the owner of the trade ("China's exports")?"""
    for _start, end in partner_spans:
        rest = lowered[end:]
        if _FOREIGN_AFTER_EN.match(rest) or _FOREIGN_AFTER_KO.match(rest):
            return True
    return False
