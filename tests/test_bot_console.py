"""The console chat: the same answers as Telegram, buttons as numbered options."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from bot_support import PNG_SIGNATURE, stated_growth

import kortrade.answer
from kortrade.answer import Button, ChartRequest, Reply
from kortrade.bot import console
from kortrade.bot.texts import say
from kortrade.data.series import SeriesKey
from kortrade.data.store import Store


def chat(store: Store, *lines: str, **kw: Any) -> str:
    out = io.StringIO()
    console.run_console(
        store, stdin=io.StringIO("".join(f"{line}\n" for line in lines)), stdout=out, **kw
    )
    return out.getvalue()


@pytest.fixture
def scripted(monkeypatch):
    """answer() replaced by a recorder: each question gets a reply with two options."""
    asked: list[str] = []

    def fake(text: str, **_: Any) -> Reply:
        asked.append(text)
        chart = ChartRequest((SeriesKey("export"),), "2020-01", "2021-12", "Exports")
        options = (Button("Latest month", "exports latest"), Button("Chips", "chip exports"))
        return Reply(f"answer to {text}", buttons=options, chart=chart)

    monkeypatch.setattr(console, "answer", fake)
    return asked


def test_a_question_gets_the_same_figure_as_telegram(shipped_store: Store, dataset_rows):
    output = chat(shipped_store, "semiconductor exports January 2021")
    assert stated_growth(dataset_rows, "2021-01", "semiconductors") in output


def test_a_vague_question_shows_numbered_options_and_a_number_asks_one(shipped_store: Store):
    first = chat(shipped_store, "exports")
    assert "  [1] " in first
    picked = chat(shipped_store, "exports", "1")
    assert picked.startswith(first)
    assert picked[len(first) :].strip() not in ("", first.strip())


def test_typing_a_number_asks_that_option(shipped_store: Store, scripted):
    output = chat(shipped_store, "exports", "2")
    assert scripted == ["exports", "chip exports"]
    assert "  [1] Latest month\n  [2] Chips\n" in output


@pytest.mark.parametrize("line", ["0", "4", "2021"])
def test_a_number_that_is_no_option_is_a_question(shipped_store: Store, scripted, line):
    chat(shipped_store, "exports", line)
    assert scripted == ["exports", line]


def test_the_chart_option_saves_a_png(shipped_store: Store, scripted, tmp_path: Path):
    output = chat(shipped_store, "exports", "3", chart_dir=tmp_path)
    saved = tmp_path / console.CHART_FILE
    assert saved.read_bytes().startswith(PNG_SIGNATURE)
    assert str(saved) in output


def test_quit_stops_before_the_next_line_and_blank_lines_are_skipped(shipped_store, scripted):
    chat(shipped_store, "", "   ", "first", "quit", "never asked")
    assert scripted == ["first"]


def test_a_failing_question_is_an_apology_and_the_chat_goes_on(shipped_store, monkeypatch):
    real = kortrade.answer.resolve

    def failing(intent, store, today):
        if "boom" in intent.text:
            raise RuntimeError("boom")
        return real(intent, store, today)

    monkeypatch.setattr(kortrade.answer, "resolve", failing)
    output = chat(shipped_store, "boom", "exports January 2021")
    assert say("sorry", "en") in output
    assert output.count("\n\n") == 2 and "January 2021" in output


def test_a_follow_up_continues_the_question_before(shipped_store: Store):
    output = chat(shipped_store, "exports to China January 2021", "and imports?")
    second = output.split("\n\n")[1]
    assert second.startswith("Imports from China")
    assert "January 2021" in second
