"""Schema: idempotent, WAL, foreign keys on, and series queries served by the partial index."""

from __future__ import annotations

import sqlite_utils

from kortrade.data import schema
from kortrade.data.store import Store, open_store


def test_ensure_schema_twice_writes_nothing(store: Store) -> None:
    before = store.db.conn.total_changes
    version = store.db.execute("PRAGMA schema_version").fetchone()[0]
    schema.ensure_schema(store.db)
    assert store.db.conn.total_changes == before
    assert store.db.execute("PRAGMA schema_version").fetchone()[0] == version


def test_store_uses_wal_and_enforces_foreign_keys(store: Store) -> None:
    assert store.db.journal_mode == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_series_lookup_uses_the_current_figures_index(store: Store) -> None:
    plan = store.db.execute(
        "EXPLAIN QUERY PLAN SELECT period FROM figures "
        "WHERE flow = 'export' AND product = 'all' AND partner = 'world' AND is_current = 1"
    ).fetchall()
    assert "figures_current" in " ".join(str(step) for step in plan)


def test_two_current_vintages_of_one_figure_are_impossible(store: Store) -> None:
    row = store.db.execute(
        "SELECT flow, product, partner, basis, period, source FROM figures LIMIT 1"
    ).fetchone()
    try:
        store.db.execute(
            "INSERT INTO figures (flow, product, partner, basis, period, source, is_current) "
            "VALUES (?, ?, ?, ?, ?, ?, 1)",
            row,
        )
    except sqlite_utils.db.sqlite3.IntegrityError as exc:
        assert "UNIQUE" in str(exc)
    else:
        raise AssertionError("a second current vintage was accepted")


def test_open_store_also_creates_the_outbox_tables(tmp_path) -> None:
    store = open_store(tmp_path / "kortrade.db")
    try:
        for table in ("chats", "subscriptions", "releases", "deliveries", "outbox_state"):
            assert store.db[table].exists(), table
    finally:
        store.close()
