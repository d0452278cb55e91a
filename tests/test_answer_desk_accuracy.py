"""The desk's questions answered with the stored figure, and out-of-scope ones declined.

The cases are generated from the shipped CSV files (`accuracy_desk.py`); each reply must
hold the expected strings and be of the expected kind. The score is printed per kind.
"""

from __future__ import annotations

from collections import Counter

import pytest
from accuracy_cases import NAMES_CSV, TRADE_CSV, problems, read_csv
from accuracy_desk import DECLINES, DeskCase, desk_cases, kind_of

from kortrade.answer import answer
from kortrade.bot.replies.desk import SCOPE
from kortrade.data.store import Store

CASES = desk_cases(read_csv(TRADE_CSV), read_csv(NAMES_CSV))
KINDS = (
    "share",
    "last",
    "since",
    "momentum",
    "flash",
    "energy",
    "working_days",
    "followup",
    "periods",
)


def _check(desk: DeskCase, store: Store) -> list[str]:
    case = desk.case
    previous = None
    if desk.previous is not None:
        previous = answer(desk.previous, store=store, today=case.today, lang=case.lang).intent
    reply = answer(case.question, store=store, today=case.today, lang=case.lang, previous=previous)
    return problems(case, reply.text, reply.kind)


def _decline_problems(question: str, store: Store) -> list[str]:
    reply = answer(question, store=store)
    found = []
    if reply.kind != "decline":
        found.append(f"kind {reply.kind!r}")
    if SCOPE[1 if reply.lang == "ko" else 0] not in reply.text:
        found.append("no scope line")
    if len(reply.text.splitlines()) != 1:
        found.append("more than one line")
    if "$" in reply.text or "억 달러" in reply.text:
        found.append("a figure given as if it answered")
    for button in reply.buttons:  # what it offers instead is answered when pressed
        pressed = answer(button.query, store=store)
        if pressed.kind in ("clarify", "unknown", "error", "decline"):
            found.append(f"button {button.query!r} gets {pressed.kind}")
    return found


def test_every_desk_kind_has_cases_in_both_languages() -> None:
    counts = Counter(kind_of(d.case) for d in CASES)
    assert set(KINDS) <= set(counts), counts
    assert {d.case.lang for d in CASES} == {None, "ko"}
    assert len(CASES) >= 200


@pytest.mark.parametrize("desk", CASES, ids=[f"{d.case.what}: {d.case.question}" for d in CASES])
def test_desk_question_gets_the_stored_figure(shipped_store: Store, desk: DeskCase) -> None:
    assert _check(desk, shipped_store) == []


@pytest.mark.parametrize(("question", "reason"), DECLINES)
def test_out_of_scope_is_declined_in_one_line_with_the_scope(
    shipped_store: Store, question: str, reason: str
) -> None:
    assert _decline_problems(question, shipped_store) == []


def test_desk_accuracy_is_100_percent_per_kind(shipped_store: Store, request) -> None:
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    failed = []
    for desk in CASES:
        kind = kind_of(desk.case)
        total[kind] += 1
        found = _check(desk, shipped_store)
        if found:
            failed.append((desk.case.question, found))
        else:
            right[kind] += 1
    for question, _reason in DECLINES:
        total["decline"] += 1
        if found := _decline_problems(question, shipped_store):
            failed.append((question, found))
        else:
            right["decline"] += 1
    counts = ", ".join(f"{kind} {right[kind]}/{total[kind]}" for kind in sorted(total))
    line = f"desk accuracy: {sum(right.values())}/{sum(total.values())} ({counts})"
    print(line)
    request.config.pluginmanager.register(_ScoreLine(line), "kortrade-desk-accuracy")
    assert failed == []


class _ScoreLine:
    def __init__(self, line: str) -> None:
        self.line = line

    def pytest_terminal_summary(self, terminalreporter) -> None:
        terminalreporter.write_sep("-", self.line)
