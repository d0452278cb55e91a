"""build_digest: which series a month's digest covers, read from the shipped store, and
the balance history completed with customs balances."""

from __future__ import annotations

from pathlib import Path

import pytest
from data_facts import NEW_MONTH, balance_gap

from kortrade.data.digest import MAJOR_ITEMS, REGIONS, SUB_ITEMS, build_digest
from kortrade.data.facts import month_facts
from kortrade.data.ingest import ingest_rows
from kortrade.data.news import newsworthy
from kortrade.data.series import SeriesKey
from kortrade.data.store import Store
from kortrade.months import months_between

SEED = (Path(__file__).parent / "fixtures" / "seed-release-2021-01.txt").read_text(encoding="utf-8")


def _rows(dataset_rows: list[dict[str, str]], period: str, **match: str) -> list[dict[str, str]]:
    return [
        r
        for r in dataset_rows
        if r["period"] == period and all(r[k] == v for k, v in match.items())
    ]


def test_totals_answer_with_the_release_figures(
    shipped_store: Store, dataset_rows: list[dict[str, str]]
) -> None:
    digest = build_digest(shipped_store, "2021-01")
    assert digest.kind == "release"
    assert set(digest.totals) == {"export", "import", "balance", "export_daily_avg"}
    for flow, facts in digest.totals.items():
        (row,) = _rows(dataset_rows, "2021-01", flow=flow, product="all", partner="world",
                       basis="release")  # fmt: skip
        assert facts.value_usd_mn == float(row["value_usd_mn"])
        assert facts.yoy_pct == (float(row["yoy_pct"]) if row["yoy_pct"] else None)
    assert digest.previous_export is not None and digest.previous_export.period == "2020-12"


def test_items_and_partners_are_those_with_a_figure_that_month(
    shipped_store: Store, dataset_rows: list[dict[str, str]]
) -> None:
    digest = build_digest(shipped_store, "2021-01")
    rows = _rows(dataset_rows, "2021-01", flow="export")
    items = {r["product"] for r in rows if r["partner"] == "world"} - {"all"}
    items = {p for p in items if not p.startswith("hs")}
    partners = {r["partner"] for r in rows if r["product"] == "all"} - {"world"}
    assert {f.key.product for f in digest.items} == items
    # The digest follows the release's regions; other countries are topic lines only.
    assert {f.key.partner for f in digest.partners} == partners & set(REGIONS)
    assert {f.key.partner for f in digest.countries} == partners - set(REGIONS)
    assert digest.topic_facts("germany") is not None
    assert digest.missing_items == [slug for slug in MAJOR_ITEMS if slug not in items]
    assert digest.missing_partners == [slug for slug in REGIONS if slug not in partners]
    assert "computers" in digest.missing_items  # the seed talks about it; the data has no row


def test_sources_resolve_to_publishers(shipped_store: Store) -> None:
    digest = build_digest(shipped_store, "2021-01")
    shown = {f.source for f in [*digest.totals.values(), *digest.items, *digest.partners]}
    assert shown <= {ref.id for ref in digest.sources}
    assert all(ref.publisher for ref in digest.sources)
    assert any(ref.url and ref.url.startswith("http") for ref in digest.sources)


def test_names_come_from_the_vocabulary(shipped_store: Store) -> None:
    digest = build_digest(shipped_store, "2021-01")
    assert digest.name("semiconductors") == "semiconductors"
    assert digest.name("semiconductors", "ko") == "반도체"
    assert digest.name("united_states", "ko") == "미국"


@pytest.mark.parametrize(
    "period,kind",
    [("2021-01", "release"), ("1995-03", "customs"), ("1980-01", "none"), (NEW_MONTH, "none")],
)
def test_kind_says_release_customs_only_or_nothing(
    shipped_store: Store, period: str, kind: str
) -> None:
    digest = build_digest(shipped_store, period)
    assert digest.kind == kind
    if kind == "customs":
        assert digest.totals["export"].yoy_computed
    if kind == "none":
        assert digest.coverage == shipped_store.coverage(SeriesKey("export"))


def test_topic_facts_finds_an_item_or_partner_line(shipped_store: Store) -> None:
    digest = build_digest(shipped_store, "2021-01")
    semis = digest.topic_facts("semiconductors")
    china = digest.topic_facts("china")
    assert semis is not None and semis.key == SeriesKey("export", "semiconductors")
    assert china is not None and china.key == SeriesKey("export", "all", "china")
    assert digest.topic_facts("computers") is None


def test_a_revised_release_figure_keeps_what_it_replaced(store: Store) -> None:
    before = build_digest(store, "2021-01").totals["export"]
    revised = {
        "period": "2021-01", "flow": "export", "product": "all", "partner": "world",
        "value_usd_mn": "48100", "yoy_pct": "11.6", "basis": "release",
        "source": before.source, "published_on": "2021-02-15",
    }  # fmt: skip
    ingest_rows(store, [revised], origin="test")
    after = build_digest(store, "2021-01").totals["export"]
    assert (after.value_usd_mn, after.yoy_pct) == (48100.0, 11.6)
    assert after.revised_from is not None
    assert after.revised_from.value_usd_mn == before.value_usd_mn


def _customs_balances(dataset_rows: list[dict[str, str]]) -> dict[str, float]:
    """Customs exports minus customs imports, month by month, straight from the CSV."""
    levels: dict[tuple[str, str], float] = {}
    for r in dataset_rows:
        if (r["basis"], r["product"], r["partner"]) == ("customs", "all", "world"):
            levels[(r["period"], r["flow"])] = float(r["value_usd_mn"])
    return {
        period: value - levels[(period, "import")]
        for (period, flow), value in levels.items()
        if flow == "export" and (period, "import") in levels
    }


@pytest.mark.parametrize("period", ["1995-06", "2008-10", "2015-01", balance_gap()])
def test_a_customs_month_has_the_customs_balance(
    shipped_store: Store, dataset_rows: list[dict[str, str]], period: str
) -> None:
    assert not _rows(dataset_rows, period, flow="balance")  # no balance row stored
    balance = build_digest(shipped_store, period).totals["balance"]
    assert balance.basis == "customs"
    assert balance.value_usd_mn == pytest.approx(_customs_balances(dataset_rows)[period])


def test_balance_streaks_reach_back_through_customs_history(
    shipped_store: Store, dataset_rows: list[dict[str, str]]
) -> None:
    """April 2020's deficit: the release history alone began in November 2018 ("at least
    18 months"); customs balances find the last deficit month, counted here by hand."""
    balances = _customs_balances(dataset_rows)
    last = max(p for p, v in balances.items() if p < "2020-04" and v < 0)
    expected = months_between(last, "2020-04")
    facts = build_digest(shipped_store, "2020-04").totals["balance"]
    (first,) = [f for f in facts.firsts if f.kind == "deficit"]
    assert (first.months, first.at_least, first.last) == (expected, False, last)


def test_the_release_balance_still_answers_the_headline(
    shipped_store: Store, dataset_rows: list[dict[str, str]]
) -> None:
    (row,) = _rows(dataset_rows, "2021-01", flow="balance")
    balance = build_digest(shipped_store, "2021-01").totals["balance"]
    assert (balance.basis, balance.value_usd_mn) == ("release", float(row["value_usd_mn"]))
    surplus = balance.streak("surplus")
    assert surplus is not None and surplus.months == 9  # seed: "in black for nine months"
    assert "nine months in a row" in SEED


def test_lines_carry_only_newsworthy_facts(shipped_store: Store) -> None:
    digest = build_digest(shipped_store, "2026-01")
    dropped = 0
    for line in [*digest.totals.values(), *digest.items, *digest.partners]:
        if line.key.flow == "balance":
            continue  # its history is completed with customs balances: tested above
        raw = month_facts(shipped_store.series(line.key), "2026-01")
        assert raw is not None and line.facts == newsworthy(raw)
        dropped += len(raw.facts) - len(line.facts)
    assert dropped > 0


def test_hs_codes_are_their_own_lines(
    shipped_store: Store, dataset_rows: list[dict[str, str]]
) -> None:
    digest = build_digest(shipped_store, "2021-01")
    (row,) = _rows(dataset_rows, "2021-01", product="hs8542", partner="world")
    (hs,) = digest.hs
    assert hs.value_usd_mn == float(row["value_usd_mn"])
    assert digest.topic_facts("hs8542") is hs
    assert all(not f.key.product.startswith("hs") for f in digest.items)


def test_spans_say_where_each_line_has_figures(
    shipped_store: Store, dataset_rows: list[dict[str, str]]
) -> None:
    digest = build_digest(shipped_store, "1995-06")
    key = ("export", "semiconductors", "world")
    semis = sorted(
        r["period"] for r in dataset_rows if (r["flow"], r["product"], r["partner"]) == key
    )
    assert digest.spans["semiconductors"] == (semis[0], semis[-1])
    assert "china" in digest.spans and "hs8542" in digest.spans


def test_sub_items_name_known_items_under_a_major_item(shipped_store: Store) -> None:
    kinds = {row["slug"]: row["kind"] for row in shipped_store.names()}
    for sub, parent in SUB_ITEMS.items():
        assert kinds.get(sub) == "item", sub
        assert parent in MAJOR_ITEMS, parent


def test_the_release_layout_has_15_major_items_and_9_regions_all_in_the_vocabulary() -> None:
    import csv

    from kortrade.data.digest import MAJOR_ITEMS, REGIONS, SUB_ITEMS
    from kortrade.data.store import DATASET_DIR

    with (DATASET_DIR / "names.csv").open(encoding="utf-8") as handle:
        kinds = {row["slug"]: row["kind"] for row in csv.DictReader(handle)}
    assert (len(MAJOR_ITEMS), len(REGIONS)) == (15, 9)  # the ministry's release tables
    assert {kinds.get(slug) for slug in (*MAJOR_ITEMS, *SUB_ITEMS)} == {"item"}
    assert {kinds.get(slug) for slug in REGIONS} == {"partner"}
    assert set(SUB_ITEMS.values()) <= set(MAJOR_ITEMS)
