"""dateparser: only for date phrases the fast path leaves, and never paid for at import."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from intents_support import TODAY

from kortrade.intents.fallback import DATEISH_RE, fallback_period


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("2 months ago", "2026-08"),
        ("two months ago", "2026-08"),
        ("a year ago", "2025-10"),
        ("yesterday", "2026-10"),
        ("last week", "2026-10"),
        ("3개월 전", "2026-07"),
        ("어제", "2026-10"),
    ],
)
def test_relative_phrases_become_the_month_they_point_at(text: str, month: str) -> None:
    spec = fallback_period(text, TODAY)
    assert spec is not None
    assert (spec.kind, spec.start, spec.relative_label) == ("month", month, text)


def test_relative_base_follows_today() -> None:
    spec = fallback_period("2 months ago", dt.date(2021, 1, 10))
    assert spec is not None and spec.start == "2020-11"


@pytest.mark.parametrize("text", ["banana", "", "!!!", "exports"])
def test_unreadable_text_gives_none(text: str) -> None:
    assert fallback_period(text, TODAY) is None


@pytest.mark.parametrize(
    ("text", "dateish"),
    [
        ("exports 2 months ago", True),
        ("exports yesterday", True),
        ("3개월 전 수출", True),
        ("exports to china", False),
        ("top 5 items", False),
        ("12 months", False),
    ],
)
def test_only_date_like_phrases_are_sent_to_dateparser(text: str, dateish: bool) -> None:
    assert (DATEISH_RE.search(text) is not None) is dateish


def test_importing_and_parsing_common_forms_does_not_import_dateparser() -> None:
    code = (
        "import sys, datetime as dt\n"
        "import kortrade.intents as i\n"
        "assert 'dateparser' not in sys.modules, 'imported at import time'\n"
        "v = i.Vocabulary.from_rows([{'slug': 'export', 'kind': 'flow', 'en': 'exports'}])\n"
        "for q in ['exports Jan 2021', 'exports last month', '2021년 1분기', 'last 12 months',\n"
        "          'Q1 2021', 'H1', 'YTD', '3~6월', 'exports']:\n"
        "    i.parse(q, v, dt.date(2026, 10, 15))\n"
        "print('dateparser' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "False"
