"""`kortrade status`: what an operator (or a container's health check) needs to know about
a store on one screen: where it is and how big, the newest month per basis, who is
subscribed, what the outbox holds, whether a sender runs and when it last checked for a
release.

A missing store is reported, never built (`open_store` would build one from the shipped
dataset); a store that cannot be written is unusable for a sender, so that fails too.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kortrade.data.ownership import StoreUnusable, require_writable, sender_pid
from kortrade.data.series import HEADLINE

if TYPE_CHECKING:
    from kortrade.data.store import Store

__all__ = ["StoreStatus", "require_store", "store_status"]

_QUEUE_LABELS = (("pending", "queued"), ("sending", "sending"), ("sent", "sent"), ("dead", "dead"))


@dataclass(frozen=True, slots=True)
class StoreStatus:
    path: Path
    size_bytes: int
    latest: dict[str, str] = field(default_factory=dict)  # basis -> newest headline month
    subscribers: dict[str, int] = field(default_factory=dict)  # chat type -> active chats
    inactive_chats: int = 0
    outbox: dict[str, int] = field(default_factory=dict)
    last_check: str | None = None
    last_release: tuple[str, str] | None = None  # (month, detected at)
    sender: int | None = None  # pid of the running `kortrade run`, -1 when unknown

    def lines(self) -> list[str]:
        """One screen: a line per subject."""
        size = f"{self.size_bytes / 1_048_576:.1f} MB"
        latest = ", ".join(f"{basis} {month}" for basis, month in sorted(self.latest.items()))
        chats = ", ".join(f"{count} {kind}" for kind, count in sorted(self.subscribers.items()))
        queue = ", ".join(
            f"{label} {self.outbox.get(status, 0)}" for status, label in _QUEUE_LABELS
        )
        if self.sender is None:
            sender = "not running"
        else:
            sender = f"running (pid {self.sender if self.sender > 0 else 'unknown'})"
        release = (
            f"{self.last_release[0]} (detected {self.last_release[1][:19]} UTC)"
            if self.last_release
            else "none since the baseline"
        )
        return [
            f"store:        {self.path} ({size})",
            f"latest month: {latest or 'none stored'}",
            f"subscribers:  {chats or 'none'} ({self.inactive_chats} turned off)",
            f"outbox:       {queue}",
            f"sender:       {sender}",
            f"last check:   {self.last_check[:19] + ' UTC' if self.last_check else 'never'}",
            f"last release: {release}",
        ]


def require_store(path: Path) -> None:
    """Raise StoreUnusable when there is no store file at `path` (status never builds one)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise StoreUnusable(f"no store at {path}: {exc.strerror or exc}") from None
    if size == 0:
        raise StoreUnusable(f"the store {path} is empty")


def store_status(store: Store) -> StoreStatus:
    """The store's state; StoreUnusable when it cannot be written (a sender could not run)."""
    require_writable(store)
    db = store.db
    flow, product, partner = HEADLINE
    latest = dict(
        db.execute(
            "SELECT basis, MAX(period) FROM figures WHERE flow = ? AND product = ? "
            "AND partner = ? AND is_current = 1 GROUP BY basis",
            [flow, product, partner],
        ).fetchall()
    )
    subscribers = dict(
        db.execute(
            "SELECT type, COUNT(*) FROM chats c WHERE active = 1 AND EXISTS "
            "(SELECT 1 FROM subscriptions s WHERE s.chat_id = c.id) GROUP BY type"
        ).fetchall()
    )
    inactive = db.execute("SELECT COUNT(*) FROM chats WHERE active = 0").fetchone()[0]
    queue = dict(db.execute("SELECT status, COUNT(*) FROM deliveries GROUP BY status").fetchall())
    checked = db.execute("SELECT value FROM outbox_state WHERE key = 'checked_at'").fetchone()
    release = db.execute(
        "SELECT period, detected_at FROM releases WHERE origin IN ('ingest', 'broadcast') "
        "ORDER BY period DESC LIMIT 1"
    ).fetchone()
    return StoreStatus(
        path=store.path,
        size_bytes=_size(store.path),
        latest=latest,
        subscribers=subscribers,
        inactive_chats=int(inactive),
        outbox=queue,
        last_check=checked[0] if checked else None,
        last_release=(release[0], release[1]) if release else None,
        sender=sender_pid(store.path),
    )


def _size(path: Path) -> int:
    """The store's bytes, its write-ahead log included."""
    total = 0
    for part in (path, path.with_name(path.name + "-wal")):
        with contextlib.suppress(OSError):
            total += part.stat().st_size
    return total
