"""A sender's hold on its store: one `kortrade run` per store, a store it can write, and
the same file for as long as it runs.

- **One sender per store.** `hold_sender_lock` takes an exclusive `flock` on
  `<store>.lock` beside the store and keeps it until the process ends. Two senders on one
  outbox would both resend each other's in-flight rows; the lock makes a second
  `kortrade run` refuse in one line naming the first one's pid. The kernel releases a
  `flock` when its process dies, `kill -9` included, so no stale lock ever blocks a restart
  (the pid in the file is only for the message).
- **A store it can write.** `require_writable` makes one write (rolled back) at start-up,
  so a read-only file or folder is one clear error, not a traceback per job later.
- **The same file.** `FileIdentity` remembers the store's (device, inode): if the file is
  deleted or replaced (a restore, a fresh `kortrade ingest` on an empty path), the running
  bot would go on writing subscriptions into a file nobody can read; `changed()` says so.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kortrade.errors import UserError

if TYPE_CHECKING:
    from kortrade.data.store import Store

__all__ = [
    "FileIdentity",
    "SenderLock",
    "StoreUnusable",
    "hold_sender_lock",
    "lock_path",
    "require_writable",
    "sender_pid",
]


_LOCK_TRIES = 5


class StoreUnusable(UserError):
    """The store cannot be used by this process (busy, read-only, gone); says which path."""


@dataclass(frozen=True, slots=True)
class SenderLock:
    """An exclusive lock held through the open descriptor `fd` until the process ends."""

    path: Path
    fd: int

    def release(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.fd)


def lock_path(store_path: Path) -> Path:
    """`<store>.lock` beside the real file, so a symlink or a relative path to the same store
    meets the same lock."""
    real = Path(store_path).expanduser().resolve()
    return real.with_name(real.name + ".lock")


def hold_sender_lock(store_path: Path) -> SenderLock:
    """Become the one sender for `store_path`, or raise StoreUnusable naming the holder.

    Also refuses when a sender ran here (its lock file is there) but the store is gone:
    `open_store` would build an empty one and every subscription would be lost silently,
    say after a service manager restarts a bot that stopped because its store vanished.
    """
    path = lock_path(store_path)
    if path.exists() and _missing(store_path):
        raise StoreUnusable(
            f"the store {store_path} is missing, but a bot ran on it ({path} is there): "
            "restore the store, or delete the lock file to start afresh without subscribers"
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreUnusable(
            f"cannot create the lock file {path}: {exc.strerror or exc} "
            "(is the store's folder read-only?)"
        ) from None
    if not _try_lock(fd):
        holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
        os.close(fd)
        raise StoreUnusable(
            f"another `kortrade run` (pid {holder}) is already sending alerts for "
            f"{store_path}; only one may run per store"
        ) from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    return SenderLock(path, fd)


def _missing(store_path: Path) -> bool:
    try:
        return Path(store_path).expanduser().stat().st_size == 0
    except FileNotFoundError:
        return True


def _try_lock(fd: int) -> bool:
    """The exclusive lock, or False; a few tries, since `sender_pid` (kortrade status)
    holds a shared one for an instant."""
    for attempt in range(_LOCK_TRIES):
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            if attempt + 1 < _LOCK_TRIES:
                time.sleep(0.05)
    return False


def sender_pid(store_path: Path) -> int | None:
    """The pid of the running sender for `store_path`, or None when none holds the lock."""
    path = lock_path(store_path)
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            text = os.pread(fd, 32, 0).decode(errors="replace").strip()
            return int(text) if text.isdigit() else -1
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def require_writable(store: Store) -> None:
    """One rolled-back write: raise StoreUnusable now if the store cannot be written."""
    conn = store.db.conn
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(
                "INSERT OR REPLACE INTO outbox_state (key, value) VALUES ('write_check', '1')"
            )
        finally:
            conn.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        raise StoreUnusable(f"the store {store.path} cannot be written: {exc}") from None


@dataclass(frozen=True, slots=True)
class FileIdentity:
    """Which file a path named when the store was opened: (device, inode)."""

    path: Path
    device: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> FileIdentity:
        info = os.stat(path)
        return cls(path, info.st_dev, info.st_ino)

    def changed(self) -> str | None:
        """None while the path still names the same file, else what happened to it."""
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            return "was deleted"
        except OSError as exc:
            return f"cannot be read ({exc.strerror or exc})"
        if (info.st_dev, info.st_ino) != (self.device, self.inode):
            return "was replaced by another file"
        return None
