"""The column-wise fast path of CSV validation: it accepts exactly what the per-row checker
accepts, with the same rows, and hands every file it does not accept to that checker.

The per-row checker is reached through `Validator.check_dicts` (the same loop); files are
the shipped CSV's real rows, with one thing changed per case.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest

from kortrade.data import validate_columns
from kortrade.data.store import Store
from kortrade.data.validate import COLUMNS, IngestError, Validator
from kortrade.data.validate_columns import clean_rows, csv_lines

Rows = list[dict[str, str]]


def _text(rows: Rows, header: tuple[str, ...] | list[str] = COLUMNS, end: str = "\n") -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=end)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row[column] for column in header])
    return out.getvalue()


def _per_row(store: Store, text: str) -> list[tuple[object, ...]]:
    """What the per-row checker makes of `text` (which must be valid)."""
    validator = Validator(store.db.conn, label="line")
    rows = validator.check_dicts(csv.DictReader(io.StringIO(text, newline="")))
    validator.raise_errors("per-row")
    return list(rows)


def _fast(store: Store, text: str, header: tuple[str, ...] | list[str] = COLUMNS) -> object:
    return clean_rows(Validator(store.db.conn, label="line"), text, list(header), 1)


def test_the_shipped_file_is_accepted_column_by_column_with_the_per_row_rows(
    shipped_store: Store, dataset_rows: Rows
) -> None:
    text = _text(dataset_rows)
    assert _fast(shipped_store, text) == _per_row(shipped_store, text)
    assert len(_per_row(shipped_store, text)) == len(dataset_rows)


@pytest.mark.parametrize(
    "make_text",
    [
        pytest.param(lambda rows: _text(rows, list(reversed(COLUMNS))), id="columns reordered"),
        pytest.param(lambda rows: _text(rows, end="\r\n"), id="CRLF line ends"),
        pytest.param(lambda rows: _text(rows) + ",,,,,,,,\n \n\n", id="blank tail skipped"),
        pytest.param(lambda rows: _text(rows).rstrip("\n"), id="no final newline"),
    ],
)
def test_ordinary_file_shapes_stay_on_the_fast_path(
    shipped_store: Store, dataset_rows: Rows, make_text: Callable[[Rows], str]
) -> None:
    text = make_text(dataset_rows[:300])
    header = next(csv.reader(io.StringIO(text)))
    assert _fast(shipped_store, text, header) == _per_row(shipped_store, _text(dataset_rows[:300]))


def test_blank_lines_before_the_header_stay_on_the_fast_path(
    shipped_store: Store, dataset_rows: Rows, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _text(dataset_rows[:50])
    expected = _per_row(shipped_store, text)

    def per_row_not_expected(self: Validator, records: object) -> None:
        raise AssertionError("the per-row checker ran")

    monkeypatch.setattr(Validator, "_check_records", per_row_not_expected)
    validator = Validator(shipped_store.db.conn, label="line")
    assert validator.check_csv("\n ,,\n" + text) == expected


def _balance(rows: Rows) -> dict[str, str]:
    return next(r for r in rows if r["flow"] == "balance" and r["value_usd_mn"])


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda rows: _balance(rows).update(value_usd_mn="-1234.5"), id="deficit"),
        pytest.param(lambda rows: _balance(rows).update(yoy_pct="-150.5"), id="balance growth"),
        pytest.param(lambda rows: rows[0].update(product="hs85423100"), id="new HS code"),
        pytest.param(lambda rows: rows[0].update(value_usd_mn="", yoy_pct="3.5"), id="no value"),
        pytest.param(lambda rows: rows[0].update(yoy_pct=""), id="no growth"),
    ],
)
def test_valid_values_the_per_row_checker_accepts_are_accepted_alike(
    shipped_store: Store, dataset_rows: Rows, change: Callable[[Rows], None]
) -> None:
    change(dataset_rows)
    text = _text(dataset_rows)
    assert _fast(shipped_store, text) == _per_row(shipped_store, text)


def _set(column: str, value: str) -> Callable[[Rows], None]:
    def spoil(rows: Rows) -> None:
        rows[5][column] = value

    return spoil


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(_set("period", "2021-13"), id="period"),
        pytest.param(_set("flow", "exports"), id="flow"),
        pytest.param(_set("product", "semiconductor"), id="product"),
        pytest.param(_set("partner", "chna"), id="partner"),
        pytest.param(_set("basis", "final"), id="basis"),
        pytest.param(_set("source", "my-notes"), id="source"),
        pytest.param(_set("published_on", "2021-02-30"), id="date"),
        pytest.param(_set("value_usd_mn", "abc"), id="not a number"),
        pytest.param(_set("value_usd_mn", "nan"), id="nan"),
        pytest.param(_set("yoy_pct", "inf"), id="inf"),
        pytest.param(_set("value_usd_mn", "1_000"), id="underscore"),
        pytest.param(lambda rows: rows[5].update(value_usd_mn="", yoy_pct=""), id="both empty"),
        pytest.param(lambda rows: rows[5].update(flow="export", value_usd_mn="-1"), id="negative"),
        pytest.param(lambda rows: rows[5].update(flow="import", yoy_pct="-101"), id="below -100"),
        pytest.param(lambda rows: rows.insert(9, dict(rows[5])), id="duplicate"),
        pytest.param(_set("partner", "wor\x00ld"), id="NUL"),
    ],
)
def test_any_problem_sends_the_file_to_the_per_row_checker(
    shipped_store: Store, dataset_rows: Rows, spoil: Callable[[Rows], None]
) -> None:
    rows = dataset_rows[:40]
    spoil(rows)
    text = _text(rows)
    assert _fast(shipped_store, text) is None
    with pytest.raises(IngestError):
        validator = Validator(shipped_store.db.conn, label="line")
        validator.check_csv(text)
        validator.raise_errors("figures.csv")


@pytest.mark.parametrize(
    "respell",
    [
        pytest.param(lambda text: text.replace(",export,", ',"export",'), id="quoted fields"),
        pytest.param(lambda text: text.replace("\n", "\r", 3), id="lone carriage returns"),
    ],
)
def test_quotes_and_lone_carriage_returns_are_left_to_the_csv_module(
    shipped_store: Store, dataset_rows: Rows, respell: Callable[[str], str]
) -> None:
    text = _text(dataset_rows[:40])
    respelled = respell(text)
    assert respelled != text
    assert _fast(shipped_store, respelled) is None
    validator = Validator(shipped_store.db.conn, label="line")
    assert validator.check_csv(respelled) == _per_row(shipped_store, text)


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda lines: lines.insert(6, ""), id="blank line in the middle"),
        pytest.param(
            lambda lines: (
                lines.__setitem__(4, lines[4] + ",x")
                or lines.__setitem__(8, lines[8].rsplit(",", 1)[0])
            ),
            id="a long line and a short one",
        ),
    ],
)
def test_irregular_lines_go_to_the_per_row_checker(
    shipped_store: Store, dataset_rows: Rows, edit: Callable[[list[str]], None]
) -> None:
    lines = _text(dataset_rows[:40]).split("\n")
    edit(lines)
    assert _fast(shipped_store, "\n".join(lines)) is None


def test_a_duplicate_in_a_later_block_is_caught(
    shipped_store: Store, dataset_rows: Rows, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(validate_columns, "_BLOCK_CHARS", 200)  # a few lines a block
    rows = dataset_rows[:60]
    assert _fast(shipped_store, _text(rows)) == _per_row(shipped_store, _text(rows))
    assert _fast(shipped_store, _text([*rows, dict(rows[0])])) is None


@pytest.mark.parametrize(
    "text",
    ["", "a", "a\n", "a\nb", "a\n\nb\n", "\n", 'a,"x\ny"\nb\n', "a\r\nb\rc\n", "a\r"],
)
def test_csv_lines_splits_as_stringio_does(text: str) -> None:
    assert list(csv_lines(text)) == list(io.StringIO(text, newline=""))
    assert list(csv.reader(csv_lines(text))) == list(csv.reader(io.StringIO(text, newline="")))
