"""`kortrade run` as a child process for the end-to-end tests: its environment and its stop."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

__all__ = ["TOKEN", "bot_env", "stop_process"]

#: Shaped like a real token (digits:secret), known to no Telegram server.
TOKEN = "123456:TEST-ONLY-abcdefghijklmnopqrstuvwxyz"


def bot_env(tmp: Path, **extra: str) -> dict[str, str]:
    """This environment without our settings, a store in `tmp`, unbuffered logs, `extra`."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "KORTRADE_"))}
    return keep | {"KORTRADE_DB": str(tmp / "kortrade.db"), "PYTHONUNBUFFERED": "1"} | extra


def stop_process(process: subprocess.Popen[bytes], timeout: float = 20) -> int:
    """SIGTERM as an operator would; kill it only if it does not stop in `timeout` s."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.returncode
