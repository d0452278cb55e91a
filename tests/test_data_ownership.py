"""A sender's hold on its store: one lock per store, a store it can write, the same file."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kortrade.data.ownership import (
    FileIdentity,
    StoreUnusable,
    hold_sender_lock,
    lock_path,
    sender_pid,
)
from kortrade.data.store import Store


def test_a_second_sender_is_refused_with_the_first_ones_pid(tmp_path: Path) -> None:
    store = tmp_path / "kortrade.db"
    store.write_bytes(b"SQLite format 3")  # a store's first bytes; never opened here
    first = hold_sender_lock(store)
    try:
        with pytest.raises(StoreUnusable, match=rf"pid {os.getpid()}\b.*{store}"):
            hold_sender_lock(store)
        assert sender_pid(store) == os.getpid()
    finally:
        first.release()
    assert sender_pid(store) is None  # released: the file stays, the lock does not
    assert lock_path(store).exists()
    hold_sender_lock(store).release()


def test_a_symlink_to_the_store_meets_the_same_lock(tmp_path: Path) -> None:
    store = tmp_path / "kortrade.db"
    store.write_bytes(b"SQLite format 3")
    link = tmp_path / "link.db"
    link.symlink_to(store)
    held = hold_sender_lock(store)
    try:
        with pytest.raises(StoreUnusable, match="already sending"):
            hold_sender_lock(link)
    finally:
        held.release()


def test_a_lock_file_that_cannot_be_created_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    with pytest.raises(StoreUnusable, match="cannot create the lock file"):
        hold_sender_lock(blocker / "kortrade.db")


def test_file_identity_notices_a_store_deleted_or_replaced(store: Store, tmp_path: Path) -> None:
    identity = FileIdentity.of(store.path)
    assert identity.changed() is None
    copy = tmp_path / "copy.db"
    shutil.copyfile(store.path, copy)
    copy.replace(store.path)
    assert identity.changed() == "was replaced by another file"
    store.path.unlink()
    assert identity.changed() == "was deleted"


def test_a_store_gone_from_under_a_lock_file_is_not_rebuilt_silently(tmp_path: Path) -> None:
    store = tmp_path / "kortrade.db"
    store.write_bytes(b"SQLite format 3")
    hold_sender_lock(store).release()
    store.unlink()
    with pytest.raises(StoreUnusable, match="missing, but a bot ran on it"):
        hold_sender_lock(store)
    lock_path(store).unlink()  # the operator's choice: start afresh
    hold_sender_lock(store).release()
