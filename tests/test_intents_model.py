"""The Intent dataclasses: frozen, hashable values with the defaults the answer layer relies on."""

from __future__ import annotations

import dataclasses

import pytest

from kortrade.intents import Intent, PeriodSpec, Subject
from kortrade.intents.model import INTENT_KINDS, PERIOD_KINDS


def test_a_subject_defaults_to_total_exports_to_the_world() -> None:
    assert Subject() == Subject("export", "all", "world")


def test_intents_are_frozen_and_hashable() -> None:
    intent = Intent(kind="figure", subjects=(Subject(),), period=PeriodSpec(kind="latest"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        intent.kind = "rank"  # type: ignore[misc]
    assert hash(intent) == hash(
        Intent(kind="figure", subjects=(Subject(),), period=PeriodSpec(kind="latest"))
    )


def test_the_documented_kinds() -> None:
    assert set(INTENT_KINDS) == {
        "figure", "compare", "rank", "streak", "record", "chart", "latest", "help", "about",
        "clarify",
        "unknown", "decline", "share", "last", "since", "momentum", "working_days", "flash",
    }  # fmt: skip
    assert set(PERIOD_KINDS) == {"month", "span", "month_of_year", "latest", "trailing", "invalid"}


@pytest.mark.parametrize(("kind", "valid"), [("month", True), ("invalid", False)])
def test_period_validity(kind: str, valid: bool) -> None:
    assert PeriodSpec(kind=kind).is_valid is valid
