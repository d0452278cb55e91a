"""What the store holds, said once: coverage per basis, series spans with their gaps."""

from __future__ import annotations

import csv

import pytest

from kortrade.bot.replies.about import about_text
from kortrade.cli import main
from kortrade.data.coverage import coverage
from kortrade.data.digest import REGIONS
from kortrade.data.store import DATASET_DIR, Store
from kortrade.intents.vocabulary import Vocabulary
from kortrade.months import months_between

Rows = list[dict[str, str]]


def test_headline_coverage_per_basis_follows_the_csv(shipped_store: Store, dataset_rows: Rows):
    cover = coverage(shipped_store)
    for basis, span in cover.headline.items():
        months = sorted(
            r["period"]
            for r in dataset_rows
            if (r["flow"], r["product"], r["partner"], r["basis"])
            == ("export", "all", "world", basis)
        )
        assert (span.first, span.last, span.months) == (months[0], months[-1], len(months))


def test_a_series_counts_the_months_missing_between_its_first_and_last(
    shipped_store: Store, dataset_rows: Rows
):
    cover = coverage(shipped_store)
    chips = next(s for s in cover.items if s.slug == "semiconductors")
    chips_key = ("export", "semiconductors", "world")
    months = {
        r["period"] for r in dataset_rows if (r["flow"], r["product"], r["partner"]) == chips_key
    }
    assert chips.months == len(months)
    assert chips.missing == months_between(min(months), max(months)) + 1 - len(months)


def test_regions_countries_imports_and_flash_are_told_apart(shipped_store: Store):
    cover = coverage(shipped_store)
    assert [s.slug for s in cover.regions] == [r for r in REGIONS if r in
                                               {s.slug for s in cover.regions}]  # fmt: skip
    assert not {s.slug for s in cover.countries} & set(REGIONS)
    assert {"crude_oil", "gas", "coal", "energy"} <= {s.slug for s in cover.imports}
    with open(DATASET_DIR / "flash.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    twenty = {r["period"] for r in rows if r["days"] == "20" and r["flow"] == "export"
              and r["product"] == "all" and r["partner"] == "world"}  # fmt: skip
    assert cover.flash[20].months == len(twenty)


@pytest.mark.parametrize("lang,first", [("en", "What I have: "), ("ko", "보유 자료: ")])
def test_about_text_fits_one_message_and_says_no_figure_is_filled_in(
    shipped_store: Store, lang: str, first: str
):
    text = about_text(coverage(shipped_store), Vocabulary.from_rows(shipped_store.names()), lang)
    assert text.startswith(first) and len(text) <= 4096
    assert ("no figure is estimated" in text) or ("추정하거나 채우지 않습니다" in text)


def test_kortrade_about_prints_the_coverage(capsys: pytest.CaptureFixture[str]):
    assert main(["about"]) == 0
    out = capsys.readouterr().out
    assert "Customs first-20-days flash" in out and "Import items: " in out
