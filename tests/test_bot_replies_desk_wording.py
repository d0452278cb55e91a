"""Replies a desk can use: each ranking row's basis when the list mixes bases, an HS code by
partner with its "other countries" bucket and the total, and a stopped series called a gap."""

from __future__ import annotations

from kortrade.answer import answer
from kortrade.bot.replies.phrases import money
from kortrade.bot.replies.ranks import rank_text
from kortrade.data.facts import MonthFacts, month_facts
from kortrade.data.series import SeriesKey
from kortrade.data.store import Store
from kortrade.intents import Vocabulary
from kortrade.resolve.outcomes import RankOutcome


def _facts(partner: str, value: float, basis: str) -> MonthFacts:
    return MonthFacts(
        key=SeriesKey("export", "all", partner),
        period="2025-03",
        value_usd_mn=value,
        yoy_pct=5.0,
        yoy_computed=basis == "customs",
        basis=basis,
        source="src",
        published_on=None,
        revised_from=None,
    )


NAMES = Vocabulary.from_rows(
    [
        {"slug": "china", "kind": "partner", "en": "China", "ko": "중국"},
        {"slug": "japan", "kind": "partner", "en": "Japan", "ko": "일본"},
        {"slug": "export", "kind": "flow", "en": "exports", "ko": "수출"},
    ]
)


def test_a_ranking_that_mixes_bases_names_each_rows_basis() -> None:
    outcome = RankOutcome(
        "export",
        "partner",
        "value",
        "2025-03",
        ranked=(_facts("china", 10_000.0, "release"), _facts("japan", 2_000.0, "customs")),
    )
    text = rank_text(outcome, NAMES, "en")
    assert "China: $10.00bn (+5.0%) — preliminary release" in text
    assert "Japan: $2.00bn (+5.0%) — customs final" in text


def test_a_ranking_of_one_basis_does_not_repeat_it_on_every_row() -> None:
    outcome = RankOutcome(
        "export", "partner", "value", "2025-03", ranked=(_facts("china", 10_000.0, "release"),)
    )
    assert "preliminary release" not in rank_text(outcome, NAMES, "en")


def test_hs_8542_by_country_shows_the_other_countries_and_the_total(shipped_store: Store) -> None:
    reply = answer("chip exports by country", store=shipped_store)
    period = reply.extra["period"]
    assert isinstance(period, str)
    others = month_facts(shipped_store.series(SeriesKey("export", "hs8542", "others")), period)
    world = month_facts(shipped_store.series(SeriesKey("export", "hs8542", "world")), period)
    assert others is not None and world is not None
    assert others.level_usd_mn is not None and world.level_usd_mn is not None
    assert f"Other countries: {money(others.level_usd_mn)}" in reply.text
    assert f"Total, all partners: {money(world.level_usd_mn)}" in reply.text


def test_a_series_that_stopped_is_a_gap_not_not_yet(shipped_store: Store) -> None:
    from kortrade.months import add_months, months_between
    from kortrade.resolve import store_view

    newest = shipped_store.series(SeriesKey("export")).last
    assert newest is not None
    stopped = [
        key
        for key in shipped_store.series_keys(flow="import", partner="world")
        if key.product not in ("all",)
        and (last := shipped_store.series(key).last)
        and months_between(last, newest) > 6
    ]
    assert stopped, "the shipped data has no stopped import series: choose a new scenario"
    key = stopped[0]
    last = shipped_store.series(key).last
    assert last is not None
    asked = add_months(last, 6)
    name = store_view(shipped_store).vocabulary.name(key.product, "en")
    reply = answer(f"{name} imports {asked}", store=shipped_store)
    assert "end in" in reply.text.splitlines()[0]
    assert "yet" not in reply.text.splitlines()[0]
    assert "yet" not in reply.text.splitlines()[0]


def test_chips_share_by_partner_is_hs_8542_and_says_so(shipped_store: Store) -> None:
    part = shipped_store.series(SeriesKey("export", "hs8542", "china"))
    whole = shipped_store.series(SeriesKey("export", "hs8542", "world"))
    both = sorted(set(part.customs) & set(whole.customs))
    month = both[-1]
    part_level = part.customs[month].value_usd_mn
    whole_level = whole.customs[month].value_usd_mn
    assert part_level is not None and whole_level
    reply = answer("what percent of chip exports go to china", store=shipped_store)
    assert reply.kind == "share"
    assert f"{part_level / whole_level * 100:.1f}%" in reply.text
    assert "HS 8542" in reply.text.splitlines()[0]
    assert "narrower" in reply.text


def test_a_desk_reply_names_the_words_it_did_not_understand_at_the_top(
    shipped_store: Store,
) -> None:
    reply = answer("when did exports last fall flibbertigibbet", store=shipped_store)
    first, second = reply.text.splitlines()[:2]
    assert "flibbertigibbet" in first
    assert second.startswith("Exports last fell in ")


def test_a_ranking_by_share_states_each_rows_share_of_the_total(shipped_store: Store) -> None:
    reply = answer("which items have the biggest share of exports", store=shipped_store)
    period = reply.extra["period"]
    assert isinstance(period, str)
    total = month_facts(shipped_store.series(SeriesKey("export")), period)
    chips = month_facts(shipped_store.series(SeriesKey("export", "semiconductors")), period)
    assert total is not None and chips is not None
    assert total.level_usd_mn and chips.level_usd_mn and total.level_basis == chips.level_basis
    share = chips.level_usd_mn / total.level_usd_mn * 100
    assert f"{share:.1f}% of the total" in reply.text
    assert f"Total, all goods: {money(total.level_usd_mn)}" in reply.text


def test_when_it_last_happened_says_how_long_ago(shipped_store: Store) -> None:
    from kortrade.months import months_between

    reply = answer("when did exports last fall", store=shipped_store)
    last = shipped_store.series(SeriesKey("export")).last
    assert last is not None
    first = reply.text.splitlines()[0]
    month = first.split(" in ", 1)[1].split(":")[0]  # "May 2025"
    from kortrade.bot.replies.phrases import month_name

    period = next(
        p for p in shipped_store.series(SeriesKey("export")).periods if month_name(p) == month
    )
    assert f"{months_between(period, last)} months before {month_name(last)}" in first


def test_since_when_over_a_span_reads_its_last_month_and_says_so(shipped_store: Store) -> None:
    from kortrade.bot.replies.phrases import month_name

    periods = shipped_store.series(SeriesKey("export")).periods
    last_of_2025 = max(p for p in periods if p.startswith("2025"))
    first = answer("exports 2025 highest since when", store=shipped_store).text.splitlines()[0]
    assert first.startswith(f"“Since when” is read for one month: {month_name(last_of_2025)}")


def test_also_stated_rows_of_one_basis_name_it_once() -> None:
    outcome = RankOutcome(
        "export",
        "partner",
        "value",
        "2025-03",
        ranked=(_facts("china", 10_000.0, "release"),),
        others=(_facts("japan", 2_000.0, "customs"),),
    )
    text = rank_text(outcome, NAMES, "en")
    assert "Also stated: Japan $2.00bn (+5.0%) (customs final)." in text
