"""The store: built from the shipped CSV on first open, read back series by series.

Expected values come from the shipped CSV (`dataset_rows`) or the seed release text
(2021-01), never typed in: the store must give back exactly what the dataset says.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kortrade.config import default_db_path
from kortrade.data.ingest import ingest_rows
from kortrade.data.series import Figure, SeriesKey
from kortrade.data.store import DATASET_DIR, Store, StoreError, open_store

Rows = list[dict[str, str]]
SEED = Path(__file__).resolve().parent / "fixtures" / "seed-release-2021-01.txt"


def _key(row: dict[str, str]) -> SeriesKey:
    return SeriesKey(row["flow"], row["product"], row["partner"])


def _number(text: str) -> float | None:
    return float(text) if text else None


def test_shipped_store_holds_exactly_the_csv_rows_as_current_figures(
    shipped_store: Store, dataset_rows: Rows
) -> None:
    counts = shipped_store.db.execute(
        "SELECT sum(is_current = 1), sum(is_current = 0) FROM figures"
    ).fetchone()
    assert counts == (len(dataset_rows), 0)


def test_every_csv_row_reads_back_unchanged_through_series(
    shipped_store: Store, dataset_rows: Rows
) -> None:
    for row in dataset_rows:
        figure = getattr(shipped_store.series(_key(row)), row["basis"])[row["period"]]
        assert (figure.value_usd_mn, figure.yoy_pct) == (
            _number(row["value_usd_mn"]),
            _number(row["yoy_pct"]),
        ), row
        assert (figure.source, figure.published_on) == (row["source"], row["published_on"] or None)
        assert figure.revised_from is None


@pytest.mark.parametrize("fast_slots", [True, False])
def test_series_figures_equal_figures_built_from_the_csv_rows(
    store: Store, dataset_rows: Rows, monkeypatch: pytest.MonkeyPatch, fast_slots: bool
) -> None:
    """Whether the store fills Figure's slots directly or calls its constructor (as it does
    when Figure's fields change), every field comes back, equal to the CSV's."""
    from kortrade.data import store as store_module

    if not fast_slots:
        monkeypatch.setattr(store_module, "_SLOTS", None)
    else:
        assert store_module._SLOTS is not None
    for row in dataset_rows:
        expected = Figure(
            row["period"], row["basis"], _number(row["value_usd_mn"]), _number(row["yoy_pct"]),
            row["source"], row["published_on"] or None,
        )  # fmt: skip
        assert getattr(store.series(_key(row)), row["basis"])[row["period"]] == expected


@pytest.mark.parametrize(
    "flow,billions_text,growth_text",
    [
        ("export", "to 48.01 billion", "advanced 11.4 percent"),
        ("import", "to 44.05 billion", "added 3.1 percent"),
    ],
)
def test_january_2021_release_matches_the_seed_release_text(
    shipped_store: Store, flow: str, billions_text: str, growth_text: str
) -> None:
    """The seed release is the ground truth for 2021-01: the store must say what it says."""
    seed = SEED.read_text(encoding="utf-8")
    figure = shipped_store.series(SeriesKey(flow)).release["2021-01"]
    assert f"{billions_text}" in seed and growth_text in seed
    assert f"to {figure.value_usd_mn / 1000:.2f} billion" == billions_text
    assert growth_text.endswith(f"{figure.yoy_pct} percent")


def test_series_splits_bases_and_orders_periods(shipped_store: Store, dataset_rows: Rows) -> None:
    series = shipped_store.series(SeriesKey("export"))
    for basis in ("release", "customs"):
        expected = sorted(
            r["period"]
            for r in dataset_rows
            if _key(r) == SeriesKey("export") and r["basis"] == basis
        )
        assert list(getattr(series, basis)) == expected


def test_unknown_series_is_empty_not_an_error(shipped_store: Store) -> None:
    key = SeriesKey("export", "hs0101", "world")
    assert not shipped_store.series(key)
    assert shipped_store.coverage(key) is None
    assert shipped_store.latest_period(key) is None


def test_latest_period_and_coverage_follow_the_csv(
    shipped_store: Store, dataset_rows: Rows
) -> None:
    periods = [r["period"] for r in dataset_rows if _key(r) == SeriesKey("export")]
    assert shipped_store.latest_period() == max(periods)
    assert shipped_store.coverage(SeriesKey("export")) == (min(periods), max(periods))


@pytest.mark.parametrize(
    "filters",
    [{}, {"flow": "import"}, {"product": "hs8542"}, {"partner": "china"}, {"flow": "balance"}],
)
def test_series_keys_lists_each_stored_series_once(
    shipped_store: Store, dataset_rows: Rows, filters: dict[str, str]
) -> None:
    expected = sorted(
        {
            (r["flow"], r["product"], r["partner"])
            for r in dataset_rows
            if all(r[column] == value for column, value in filters.items())
        }
    )
    keys = shipped_store.series_keys(**filters)
    assert [(k.flow, k.product, k.partner) for k in keys] == expected


def test_names_are_the_vocabulary_file_rows(shipped_store: Store) -> None:
    import csv

    with open(DATASET_DIR / "names.csv", encoding="utf-8", newline="") as handle:
        expected = list(csv.DictReader(handle))
    assert shipped_store.names() == expected


def test_source_is_looked_up_by_id(shipped_store: Store, dataset_rows: Rows) -> None:
    cited = dataset_rows[0]["source"]
    assert shipped_store.source(cited)["id"] == cited
    assert shipped_store.source("no-such-source") is None


def test_revision_is_read_as_the_new_value_with_revised_from(
    store: Store, dataset_rows: Rows
) -> None:
    row = next(r for r in dataset_rows if _key(r) == SeriesKey("import") and r["value_usd_mn"])
    first = float(row["value_usd_mn"]) + 1  # probes, not figures: any two changes will do
    second = first + 1
    ingest_rows(store, [dict(row, value_usd_mn=first)], origin="probe-1")
    ingest_rows(store, [dict(row, value_usd_mn=second)], origin="probe-2")
    figure = getattr(store.series(_key(row)), row["basis"])[row["period"]]
    assert figure.value_usd_mn == second
    assert figure.revised_from is not None
    assert figure.revised_from.value_usd_mn == first
    assert figure.revised_from.revised_from.value_usd_mn == float(row["value_usd_mn"])
    assert figure.revised_from.revised_from.revised_from is None


def test_series_is_cached_until_something_is_written(store: Store, dataset_rows: Rows) -> None:
    key = SeriesKey("import")
    cached = store.series(key)
    assert store.series(key) is cached
    row = next(r for r in dataset_rows if _key(r) == key and r["value_usd_mn"])
    ingest_rows(store, [dict(row, value_usd_mn=float(row["value_usd_mn"]) + 1)], origin="probe")
    assert store.series(key) is not cached
    fresh = getattr(store.series(key), row["basis"])[row["period"]]
    assert fresh.value_usd_mn == float(row["value_usd_mn"]) + 1


def test_a_write_by_another_connection_is_seen_without_reopening(
    store: Store, dataset_rows: Rows
) -> None:
    """A running bot sees a `kortrade ingest` from another process: PRAGMA data_version."""
    key = SeriesKey("import")
    row = next(r for r in dataset_rows if _key(r) == key and r["value_usd_mn"])
    before = getattr(store.series(key), row["basis"])[row["period"]]
    other = open_store(store.path)
    try:
        ingest_rows(other, [dict(row, value_usd_mn=before.value_usd_mn + 1)], origin="other")
    finally:
        other.close()
    after = getattr(store.series(key), row["basis"])[row["period"]]
    assert after.value_usd_mn == before.value_usd_mn + 1
    assert after.revised_from == before


def test_store_can_be_read_from_several_threads(shipped_store: Store) -> None:
    keys = shipped_store.series_keys()
    failures: list[BaseException] = []

    def read() -> None:
        try:
            for key in keys:
                shipped_store.series(key)
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_open_store_without_a_path_uses_the_default_and_creates_folders() -> None:
    store = open_store()
    try:
        assert store.path == default_db_path()
        assert store.path.exists()
    finally:
        store.close()


def test_first_build_leaves_no_temporary_files(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "kortrade.db"
    open_store(path).close()
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "kortrade.db",
        "kortrade.db.build-lock",
    ]


_OPEN_AND_COUNT = """
import sys
from kortrade.data.store import open_store
store = open_store(sys.argv[1])
figures = store.db.execute("SELECT count(*) FROM figures WHERE is_current = 1").fetchone()[0]
ingests = store.db.execute("SELECT count(*) FROM ingests").fetchone()[0]
print(figures, ingests)
"""


def test_two_processes_opening_a_missing_store_build_it_once(
    tmp_path: Path, dataset_rows: Rows
) -> None:
    path = tmp_path / "kortrade.db"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _OPEN_AND_COUNT, str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(2)
    ]
    outputs = [proc.communicate(timeout=60) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], outputs
    # Both see every figure, and the store holds one build's ingests (monthly and flash
    # files), not two builds'.
    assert [out.split() for out, _ in outputs] == [[str(len(dataset_rows)), "2"]] * 2


def test_threads_opening_a_missing_store_build_it_once(tmp_path: Path, dataset_rows: Rows) -> None:
    path = tmp_path / "kortrade.db"
    counts: list[tuple[int, int]] = []

    def open_and_count() -> None:
        store = open_store(path)
        counts.append(
            store.db.execute(
                "SELECT (SELECT count(*) FROM figures), (SELECT count(*) FROM ingests)"
            ).fetchone()
        )
        store.close()

    threads = [threading.Thread(target=open_and_count) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert counts == [(len(dataset_rows), 2)] * 3  # one build: the monthly and flash files


def test_zero_byte_file_is_built_like_a_missing_one(tmp_path: Path, dataset_rows: Rows) -> None:
    path = tmp_path / "kortrade.db"
    path.touch()
    store = open_store(path)
    try:
        count = store.db.execute("SELECT count(*) FROM figures").fetchone()[0]
        assert count == len(dataset_rows)
    finally:
        store.close()


def test_a_file_that_is_not_a_store_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 200, encoding="utf-8")
    with pytest.raises(StoreError, match=r"notes\.db is not a usable kortrade store"):
        open_store(path)
    assert path.read_text(encoding="utf-8").startswith("these are my notes")


def test_writes_to_other_tables_keep_the_series_cache(store: Store) -> None:
    """The alerts outbox writes often; that alone must not make every question reload."""
    key = SeriesKey("export")
    cached = store.series(key)
    store.db.execute("CREATE TABLE IF NOT EXISTS scratch (n INTEGER)")
    store.db.execute("INSERT INTO scratch VALUES (1)")
    assert store.series(key) is cached
