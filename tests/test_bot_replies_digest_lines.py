"""One digest line: figures with the other basis only where it tells more, facts stacked
under a total, sub-items under their item, lines in a useful order."""

from __future__ import annotations

import pytest

from kortrade.bot.replies.digest import (
    FACT_MARK,
    figure_parts,
    item_lines,
    order_key,
    series_line,
    stacked,
)
from kortrade.data.digest import Digest
from kortrade.data.facts import MonthFacts
from kortrade.data.scans import Streak
from kortrade.data.series import Figure, SeriesKey

RUN = Streak("rise", 3, "2020-11", False, "change", "2020-10", "1990-01")


def _facts(product: str = "all", value: float | None = 1000.0, yoy: float | None = 5.0,
           *, flow: str = "export", basis: str = "release", other: Figure | None = None,
           computed: bool = False) -> MonthFacts:  # fmt: skip
    return MonthFacts(
        SeriesKey(flow, product), "2021-01", value, yoy, computed, basis, "src", None, None,
        other_basis=other, facts=(RUN,),
    )  # fmt: skip


def test_totals_stack_their_facts_one_a_line() -> None:
    assert stacked("Exports: $1.00bn", _facts(), "en", 3) == [
        "Exports: $1.00bn",
        FACT_MARK + "up for the 3rd month in a row",
    ]


@pytest.mark.parametrize(
    "facts,lang,expected",
    [
        (_facts(flow="balance", value=-587.2, basis="customs"), "en",
         "a deficit of $587.2mn (exports minus imports)"),
        (_facts(flow="balance", value=-587.2, basis="customs"), "ko",
         "5.9억 달러 적자 (수출−수입)"),
        (_facts(yoy=35.4, basis="customs", computed=True), "en", "$1.00bn, +35.4% (computed)"),
    ],
)  # fmt: skip
def test_figure_parts(facts: MonthFacts, lang: str, expected: str) -> None:
    assert figure_parts(facts, lang)[0] == expected


def test_the_customs_note_can_be_left_to_the_title() -> None:
    facts = _facts(yoy=35.4, basis="customs", computed=True)
    assert figure_parts(facts, "en", note_computed=False)[0] == "$1.00bn, +35.4%"


def test_an_item_shows_the_other_level_only_when_it_has_none() -> None:
    customs = Figure("2021-01", "customs", 1609.959, None, "kcs")
    digest = Digest("2021-01", "release")
    growth_only = _facts("displays", value=None, yoy=2.4, other=customs)
    assert series_line(digest, growth_only, "en").startswith("• Displays: +2.4% (customs: $1.61bn)")
    both = _facts("displays", value=1600.0, yoy=2.4, other=customs)
    assert "customs" not in series_line(digest, both, "en")


def test_order_growth_first_then_levels_largest_first_then_neither() -> None:
    lines = [_facts("a", yoy=-3.0), _facts("b", value=50.0, yoy=None),
             _facts("c", yoy=9.0), _facts("d", value=None, yoy=None),
             _facts("e", value=900.0, yoy=None)]  # fmt: skip
    ordered = [f.key.product for f in sorted(lines, key=order_key)]
    assert ordered == ["c", "a", "e", "b", "d"]


def test_a_sub_item_sits_under_its_item_or_alone_without_it() -> None:
    semis, chips = _facts("semiconductors", yoy=21.7), _facts("system_chips", yoy=16.0)
    digest = Digest("2021-01", "release", items=[chips, semis])
    assert [line[:18] for line in item_lines(digest, "en")] == [
        "• Semiconductors: ",
        "  ◦ System chips: ",
    ]
    alone = Digest("2021-01", "release", items=[chips])
    assert item_lines(alone, "en")[0].startswith("• System chips: $1.00bn, +16.0%")
