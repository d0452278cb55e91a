"""The root of the errors a user can fix: the CLI prints their message on one line and exits 1."""

from __future__ import annotations

__all__ = ["UserError"]


class UserError(Exception):
    """Bad input or set-up, with a message that says what to fix. Never a bug."""
