"""What a desk asks beyond "the figure": shares, when it last happened, since when, momentum,
working days and the first-10/20-day flash, read from cue words.

Some of these phrases hold numbers or words the period and vocabulary readers would
misread ("first 20 days", "1~20일", "3-month average", "above $60bn", "ship to"), so
`pre_scan` reads and blanks them before periods are scanned, and `read_asks` reads the
cue words left afterwards. English cues are whole words; Korean cues are substrings (stems).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Asks", "PreScan", "pre_scan", "read_asks"]


@dataclass(frozen=True, slots=True)
class PreScan:
    """The text with the pre-read phrases blanked (same length), and what they said."""

    text: str
    flash_days: int | None = None
    flash: bool = False
    mma: bool = False
    threshold_usd_mn: float | None = None
    ship_verb: bool = False


@dataclass(frozen=True, slots=True)
class Asks:
    """Which desk kind the cue words ask for (None: none of them), with its detail."""

    kind: str | None = None
    event: str | None = None
    momentum: str | None = None
    record_kind: str | None = None


_FLASH_RES: tuple[tuple[re.Pattern[str], int | None], ...] = (
    (re.compile(r"\b(?:the\s+)?first\s+(10|20|ten|twenty)\s+days?\b(?:\s+of\b)?"), None),
    (re.compile(r"\b(10|20)\s*-?\s*days?\s+(?:flash|figures?|data|preliminary)\b"), None),
    (re.compile(r"\b(10|20|ten|twenty)-days?\b"), None),
    (re.compile(r"\b(?:through|thru|to|until|till|up to)\s+(?:the\s+)?(10|20)th\b"), None),
    (
        re.compile(
            r"\b(?:days?|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+"
            r"(?P<span>1(?:st)?\s*(?:-|–|~|to|through)\s*(10|20)(?:th)?)\b(?!\s*[-/.]\d)"
        ),
        None,
    ),
    (re.compile(r"(?<![\d.])1\s*일?\s*[~\-–]\s*(10|20)\s*일(?:\s*까지)?"), None),
    (re.compile(r"(?<![\d~\-–])(10|20)\s*일\s*(?:까지|기준|현재)"), None),
    (re.compile(r"초순"), 10),
    (re.compile(r"중순(?:\s*까지)?"), 20),  # mid-month: the count to the 20th
)
_FLASH_WORD_RE = re.compile(r"\bflash\b|속보치|잠정치")
_DAY_WORDS = {"10": 10, "20": 20, "ten": 10, "twenty": 20}

_MMA_RE = re.compile(
    r"\b3\s*-?\s*mma\b|\bmma\s*3\b|\b(?:3|three)[\s-]*months?\s+(?:moving\s+|rolling\s+)?average\b|"
    r"\b(?:moving|rolling)\s+average\b|3\s*개월\s*(?:이동\s*)?평균|이동\s*평균"
)

_AMOUNT = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"  # "1,200" (thousands) or "60.5"
_THRESHOLD_RES: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(rf"\$?\s*{_AMOUNT}\s*(?:bn|billion|b)\b"), 1000.0),
    (re.compile(rf"\$?\s*{_AMOUNT}\s*(?:mn|million|m)\b"), 1.0),
    (re.compile(rf"{_AMOUNT}\s*조\s*(?:달러|불)?"), 1_000_000.0),
    (re.compile(rf"{_AMOUNT}\s*억\s*(?:달러|불)?"), 100.0),
)
# "what do we ship to China": the verb, not the item "ships".
_SHIP_VERB_RE = re.compile(r"\b(?:ship|ships|shipped|shipping)(?=\s+(?:to|abroad|overseas)\b)")


def pre_scan(lowered: str) -> PreScan:
    """Read and blank the phrases periods and names must not see."""
    text = lowered
    flash_days: int | None = None
    flash = False
    for pattern, fixed in _FLASH_RES:
        found = pattern.search(text)
        if found:
            flash = True
            groups = found.groupdict()
            days = found.group(2) if "span" in groups else found.group(1) if fixed is None else None
            flash_days = fixed or _DAY_WORDS.get(days or "")
            where = found.span("span") if "span" in groups else found.span()
            text = _blank(text, *where)
            break
    word = _FLASH_WORD_RE.search(text)
    if word:
        flash = True
        text = _blank(text, word.start(), word.end())
    mma = _MMA_RE.search(text)
    if mma:
        text = _blank(text, mma.start(), mma.end())
    threshold = None
    for pattern, scale in _THRESHOLD_RES:
        found = pattern.search(text)
        if found:
            threshold = float(found.group(1).replace(",", "")) * scale
            text = _blank(text, found.start(), found.end())
            break
    ship = _SHIP_VERB_RE.search(text)
    if ship:
        text = _blank(text, ship.start(), ship.end())
    return PreScan(text, flash_days, flash, mma is not None, threshold, ship is not None)


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


# -- cue words ------------------------------------------------------------------------------------

_SHARE_EN = ("share", "shares", "proportion", "portion", "percentage of", "percent of", "% of",
             "how much of", "what part of", "what fraction of")  # fmt: skip
_SHARE_KO = ("비중", "점유율", "차지", "비율")
_LAST_EN = ("last", "last time", "most recent time", "previous time", "lastly")
_LAST_KO = ("마지막",)
_WHEN_EN = ("when",)
_WHEN_KO = ("언제",)
_RUN_START_EN = ("since", "start", "started", "begin", "began", "starting")
_RUN_START_KO = ("부터", "시작", "이래")
_SINCE_EN = ("highest since", "lowest since", "biggest since", "largest since", "best since",
             "strongest since", "weakest since", "smallest since", "worst since", "since when",
             "high since", "low since")  # fmt: skip
_SINCE_KO = (
    "이후 최대", "이후 최고", "이후 최저", "이후 최소", "만에 최대", "만에 최고", "만에 최저",
    "만의 최대", "만의 최고", "만의 최저", "만에 가장", "만의 가장", "언제 이후", "이후 가장",
    "이래 최대", "이래 최고", "이래 최저",
)  # fmt: skip
_PEAK_EN = ("highest", "lowest", "biggest", "largest", "best", "strongest", "weakest",
            "smallest", "worst", "high", "low")  # fmt: skip
_PEAK_KO = ("최대", "최고", "최저", "최소", "가장")
_LOW_EN = ("lowest", "low", "smallest", "weakest", "worst")
_LOW_KO = ("최저", "최소")
_TREND_EN = ("accelerating", "accelerate", "accelerated", "acceleration", "decelerating",
             "decelerate", "deceleration", "slowing", "slowdown", "slow down", "slowing down",
             "picking up", "speeding up", "losing steam", "losing momentum", "gaining momentum",
             "momentum", "gathering pace", "losing pace", "cooling", "getting bigger",
             "getting smaller", "getting larger", "getting weaker", "getting stronger",
             "growing faster", "growing slower", "growing more slowly", "growing more quickly",
             "falling faster", "widening", "narrowing", "gaining steam", "running out of steam",
             "strengthening", "weakening", "easing", "peaked", "peaking", "bottomed",
             "bottoming", "topped out", "bottomed out")  # fmt: skip
_TREND_KO = ("가속", "둔화", "증가세", "감소세", "탄력", "모멘텀", "주춤", "꺾", "속도", "확대되",
             "축소되", "커지", "작아지", "넓어지", "좁아지", "정점 찍", "정점을 찍", "고점 찍",
             "고점을 찍", "바닥 찍", "바닥을 찍", "정점인", "바닥인")  # fmt: skip
# Of a balance, plain size words ask whether it widens: "is the surplus shrinking", "흑자 규모
# 줄고 있어?" (of exports, "shrinking" stays a question about the figure's growth).
_BALANCE_TREND_EN = ("shrinking", "expanding", "growing", "contracting", "narrower", "wider")
_BALANCE_TREND_KO = ("줄고", "줄어들", "늘고", "늘어나")
_WORKING_EN = ("working day", "working days", "working-day", "business day", "business days",
               "workday", "workdays", "working day adjusted", "per working day")  # fmt: skip
_WORKING_KO = ("조업일", "영업일", "근무일")
_FALL_EN = ("fell", "fall", "fallen", "falling", "decline", "declined", "drop", "dropped",
            "decrease", "decreased", "shrank", "shrink", "contract", "contracted", "negative",
            "down")  # fmt: skip
_RISE_EN = ("rose", "rise", "risen", "grew", "grow", "growth", "increase", "increased", "gain",
            "gained", "rebound", "rebounded", "positive", "up")  # fmt: skip
_FALL_KO = ("감소", "줄", "하락", "마이너스", "역성장")
_RISE_KO = ("증가", "늘", "상승", "플러스", "반등")
_ABOVE_EN = ("above", "over", "exceed", "exceeded", "topped", "top", "more than", "higher than",
             "surpassed", "passed")  # fmt: skip
_BELOW_EN = ("below", "under", "less than", "lower than", "beneath")
_ABOVE_KO = ("넘", "이상", "초과", "웃돌", "돌파")
_BELOW_KO = ("미만", "이하", "밑돌", "아래", "못 미")


class _Words:
    def __init__(self, words: list[str], korean: str) -> None:
        self._words = set(words)
        self._joined = f" {' '.join(words)} "
        self._korean = korean

    def any(self, english: tuple[str, ...], korean: tuple[str, ...] = ()) -> bool:
        for cue in english:
            if (" " in cue and f" {cue} " in self._joined) or cue in self._words:
                return True
        return any(cue in self._korean for cue in korean)


def read_asks(words: list[str], masked: str, *, pre: PreScan, balance: bool) -> Asks:
    """The desk kind the cue words ask for. `words` are the tokens left after periods,
    `masked` the text with periods blanked (Korean cues are looked for in it); `balance`
    when the subject is a balance (so "deficit"/"surplus" are the events)."""
    cues = _Words(words, masked)
    if pre.flash:
        return Asks(kind="flash")
    if pre.mma:
        return Asks(kind="momentum", momentum="3mma")
    if cues.any(_WORKING_EN, _WORKING_KO):
        return Asks(kind="working_days")
    if cues.any(_SHARE_EN, _SHARE_KO) or "% of" in masked:
        return Asks(kind="share")
    if cues.any(_SINCE_EN, _SINCE_KO) and cues.any(_PEAK_EN, _PEAK_KO):
        # "since when" alone ("since when has the surplus lasted") asks about the run.
        low = cues.any(_LOW_EN, _LOW_KO)
        return Asks(kind="since", record_kind="lowest" if low else "highest")
    when = cues.any(_WHEN_EN, _WHEN_KO)
    last = (
        cues.any(_LAST_EN, _LAST_KO)
        or (when and pre.threshold_usd_mn is not None)
        # "when was there a trade deficit", "언제 적자로 돌아섰어": the last such month; not
        # "since when" / "when did it start", which ask about the run going on now.
        or (when and balance and not cues.any(_RUN_START_EN, _RUN_START_KO))
    )
    if last:
        event = _event(cues, pre, balance)
        if event is not None:
            return Asks(kind="last", event=event)
    if cues.any(_TREND_EN, _TREND_KO) or (
        balance and cues.any(_BALANCE_TREND_EN, _BALANCE_TREND_KO)
    ):
        return Asks(kind="momentum", momentum="trend")
    return Asks()


def _event(cues: _Words, pre: PreScan, balance: bool) -> str | None:
    if pre.threshold_usd_mn is not None:
        if cues.any(_BELOW_EN, _BELOW_KO):
            return "below"
        if cues.any(_ABOVE_EN, _ABOVE_KO):
            return "above"
    if balance:
        if cues.any(("deficit", "deficits", "negative"), ("적자",)):
            return "deficit"
        if cues.any(("surplus", "surpluses", "positive"), ("흑자",)):
            return "surplus"
    if cues.any(_FALL_EN, _FALL_KO):
        return "fall"
    if cues.any(_RISE_EN, _RISE_KO):
        return "rise"
    return None
