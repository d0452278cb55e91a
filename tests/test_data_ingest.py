"""Ingest: a bad batch is rejected whole, naming its lines; a good one adds, revises or skips.

A sources file given with the figures (`sources=`) is checked line by line and loaded in the
same transaction, so figures may cite it and an error in either file writes nothing.

Every figure here comes from the shipped CSV (`dataset_rows`); bad files are real rows
with one field spoiled, so each case shows exactly which mistake is caught.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from data_facts import NEW_SOURCE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kortrade.data.ingest import (
    COLUMNS,
    HEADLINE,
    IngestError,
    IngestReport,
    ingest_file,
    ingest_rows,
    read_sources,
)
from kortrade.data.series import BASES, FLOWS, SeriesKey
from kortrade.data.store import DATASET_DIR, Store, open_store
from kortrade.data.validate import SOURCE_COLUMNS

Rows = list[dict[str, str]]


def _csv_text(rows: Rows, header: list[str] | tuple[str, ...] = COLUMNS) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return out.getvalue()


def _write(tmp_path: Path, rows: Rows, header: list[str] | tuple[str, ...] = COLUMNS) -> Path:
    path = tmp_path / "figures.csv"
    path.write_text(_csv_text(rows, header), encoding="utf-8")
    return path


def _sample(dataset_rows: Rows) -> Rows:
    """Six real rows: headline release figures of 2021-01 and hs8542 customs levels."""
    headline = [r for r in dataset_rows if r["period"] == "2021-01" and r["basis"] == "release"]
    hs = [r for r in dataset_rows if r["period"] == "2021-01" and r["product"] == "hs8542"]
    return [r for r in headline if r["product"] == "all" and r["partner"] == "world"][:3] + hs[:3]


# Each case spoils the third data row (file line 4) of `_sample`, or the header (line 1).
BAD_ROW = 2
BAD_LINE = BAD_ROW + 2


def _set(column: str, value: str) -> Callable[[Rows], None]:
    def spoil(rows: Rows) -> None:
        rows[BAD_ROW][column] = value

    return spoil


def _duplicate(rows: Rows) -> None:
    rows.insert(BAD_ROW + 1, dict(rows[BAD_ROW]))


@pytest.mark.parametrize(
    "spoil,line,expected",
    [
        (_set("period", "2021-13"), BAD_LINE, "period '2021-13' is not a real month"),
        (_set("period", "2021-1"), BAD_LINE, "period '2021-1' is not a real month"),
        (_set("flow", "exports"), BAD_LINE, "unknown flow 'exports' (did you mean 'export'?)"),
        (_set("basis", "final"), BAD_LINE, "unknown basis 'final'"),
        (
            _set("product", "semiconductor"),
            BAD_LINE,
            "unknown product 'semiconductor' (did you mean 'semiconductors'?)",
        ),
        (
            _set("product", "hs8"),
            BAD_LINE,
            "unknown product 'hs8' (an HS code is 'hs' and 2 to 10 digits)",
        ),
        (_set("partner", "chna"), BAD_LINE, "unknown partner 'chna' (did you mean 'china'?)"),
        (_set("value_usd_mn", "nan"), BAD_LINE, "value_usd_mn 'nan' is not a finite number"),
        (_set("yoy_pct", "inf"), BAD_LINE, "yoy_pct 'inf' is not a finite number"),
        (_set("yoy_pct", "abc"), BAD_LINE, "yoy_pct 'abc' is not a number"),
        (_set("value_usd_mn", "-1"), BAD_LINE, "value_usd_mn -1 is negative"),
        (_set("yoy_pct", "-101"), BAD_LINE, "yoy_pct -101 is below -100"),
        (_duplicate, BAD_LINE + 1, f"duplicate of line {BAD_LINE}"),
        (_set("source", "my-notes"), BAD_LINE, "unknown source 'my-notes'"),
        (_set("source", ""), BAD_LINE, "source is empty"),
        (_set("published_on", "2021-02-30"), BAD_LINE, "published_on '2021-02-30' is not a real"),
        (_set("published_on", "20210201"), BAD_LINE, "published_on '20210201' is not a real"),
        (
            lambda rows: rows[BAD_ROW].update(value_usd_mn="", yoy_pct=""),
            BAD_LINE,
            "value_usd_mn and yoy_pct are both empty",
        ),
    ],
)
def test_bad_row_is_rejected_with_its_line_and_store_unchanged(
    store: Store, dataset_rows: Rows, tmp_path: Path, db_sha256, spoil, line, expected
) -> None:
    rows = _sample(dataset_rows)
    spoil(rows)
    path = _write(tmp_path, rows)
    before = db_sha256(store)
    with pytest.raises(IngestError) as caught:
        ingest_file(store, path)
    assert f"line {line}: {expected}" in str(caught.value)
    assert "nothing was ingested" in str(caught.value)
    assert db_sha256(store) == before


@pytest.mark.parametrize(
    "header,expected",
    [
        (
            [c if c != "yoy_pct" else "yoy" for c in COLUMNS],
            "line 1: missing column yoy_pct; unknown column 'yoy'",
        ),
        ([c for c in COLUMNS if c != "source"], "line 1: missing column source"),
        ([*COLUMNS, "note"], "line 1: unknown column 'note'"),
        ([*COLUMNS, "flow"], "line 1: column flow given twice"),
    ],
)
def test_bad_header_names_the_column(
    store: Store, dataset_rows: Rows, tmp_path: Path, db_sha256, header, expected
) -> None:
    path = _write(tmp_path, _sample(dataset_rows), header)
    before = db_sha256(store)
    with pytest.raises(IngestError, match="^" + expected.replace("(", r"\(")):
        ingest_file(store, path)
    assert db_sha256(store) == before


@pytest.mark.parametrize(
    "content,expected",
    [
        (b"", "figures.csv is empty"),
        (b"\n  \n", "figures.csv is empty"),
        (",".join(COLUMNS).encode() + b"\n", "figures.csv has a header but no figures"),
        (b"period,flow\n2021-01,export\xff\n", "not UTF-8 text (line 2: byte 0xff)"),
    ],
)
def test_unusable_file_is_rejected_with_a_clear_message(
    store: Store, tmp_path: Path, db_sha256, content: bytes, expected: str
) -> None:
    path = tmp_path / "figures.csv"
    path.write_bytes(content)
    before = db_sha256(store)
    with pytest.raises(IngestError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        ingest_file(store, path)
    assert db_sha256(store) == before


def test_non_utf8_byte_is_located_by_line(
    store: Store, dataset_rows: Rows, tmp_path: Path, db_sha256
) -> None:
    data = _csv_text(_sample(dataset_rows)).encode("utf-8").splitlines(keepends=True)
    data[BAD_LINE - 1] = data[BAD_LINE - 1].replace(b",release,", b",rel\xe9ase,")  # latin-1 é
    path = tmp_path / "figures.csv"
    path.write_bytes(b"".join(data))
    before = db_sha256(store)
    with pytest.raises(IngestError, match=f"not UTF-8 text \\(line {BAD_LINE}: byte 0xe9\\)"):
        ingest_file(store, path)
    assert db_sha256(store) == before


def test_missing_file_is_a_clear_error(store: Store, tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="cannot read"):
        ingest_file(store, tmp_path / "absent.csv")


def test_row_with_wrong_field_count_is_named(
    store: Store, dataset_rows: Rows, tmp_path: Path
) -> None:
    lines = _csv_text(_sample(dataset_rows)).splitlines()
    lines[BAD_LINE - 1] = lines[BAD_LINE - 1].rsplit(",", 1)[0]
    path = tmp_path / "figures.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(IngestError, match=f"line {BAD_LINE}: expected 9 fields, found 8"):
        ingest_file(store, path)


def test_many_errors_are_counted_and_the_first_twenty_listed(
    store: Store, dataset_rows: Rows, tmp_path: Path, db_sha256
) -> None:
    rows = [dict(row, flow="exprt") for row in dataset_rows[:25]]
    before = db_sha256(store)
    with pytest.raises(IngestError) as caught:
        ingest_file(store, _write(tmp_path, rows))
    lines = str(caught.value).splitlines()
    assert lines[0] == "25 errors in figures.csv; nothing was ingested:"
    assert lines[1].strip().startswith("line 2: unknown flow 'exprt'")
    assert lines[-1].strip() == "... and 5 more"
    assert len(caught.value.errors) == 20
    assert caught.value.total == 25
    assert db_sha256(store) == before


def test_blank_lines_and_comma_only_lines_are_skipped(
    store: Store, dataset_rows: Rows, tmp_path: Path
) -> None:
    rows = [r for r in dataset_rows if r["period"] == "2021-01"]
    text = _csv_text(rows).replace("\n", "\n\n", 3) + ",,,,,,,,\n\n"
    path = tmp_path / "figures.csv"
    path.write_text(text, encoding="utf-8")
    report = ingest_file(store, path)
    assert (report.added, report.revised, report.unchanged) == (0, 0, len(rows))


def test_utf8_bom_and_columns_in_any_order_are_accepted(
    store: Store, dataset_rows: Rows, tmp_path: Path
) -> None:
    rows = [r for r in dataset_rows if r["period"] == "2021-01"]
    path = tmp_path / "figures.csv"
    path.write_bytes(b"\xef\xbb\xbf" + _csv_text(rows, list(reversed(COLUMNS))).encode())
    assert ingest_file(store, path).unchanged == len(rows)


def test_reingesting_the_shipped_file_changes_nothing(store: Store, dataset_rows: Rows) -> None:
    from kortrade.data.store import DATASET_DIR

    before = store.db.execute("SELECT count(*) FROM figures").fetchone()[0]
    report = ingest_file(store, DATASET_DIR / "trade_monthly.csv")
    assert (report.added, report.revised, report.unchanged) == (0, 0, len(dataset_rows))
    assert report.new_periods == ()
    assert store.db.execute("SELECT count(*) FROM figures").fetchone()[0] == before


def test_changed_figure_becomes_a_new_vintage_and_the_old_one_is_kept(
    store: Store, dataset_rows: Rows, tmp_path: Path
) -> None:
    original = next(r for r in dataset_rows if r["period"] == "2021-01" and r["flow"] == "import")
    revised_value = float(original["value_usd_mn"]) + 1  # a probe, not a figure: any change
    rows = [dict(original, value_usd_mn=repr(revised_value))]
    report = ingest_file(store, _write(tmp_path, rows))
    assert (report.added, report.revised, report.unchanged) == (0, 1, 0)
    key = (original["flow"], original["product"], original["partner"], original["basis"])
    vintages = store.db.execute(
        "SELECT value_usd_mn, is_current FROM figures WHERE flow = ? AND product = ? "
        "AND partner = ? AND basis = ? AND period = '2021-01' ORDER BY id",
        key,
    ).fetchall()
    assert vintages == [(float(original["value_usd_mn"]), 0), (revised_value, 1)]


def test_ingest_report_summary_and_ingests_row_record_new_months(
    store: Store, dataset_rows: Rows, tmp_path: Path
) -> None:
    last = max(r["period"] for r in dataset_rows if r["flow"] == "export" and r["product"] == "all")
    month = [r for r in dataset_rows if r["period"] == last]
    store.db.execute("DELETE FROM figures WHERE period = ?", [last])
    report = ingest_file(store, _write(tmp_path, month))
    assert report.new_periods == (last,)
    assert report.summary() == (
        f"added {len(month)}, revised 0, unchanged 0 (periods {last}; new months: {last})"
    )
    row = store.db.execute(
        "SELECT origin, added, revised, unchanged, first_period, last_period, new_periods "
        "FROM ingests WHERE id = ?",
        [report.ingest_id],
    ).fetchone()
    assert row == ("figures.csv", len(month), 0, 0, last, last, json.dumps([last]))


def test_month_already_known_under_the_other_basis_is_not_new(
    store: Store, dataset_rows: Rows, tmp_path: Path
) -> None:
    """The release arriving for a month whose customs level is stored is no new month."""
    release = next(
        r
        for r in dataset_rows
        if (r["flow"], r["product"], r["partner"], r["basis"], r["period"])
        == ("export", "all", "world", "release", "2021-01")
    )
    store.db.execute(
        "DELETE FROM figures WHERE flow = 'export' AND product = 'all' AND partner = 'world' "
        "AND basis = 'release' AND period = '2021-01'"
    )
    report = ingest_file(store, _write(tmp_path, [release]))
    assert (report.added, report.new_periods) == (1, ())
    assert report.summary().endswith("(periods 2021-01; new months: none)")


def test_ingest_rows_accepts_typed_values_and_names_rows(store: Store, dataset_rows: Rows) -> None:
    row = next(r for r in dataset_rows if r["yoy_pct"] == "" and r["value_usd_mn"])
    typed = dict(row, value_usd_mn=float(row["value_usd_mn"]), yoy_pct=None, published_on=None)
    report = ingest_rows(store, [typed], origin="api")
    assert (report.added, report.revised, report.unchanged) == (0, 0, 1)
    with pytest.raises(IngestError, match=r"^api: row 2: unknown flow 'exprt'"):
        ingest_rows(store, [typed, dict(typed, flow="exprt")], origin="api")
    with pytest.raises(IngestError, match="row 1: missing column basis"):
        ingest_rows(store, [{k: v for k, v in typed.items() if k != "basis"}], origin="api")


def test_ingest_rows_with_no_rows_writes_nothing(store: Store, db_sha256) -> None:
    before = db_sha256(store)
    assert ingest_rows(store, [], origin="api") == IngestReport("api", 0, 0, 0)
    assert db_sha256(store) == before


@pytest.mark.parametrize("product", ["hs85", "hs8542310000"])
def test_any_hs_code_declares_itself_as_a_product(
    store: Store, dataset_rows: Rows, tmp_path: Path, product: str
) -> None:
    row = next(r for r in dataset_rows if r["product"] == "hs8542")
    assert ingest_file(store, _write(tmp_path, [dict(row, product=product)])).added == 1


# -- property: whatever valid batch goes in, going in again changes nothing --------------

_PERIODS = st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(1990, 2030), st.integers(1, 12))
_NUMBERS = st.floats(min_value=0, max_value=1e7, allow_nan=False, allow_infinity=False)
_GROWTH = st.floats(min_value=-100, max_value=1e4, allow_nan=False, allow_infinity=False)


@st.composite
def _batches(draw: st.DrawFn, partners: list[str], sources: list[str]) -> Rows:
    keys = draw(
        st.lists(
            st.tuples(
                st.sampled_from(FLOWS),
                st.sampled_from(["all", "semiconductors", "hs8542", "hs01"]),
                st.sampled_from(partners),
                st.sampled_from(BASES),
                _PERIODS,
            ),
            min_size=1,
            max_size=40,
            unique=True,
        )
    )
    rows = []
    for flow, product, partner, basis, period in keys:
        value = draw(st.none() | _NUMBERS)
        yoy = draw(_GROWTH if value is None else st.none() | _GROWTH)
        published = draw(st.none() | st.dates().map(lambda d: d.isoformat()))
        rows.append(
            {
                "period": period,
                "flow": flow,
                "product": product,
                "partner": partner,
                "value_usd_mn": "" if value is None else repr(value),
                "yoy_pct": "" if yoy is None else repr(yoy),
                "basis": basis,
                "source": draw(st.sampled_from(sources)),
                "published_on": published or "",
            }
        )
    return rows


_PARTNERS = ["world", "china", "others"]
_SOURCES = ["kcs-newtrade", "kcs-nitemtrade-8542"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=_batches(_PARTNERS, _SOURCES))
def test_reingesting_any_valid_batch_reports_all_unchanged(
    _pristine_store_file: Path, tmp_path_factory: pytest.TempPathFactory, batch: Rows
) -> None:
    folder = tmp_path_factory.mktemp("prop")
    shutil.copyfile(_pristine_store_file, folder / "kortrade.db")
    store = open_store(folder / "kortrade.db")
    try:
        path = _write(folder, batch)
        first = ingest_file(store, path)
        assert first.added + first.revised + first.unchanged + first.older == len(batch)
        again = ingest_file(store, path)
        assert (again.added, again.revised, again.unchanged) == (0, 0, len(batch))
        row = batch[0]
        figure = getattr(
            store.series(SeriesKey(row["flow"], row["product"], row["partner"])), row["basis"]
        )[row["period"]]
        value = float(row["value_usd_mn"]) if row["value_usd_mn"] else None
        if not first.older:  # a row published before the stored one is history only
            assert figure.value_usd_mn == value
    finally:
        store.close()


def test_bulk_load_rebuilds_the_period_index(
    store: Store, dataset_rows: Rows, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch larger than the table drops the period index and builds it again at the end."""
    from kortrade.data import ingest

    monkeypatch.setattr(ingest, "_BULK_ROWS", 1)
    store.db.execute("DELETE FROM figures")
    report = ingest_file(store, _write(tmp_path, dataset_rows))
    assert report.added == len(dataset_rows)
    indexes = {row[0] for row in store.db.execute("SELECT name FROM sqlite_master")}
    assert {"figures_period", "figures_current", "figures_history"} <= indexes
    plan = store.db.execute(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM figures WHERE period = '2021-01'"
    ).fetchall()
    assert "figures_period" in str(plan)


def test_bulk_load_rebuilds_every_index_exactly_as_it_was(
    store: Store, dataset_rows: Rows, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kortrade.data import ingest

    def indexes() -> list[tuple[str, str]]:
        return store.db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'figures' "
            "ORDER BY name"
        ).fetchall()

    before = indexes()
    monkeypatch.setattr(ingest, "_BULK_ROWS", 1)
    store.db.execute("DELETE FROM figures")
    ingest_file(store, _write(tmp_path, dataset_rows))
    assert indexes() == before
    row = dataset_rows[0]
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):  # figures_current is back
        store.db.execute(
            "INSERT INTO figures (flow, product, partner, basis, period, source, is_current) "
            "VALUES (?, ?, ?, ?, ?, ?, 1)",
            [row[c] for c in ("flow", "product", "partner", "basis", "period", "source")],
        )


def test_a_source_removed_after_the_rows_were_checked_is_still_refused(
    store: Store, dataset_rows: Rows, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's per-row reference checks are off for the load, so ingest checks sources."""
    from kortrade.data.validate import Validator

    store.db.table("sources").insert(NEW_SOURCE)
    checked = Validator.raise_errors

    def then_remove_the_source(self: Validator, origin: str) -> None:
        checked(self, origin)
        store.db.execute("DELETE FROM sources WHERE id = ?", [NEW_SOURCE["id"]])

    monkeypatch.setattr(Validator, "raise_errors", then_remove_the_source)
    counts = "SELECT (SELECT count(*) FROM figures), (SELECT count(*) FROM ingests)"
    before = store.db.execute(counts).fetchone()
    with pytest.raises(IngestError, match="unknown source 'motie-press-probe'"):
        ingest_rows(store, [_citing_new_source(dataset_rows)], origin="api")
    assert store.db.execute(counts).fetchone() == before
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1  # enforced again


def test_ingest_while_another_writer_holds_the_store_is_a_clear_error(
    store: Store, dataset_rows: Rows, tmp_path: Path, db_sha256
) -> None:
    import sqlite3

    row = next(r for r in dataset_rows if r["flow"] == "import" and r["value_usd_mn"])
    path = _write(tmp_path, [dict(row, value_usd_mn=repr(float(row["value_usd_mn"]) + 1))])
    before = db_sha256(store)
    store.db.execute("PRAGMA busy_timeout = 50")
    writer = sqlite3.connect(store.path)
    writer.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(IngestError, match="the store is busy"):
            ingest_file(store, path)
    finally:
        writer.rollback()
        writer.close()
    assert db_sha256(store) == before
    assert ingest_file(store, path).revised == 1  # and it works once the other is done


# -- summary -------------------------------------------------------------------------------


def _headline_months(rows: Rows) -> list[str]:
    return sorted(
        {r["period"] for r in rows if (r["flow"], r["product"], r["partner"]) == HEADLINE}
    )


@pytest.mark.parametrize("count", [1, 2, 6])
def test_summary_lists_a_few_new_months(dataset_rows: Rows, count: int) -> None:
    months = tuple(_headline_months(dataset_rows)[-count:])
    report = IngestReport("figures.csv", 1, 0, 0, months, months)
    assert report.summary().endswith(f"new months: {', '.join(months)})")


@pytest.mark.parametrize("count", [7, 100])
def test_summary_gives_many_new_months_as_a_count_and_span(dataset_rows: Rows, count: int) -> None:
    months = tuple(_headline_months(dataset_rows)[:count])
    summary = IngestReport("figures.csv", 1, 0, 0, months, months).summary()
    assert summary.endswith(f"new months: {count} ({months[0]}..{months[-1]}))")
    assert months[1] not in summary


def test_first_build_logs_one_short_line_for_all_its_months(
    tmp_path: Path, dataset_rows: Rows, caplog: pytest.LogCaptureFixture
) -> None:
    months = _headline_months(dataset_rows)
    caplog.set_level("INFO", logger="kortrade.data.store")
    open_store(tmp_path / "kortrade.db").close()
    built = next(r.getMessage() for r in caplog.records if r.getMessage().startswith("built "))
    assert f"new months: {len(months)} ({months[0]}..{months[-1]})" in built
    assert len(built) < 300


# -- sources loaded with the figures ---------------------------------------------------------


def _sources_file(tmp_path: Path, rows: Rows, header: tuple[str, ...] = SOURCE_COLUMNS) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    path = tmp_path / "sources.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _citing_new_source(dataset_rows: Rows) -> dict[str, str]:
    row = next(r for r in dataset_rows if r["flow"] == "import" and r["value_usd_mn"])
    return dict(row, source=NEW_SOURCE["id"])


def test_figures_may_cite_a_source_defined_in_the_same_call(
    store: Store, dataset_rows: Rows, tmp_path: Path
) -> None:
    row = _citing_new_source(dataset_rows)
    figures = _write(tmp_path, [row])
    with pytest.raises(IngestError, match="unknown source 'motie-press-probe'"):
        ingest_file(store, figures)
    report = ingest_file(store, figures, sources=_sources_file(tmp_path, [NEW_SOURCE]))
    assert (report.added, report.revised, report.sources) == (0, 1, 1)
    assert report.summary().endswith("; sources loaded: 1")
    assert store.source(NEW_SOURCE["id"]) == NEW_SOURCE
    key = SeriesKey(row["flow"], row["product"], row["partner"])
    assert getattr(store.series(key), row["basis"])[row["period"]].source == NEW_SOURCE["id"]


def test_a_known_source_id_is_updated_not_duplicated(
    store: Store, dataset_rows: Rows, tmp_path: Path
) -> None:
    row = dataset_rows[0]
    shipped = store.source(row["source"])
    retitled = dict(shipped, title=shipped["title"] + " (retitled)")
    report = ingest_file(
        store, _write(tmp_path, [row]), sources=_sources_file(tmp_path, [retitled])
    )
    assert (report.unchanged, report.sources) == (1, 1)
    assert store.source(row["source"]) == retitled
    count = store.db.execute("SELECT count(*) FROM sources WHERE id = ?", [row["source"]])
    assert count.fetchone()[0] == 1


def _source_set(column: str, value: str) -> Callable[[Rows], None]:
    def spoil(rows: Rows) -> None:
        rows[1][column] = value

    return spoil


@pytest.mark.parametrize(
    "spoil,expected",
    [
        (_source_set("id", ""), "line 3: id is empty"),
        (_source_set("id", " motie-press-probe"), "line 3: id ' motie-press-probe' has spaces"),
        (
            _source_set("id", "kcs-newtrade"),
            "line 3: duplicate id 'kcs-newtrade' (first on line 2)",
        ),
        (_source_set("publisher", " "), "line 3: publisher is empty"),
        (_source_set("url", "www.motie.go.kr"), "line 3: url 'www.motie.go.kr' is not an http(s)"),
        (_source_set("url", "ftp://motie.go.kr/x"), "line 3: url 'ftp://motie.go.kr/x' is not"),
        (_source_set("url", "javascript:alert(1)"), "line 3: url 'javascript:alert(1)' is not"),
    ],
)
def test_bad_sources_line_is_named_and_nothing_is_written(
    store: Store, dataset_rows: Rows, tmp_path: Path, db_sha256, spoil, expected
) -> None:
    shipped = store.source("kcs-newtrade")
    rows = [dict(shipped, title=shipped["title"] + " (retitled)"), dict(NEW_SOURCE)]
    spoil(rows)
    before = db_sha256(store)
    with pytest.raises(IngestError) as caught:
        ingest_file(
            store,
            _write(tmp_path, [_citing_new_source(dataset_rows)]),
            sources=_sources_file(tmp_path, rows),
        )
    assert str(caught.value).startswith(f"sources.csv: {expected}")
    assert "nothing was ingested" in str(caught.value)
    assert db_sha256(store) == before


@pytest.mark.parametrize(
    "content,expected",
    [
        ("", "sources.csv is empty: expected a header line (id,publisher,title,url,via)"),
        ("id,publisher,title,url,via\n", "sources.csv has a header but no sources"),
        ("id,title,url,via\nx,t,,\n", "sources.csv: line 1: missing column publisher"),
        ("id,publisher,title,url,via\nx,p,t,\n", "line 2: expected 5 fields, found 4"),
    ],
)
def test_unusable_sources_file_is_rejected_with_a_clear_message(
    store: Store, dataset_rows: Rows, tmp_path: Path, db_sha256, content: str, expected: str
) -> None:
    path = tmp_path / "sources.csv"
    path.write_text(content, encoding="utf-8")
    before = db_sha256(store)
    with pytest.raises(IngestError) as caught:
        ingest_file(store, _write(tmp_path, dataset_rows[:1]), sources=path)
    assert expected in str(caught.value)
    assert db_sha256(store) == before


def test_a_bad_figure_rolls_back_the_sources_given_with_it(
    store: Store, dataset_rows: Rows, tmp_path: Path, db_sha256
) -> None:
    row = dict(_citing_new_source(dataset_rows), flow="exprt")
    before = db_sha256(store)
    with pytest.raises(IngestError, match="line 2: unknown flow 'exprt'"):
        ingest_file(store, _write(tmp_path, [row]), sources=_sources_file(tmp_path, [NEW_SOURCE]))
    assert store.source(NEW_SOURCE["id"]) is None
    assert db_sha256(store) == before


def test_the_shipped_sources_file_passes_the_same_checks() -> None:
    with open(DATASET_DIR / "sources.csv", encoding="utf-8", newline="") as handle:
        assert read_sources(DATASET_DIR / "sources.csv") == list(csv.DictReader(handle))
