"""The package ships the compiled dataset as it is, and takes a new one only once checked."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from kortrade.data.dataset_sync import COMPILED_FILES, SHARED_DIR, differing, main, sync
from kortrade.data.store import DATASET_DIR
from kortrade.errors import UserError


@pytest.mark.skipif(not SHARED_DIR.is_dir(), reason="no compiled dataset beside this checkout")
def test_the_package_ships_the_compiled_dataset_unchanged() -> None:
    """Fails when ../shared/data has grown: run `make dataset` and let the tests show what
    the new rows change."""
    assert differing() == []


def _folders(tmp_path: Path) -> tuple[Path, Path]:
    shared, package = tmp_path / "shared", tmp_path / "package"
    shutil.copytree(DATASET_DIR, package)
    shared.mkdir()
    for name in COMPILED_FILES:
        shutil.copyfile(DATASET_DIR / name, shared / name)
    return shared, package


def test_a_new_row_is_copied_after_the_check(tmp_path: Path) -> None:
    shared, package = _folders(tmp_path)
    rows = list(csv.reader((shared / "flash.csv").open(encoding="utf-8")))
    with (shared / "flash.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows[:-1])  # an edit, still valid
    assert sync(shared, package) == ["flash.csv"]
    assert differing(shared, package) == []


def test_a_row_with_an_unknown_slug_is_refused_with_its_line_and_nothing_copied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared, package = _folders(tmp_path)
    text = (shared / "trade_monthly.csv").read_text(encoding="utf-8").splitlines()
    period, flow, _, *rest = text[1].split(",")
    text.append(",".join([period, flow, "bananas", *rest]))
    (shared / "trade_monthly.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    before = (package / "trade_monthly.csv").read_bytes()
    with pytest.raises(UserError, match=rf"line {len(text)}: unknown product 'bananas'"):
        sync(shared, package)
    assert (package / "trade_monthly.csv").read_bytes() == before
    assert main([str(shared)]) == 1
    assert "unknown product 'bananas'" in capsys.readouterr().err
