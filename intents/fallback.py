"""dateparser for the date phrases the fast rules leave ("2 months ago", "지난주", "yesterday").

dateparser is accurate but costs ~90 ms to import and about a millisecond a call, so it
is imported on first use, only for text that `DATEISH_RE` says holds such a phrase, and
its parser is built once per `today` (settings carry RELATIVE_BASE) and cached.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from typing import Any

from kortrade.intents.model import PeriodSpec
from kortrade.intents.spans import month_spec

__all__ = ["DATEISH_RE", "fallback_period"]

logger = logging.getLogger(__name__)

_COUNT = r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
DATEISH_RE = re.compile(
    rf"(?<![a-z]){_COUNT}\s+(?:day|week|month|year)s?\s+ago(?![a-z])|"
    r"(?<![a-z])(?:yesterday|today|tomorrow|(?:last|this|next)\s+week|day\s+before\s+yesterday)(?![a-z])|"
    r"\d{1,3}\s*(?:일|주|개월|달|년)\s*전|그저께|그제|어제|오늘|지난\s*주|이번\s*주|다음\s*주"
)


@functools.lru_cache(maxsize=8)
def _parser(today: dt.date) -> Any:
    from dateparser.date import DateDataParser

    settings = {
        "PREFER_DAY_OF_MONTH": "first",
        "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": dt.datetime(today.year, today.month, today.day),
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    return DateDataParser(languages=["en", "ko"], settings=settings)


@functools.lru_cache(maxsize=256)
def fallback_period(fragment: str, today: dt.date) -> PeriodSpec | None:
    """The month a relative date phrase points at, labelled as typed; None when unreadable."""
    try:
        found = _parser(today).get_date_data(fragment)
    except Exception:  # dateparser must never take a question down with it
        logger.warning("dateparser failed on %r", fragment, exc_info=True)
        return None
    date = getattr(found, "date_obj", None)
    if date is None:
        return None
    typed = fragment.strip()
    return month_spec(date.year, date.month, typed, relative=(typed, typed))
