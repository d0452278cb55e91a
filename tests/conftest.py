"""Shared fixtures: a store built from the shipped CSV through the real ingest path.

- `shipped_store` (session): built once by `open_store`, exactly as a first run builds it.
  Read-only by convention: write through `store` instead.
- `store` (function): a private copy of the freshly built file, cheap to make and free
  to write to.
- `dataset_rows`: the shipped `trade_monthly.csv` as dicts (csv module, strings as in
  the file), the ground truth tests compare the store with.
- `db_sha256`: a callable giving a store's file digest after folding its WAL in, to
  prove a rejected ingest changed nothing.
- autouse `_isolated_db_env`: points `KORTRADE_DB` and `XDG_DATA_HOME` at a per-test
  temporary folder, so no test ever touches a user's real store.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kortrade.data.store import DATASET_DIR, Store, open_store


@pytest.fixture(autouse=True)
def _isolated_db_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KORTRADE_DB", str(tmp_path / "env" / "kortrade.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


@pytest.fixture(scope="session")
def _pristine_store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store file as `open_store` first builds it, never opened for writing."""
    built = tmp_path_factory.mktemp("built") / "kortrade.db"
    open_store(built).close()
    pristine = tmp_path_factory.mktemp("pristine") / "kortrade.db"
    shutil.copyfile(built, pristine)
    return pristine


@pytest.fixture(scope="session")
def shipped_store(_pristine_store_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("shipped") / "kortrade.db"
    shutil.copyfile(_pristine_store_file, path)
    return open_store(path)


@pytest.fixture
def store(_pristine_store_file: Path, tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "store" / "kortrade.db"
    path.parent.mkdir()
    shutil.copyfile(_pristine_store_file, path)
    opened = open_store(path)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def _dataset_rows() -> list[dict[str, str]]:
    with open(DATASET_DIR / "trade_monthly.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def dataset_rows(_dataset_rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """A fresh list of fresh dicts, so a test may edit them freely."""
    return [dict(row) for row in _dataset_rows]


@pytest.fixture
def db_sha256() -> Callable[[Store], str]:
    def digest(store: Store) -> str:
        # Fold the WAL into the main file first: committed changes then show in its bytes,
        # whichever connection wrote them, and an untouched store hashes the same each time.
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return hashlib.sha256(store.path.read_bytes()).hexdigest()

    return digest
