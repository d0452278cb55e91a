"""Flash figures (first 10 / 20 days of a month) and which vintage of a figure answers."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from kortrade.cli import main
from kortrade.data.ingest import IngestError, ingest_file, ingest_rows
from kortrade.data.series import SeriesKey
from kortrade.data.store import DATASET_DIR, Store

Rows = list[dict[str, str]]


@pytest.fixture(scope="module")
def flash_rows() -> Rows:
    with open(DATASET_DIR / "flash.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: Rows) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _headline(rows: Rows) -> Rows:
    return [
        r for r in rows if (r["flow"], r["product"], r["partner"]) == ("export", "all", "world")
    ]


def test_the_shipped_store_holds_every_flash_row_apart_from_the_months(
    shipped_store: Store, flash_rows: Rows, dataset_rows: Rows
) -> None:
    db = shipped_store.db
    assert db.execute("SELECT count(*) FROM flash_figures WHERE is_current = 1").fetchone()[0] == (
        len(flash_rows)
    )
    # Never mixed into the monthly figures: those are exactly trade_monthly.csv's rows.
    assert db.execute("SELECT count(*) FROM figures WHERE is_current = 1").fetchone()[0] == (
        len(dataset_rows)
    )


def test_flash_reads_back_each_span_with_growth_and_working_days(
    shipped_store: Store, flash_rows: Rows
) -> None:
    stored = shipped_store.flash(SeriesKey("export"))
    for row in _headline(flash_rows):
        figure = stored[(row["period"], int(row["days"]))]
        assert figure.value_usd_mn == (float(row["value_usd_mn"]) if row["value_usd_mn"] else None)
        assert figure.yoy_pct == (float(row["yoy_pct"]) if row["yoy_pct"] else None)
        assert figure.working_days == (float(row["working_days"]) if row["working_days"] else None)
        assert figure.source == row["source"]
    assert len(stored) == len(_headline(flash_rows))


def test_a_month_of_flash_figures_is_no_month_of_the_series(
    shipped_store: Store, flash_rows: Rows, dataset_rows: Rows
) -> None:
    months = {r["period"] for r in _headline(dataset_rows)}
    flash_only = sorted({r["period"] for r in flash_rows} - months)
    series = shipped_store.series(SeriesKey("export"))
    assert all(p not in series.release and p not in series.customs for p in flash_only)


def test_a_bad_flash_row_is_rejected_with_its_line_and_nothing_changes(
    store: Store, flash_rows: Rows, tmp_path: Path, db_sha256: Callable[[Store], str]
) -> None:
    rows = [dict(r) for r in flash_rows[:5]]
    rows[2]["days"] = "15"
    rows[3]["partner"] = "atlantis"
    before = db_sha256(store)
    with pytest.raises(IngestError) as caught:
        ingest_file(store, _write(tmp_path / "flash_bad.csv", rows))
    assert caught.value.errors == [
        "line 4: days '15' is not 10 or 20 (the first 10 or 20 days)",
        "line 5: unknown partner 'atlantis'",
    ]
    assert db_sha256(store) == before


def test_a_flash_file_is_recognised_by_its_header_and_reingesting_changes_nothing(
    store: Store, flash_rows: Rows, tmp_path: Path
) -> None:
    path = _write(tmp_path / "first_20_days.csv", flash_rows[:40])
    report = ingest_file(store, path)
    assert (report.added, report.revised, report.unchanged) == (0, 0, 40)


def test_a_later_published_flash_revises_and_an_earlier_one_is_kept_as_history(
    store: Store, flash_rows: Rows, tmp_path: Path
) -> None:
    row = next(r for r in _headline(flash_rows) if r["value_usd_mn"] and r["published_on"])
    key = (row["period"], int(row["days"]))
    later = dict(row, value_usd_mn="1.5", published_on="2099-01-01")
    report = ingest_file(store, _write(tmp_path / "later.csv", [later]))
    assert report.revised == 1
    assert store.flash(SeriesKey("export"))[key].value_usd_mn == 1.5
    earlier = dict(row, value_usd_mn="2.5", published_on="2000-01-01")
    report = ingest_file(store, _write(tmp_path / "earlier.csv", [earlier]))
    assert (report.added, report.revised, report.older) == (0, 0, 1)
    assert store.flash(SeriesKey("export"))[key].value_usd_mn == 1.5
    again = ingest_file(store, _write(tmp_path / "earlier-again.csv", [earlier]))
    assert (again.older, again.unchanged) == (0, 1)


def test_kortrade_ingest_takes_a_flash_file(
    flash_rows: Rows, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path / "flash.csv", flash_rows[:3])
    assert main(["ingest", str(path)]) == 0
    assert "unchanged 3" in capsys.readouterr().out


# -- which vintage answers: the newest publication date, then the later ingest -------------


def _figure_row(dataset_rows: Rows) -> dict[str, str]:
    return next(
        dict(r)
        for r in dataset_rows
        if r["basis"] == "release" and r["published_on"] and r["value_usd_mn"]
    )


def _current(store: Store, row: dict[str, str]) -> float | None:
    series = store.series(SeriesKey(row["flow"], row["product"], row["partner"]))
    return getattr(series, row["basis"])[row["period"]].value_usd_mn


def test_a_row_published_later_replaces_the_stored_figure(store: Store, dataset_rows: Rows) -> None:
    row = _figure_row(dataset_rows)
    report = ingest_rows(store, [dict(row, value_usd_mn="1.25", published_on="2099-12-31")],
                         origin="later")  # fmt: skip
    assert report.revised == 1 and _current(store, row) == 1.25


def test_a_row_published_earlier_never_overrides_a_later_one(
    store: Store, dataset_rows: Rows
) -> None:
    """A shipped upgrade carrying an old vintage cannot undo a user's newer figure."""
    row = _figure_row(dataset_rows)
    stored = float(row["value_usd_mn"])
    report = ingest_rows(store, [dict(row, value_usd_mn="9.5", published_on="2001-01-01")],
                         origin="older")  # fmt: skip
    assert (report.added, report.revised, report.older) == (0, 0, 1)
    assert _current(store, row) == stored
    assert "kept as history" in report.summary()


def test_on_equal_dates_the_later_ingest_wins(store: Store, dataset_rows: Rows) -> None:
    row = _figure_row(dataset_rows)
    report = ingest_rows(store, [dict(row, value_usd_mn="7.75")], origin="same day")
    assert report.revised == 1 and _current(store, row) == 7.75
