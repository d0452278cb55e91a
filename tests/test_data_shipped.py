"""Shipped dataset upgrades: a store built from an older package picks up the newer one on open.

An "older package" is the shipped dataset with its newest months, their sources and one
alias taken out (or one figure changed), written to a temporary folder; the store built
from it is then opened with the real shipped dataset, as after `pip install -U`. Every
figure compared comes from the shipped CSV.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from kortrade.data.outbox import detect_new_releases
from kortrade.data.series import SeriesKey
from kortrade.data.shipped import SHIPPED_FILES, load_dataset
from kortrade.data.store import DATASET_DIR, Store, open_store

Rows = list[dict[str, str]]
HEADLINE = SeriesKey("export")


def _read(path: Path) -> Rows:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: Rows) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


@dataclass
class Older:
    """A dataset folder as an older package shipped it, and what the current one adds."""

    folder: Path
    new_months: list[str]
    new_rows: Rows
    new_sources: set[str]
    alias_slug: str
    alias: str


def _copy_dataset(folder: Path) -> Path:
    folder.mkdir()
    for name in SHIPPED_FILES:
        shutil.copyfile(DATASET_DIR / name, folder / name)
    return folder


def _older(folder: Path, months: int = 2) -> Older:
    """The shipped dataset without its newest `months` headline months and one alias."""
    rows = _read(DATASET_DIR / "trade_monthly.csv")
    headline = sorted(
        {
            r["period"]
            for r in rows
            if (r["flow"], r["product"], r["partner"]) == ("export", "all", "world")
        }
    )
    new_months = headline[-months:]
    kept = [r for r in rows if r["period"] not in new_months]
    dropped = [r for r in rows if r["period"] in new_months]
    flash = _read(DATASET_DIR / "flash.csv")
    flash_kept = [r for r in flash if r["period"] not in new_months]
    cited = {r["source"] for r in kept} | {r["source"] for r in flash_kept}
    new_sources = {r["source"] for r in dropped} - cited
    names = _read(DATASET_DIR / "names.csv")
    row = next(n for n in names if n["aliases_en"].count("|") >= 1)
    *aliases, alias = row["aliases_en"].split("|")
    row["aliases_en"] = "|".join(aliases)
    _copy_dataset(folder)
    _write(folder / "trade_monthly.csv", kept)
    _write(folder / "flash.csv", flash_kept)
    _write(folder / "names.csv", names)
    sources = _read(DATASET_DIR / "sources.csv")
    _write(folder / "sources.csv", [s for s in sources if s["id"] not in new_sources])
    return Older(folder, new_months, dropped, new_sources, row["slug"], alias)


def _ingest_count(store: Store) -> int:
    return store.db.execute("SELECT count(*) FROM ingests").fetchone()[0]


@pytest.fixture
def older(tmp_path: Path) -> Older:
    return _older(tmp_path / "older-dataset")


@pytest.fixture
def old_store_path(older: Older, tmp_path: Path) -> Path:
    """A store as the older package built it."""
    path = tmp_path / "store" / "kortrade.db"
    open_store(path, dataset_dir=older.folder).close()
    return path


def test_older_store_really_lacks_what_the_new_dataset_adds(
    older: Older, old_store_path: Path
) -> None:
    store = open_store(old_store_path, dataset_dir=older.folder)
    try:
        assert store.latest_period() < older.new_months[0]
        alias_row = next(n for n in store.names() if n["slug"] == older.alias_slug)
        assert older.alias not in alias_row["aliases_en"].split("|")
        assert all(store.source(s) is None for s in older.new_sources)
    finally:
        store.close()


def test_opening_with_a_newer_dataset_loads_new_aliases_sources_and_months(
    older: Older, old_store_path: Path, dataset_rows: Rows
) -> None:
    store = open_store(old_store_path)  # the real shipped dataset, as after an upgrade
    try:
        assert store.names() == _read(DATASET_DIR / "names.csv")
        assert all(store.source(s) is not None for s in older.new_sources)
        for row in older.new_rows:
            key = SeriesKey(row["flow"], row["product"], row["partner"])
            figure = getattr(store.series(key), row["basis"])[row["period"]]
            assert figure.value_usd_mn == (
                float(row["value_usd_mn"]) if row["value_usd_mn"] else None
            )
            assert figure.source == row["source"]
        assert store.latest_period() == older.new_months[-1]
        last = store.db.execute(
            "SELECT origin, added, revised, unchanged, new_periods FROM ingests "
            "WHERE origin = 'trade_monthly.csv' ORDER BY id DESC LIMIT 1"
        ).fetchone()
        assert last == (
            "trade_monthly.csv",
            len(older.new_rows),
            0,
            len(dataset_rows) - len(older.new_rows),
            json.dumps(older.new_months),
        )
    finally:
        store.close()


def test_opening_an_upgraded_store_again_writes_nothing(old_store_path: Path, db_sha256) -> None:
    open_store(old_store_path).close()
    store = open_store(old_store_path)
    try:
        ingests, digest = _ingest_count(store), db_sha256(store)
    finally:
        store.close()
    store = open_store(old_store_path)
    try:
        assert (_ingest_count(store), db_sha256(store)) == (ingests, digest)
    finally:
        store.close()


def test_newly_shipped_months_are_announced_by_the_alerts_job(
    older: Older, old_store_path: Path
) -> None:
    """The running bot's alerts job sees the upgrade's ingest like any other one."""
    store = open_store(old_store_path, dataset_dir=older.folder)
    try:
        assert detect_new_releases(store) == []  # the baseline: history is not announced
        assert load_dataset(store, DATASET_DIR).files == (
            "names.csv",
            "sources.csv",
            "trade_monthly.csv",
            "flash.csv",
        )
        assert detect_new_releases(store) == older.new_months
    finally:
        store.close()


def _older_title(folder: Path) -> None:
    sources = _read(DATASET_DIR / "sources.csv")
    sources[0]["title"] += " (draft)"  # metadata, not a figure: any older wording will do
    _write(folder / "sources.csv", sources)


@pytest.mark.parametrize("changed", SHIPPED_FILES)
def test_only_the_file_that_changed_is_loaded(
    tmp_path: Path, older: Older, store: Store, dataset_rows: Rows, changed: str
) -> None:
    """Names or sources alone change no figure and add no ingest; the figures file does."""
    folder = _copy_dataset(tmp_path / "one-file-older")
    if changed == "sources.csv":
        _older_title(folder)
    else:
        shutil.copyfile(older.folder / changed, folder / changed)
    path = tmp_path / "one" / "kortrade.db"
    open_store(path, dataset_dir=folder).close()
    upgraded = open_store(path)
    try:
        # A build ingests the two figure files; an upgrade of one of them adds one more.
        figures = ("trade_monthly.csv", "flash.csv")
        assert _ingest_count(upgraded) == (3 if changed in figures else 2)
        assert load_dataset(upgraded, DATASET_DIR).files == ()
        assert upgraded.names() == store.names()
        first = _read(DATASET_DIR / "sources.csv")[0]
        assert upgraded.source(first["id"]) == store.source(first["id"]) == first
        assert upgraded.series(HEADLINE) == store.series(HEADLINE)
        current = upgraded.db.execute("SELECT count(*) FROM figures WHERE is_current = 1")
        assert current.fetchone()[0] == len(dataset_rows)
    finally:
        upgraded.close()


def test_a_changed_shipped_figure_is_a_revision_that_keeps_the_old_vintage(
    tmp_path: Path, dataset_rows: Rows
) -> None:
    folder = _copy_dataset(tmp_path / "older")
    rows = [dict(r) for r in dataset_rows]
    index = next(i for i, r in enumerate(rows) if r["flow"] == "import" and r["value_usd_mn"])
    shipped = rows[index]
    probe = float(shipped["value_usd_mn"]) + 1  # a probe, not a figure: any older value will do
    rows[index] = dict(shipped, value_usd_mn=repr(probe))
    _write(folder / "trade_monthly.csv", rows)
    path = tmp_path / "store" / "kortrade.db"
    open_store(path, dataset_dir=folder).close()
    store = open_store(path)
    try:
        key = SeriesKey(shipped["flow"], shipped["product"], shipped["partner"])
        figure = getattr(store.series(key), shipped["basis"])[shipped["period"]]
        assert figure.value_usd_mn == float(shipped["value_usd_mn"])
        assert figure.revised_from is not None and figure.revised_from.value_usd_mn == probe
        last = store.db.execute(
            "SELECT added, revised, unchanged, new_periods FROM ingests ORDER BY id DESC LIMIT 1"
        ).fetchone()
        assert last == (0, 1, len(rows) - 1, "[]")
    finally:
        store.close()


def _spoiled_newer(folder: Path, dataset_rows: Rows) -> tuple[Path, int]:
    """A newer dataset with one more alias and one invalid figure row; returns its line."""
    _copy_dataset(folder)
    names = _read(DATASET_DIR / "names.csv")
    names[0]["aliases_en"] += "|an alias only this broken package ships"
    _write(folder / "names.csv", names)
    rows = [dict(r) for r in dataset_rows]
    rows[5]["flow"] = "exprt"
    _write(folder / "trade_monthly.csv", rows)
    return folder, 5 + 2  # header is line 1, rows[0] line 2


def test_a_failed_upgrade_leaves_the_store_unchanged_usable_and_warns_once(
    store: Store, tmp_path: Path, dataset_rows: Rows, db_sha256, caplog: pytest.LogCaptureFixture
) -> None:
    newer, line = _spoiled_newer(tmp_path / "newer", dataset_rows)
    names, before = store.names(), db_sha256(store)
    caplog.set_level(logging.INFO)
    reopened = open_store(store.path, dataset_dir=newer)
    try:
        warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
        assert len(warnings) == 1
        assert f"line {line}: unknown flow 'exprt'" in warnings[0].getMessage()
        assert "unchanged" in warnings[0].getMessage()
        assert db_sha256(reopened) == before
        assert reopened.names() == names  # the new alias was rolled back with the figures
        assert reopened.latest_period() == store.latest_period()
    finally:
        reopened.close()


def test_a_store_from_before_digests_were_recorded_loads_once_and_changes_no_figure(
    store: Store, dataset_rows: Rows
) -> None:
    store.db.execute("DELETE FROM meta")
    figures = store.db.execute("SELECT count(*) FROM figures").fetchone()[0]
    loaded = load_dataset(store, DATASET_DIR)
    assert loaded.files == SHIPPED_FILES
    assert loaded.report is not None
    assert (loaded.report.added, loaded.report.revised, loaded.report.unchanged) == (
        0,
        0,
        len(dataset_rows),
    )
    assert loaded.report.new_periods == ()
    assert store.db.execute("SELECT count(*) FROM figures").fetchone()[0] == figures
    assert load_dataset(store, DATASET_DIR).files == ()


_OPEN = """
import sys
from kortrade.data.store import open_store
open_store(sys.argv[1]).close()
"""


def test_two_processes_opening_an_outdated_store_upgrade_it_once(
    old_store_path: Path, older: Older
) -> None:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _OPEN, str(old_store_path)],
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(2)
    ]
    errors = [proc.communicate(timeout=60)[1] for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], errors
    assert not any("WARNING" in err for err in errors), errors
    store = open_store(old_store_path)
    try:
        news = store.db.execute(
            "SELECT new_periods FROM ingests WHERE origin = 'trade_monthly.csv' ORDER BY id"
        ).fetchall()
        assert len(news) == 2  # the old package's build, then one upgrade
        assert json.loads(news[-1][0]) == older.new_months
        flash = store.db.execute("SELECT count(*) FROM ingests WHERE origin = 'flash.csv'")
        assert flash.fetchone()[0] == 2  # the older flash file, then the newer one, once
    finally:
        store.close()
