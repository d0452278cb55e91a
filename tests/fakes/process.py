"""`kortrade run` as a child process for the end-to-end tests: its environment and its stop."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import pytest

__all__ = ["TOKEN", "BotProcess", "bot_env", "stop_process", "unprivileged", "wait_until"]

#: Shaped like a real token (digits:secret), known to no Telegram server.
TOKEN = "123456:TEST-ONLY-abcdefghijklmnopqrstuvwxyz"


def bot_env(tmp: Path, **extra: str) -> dict[str, str]:
    """This environment without our settings, a store in `tmp`, unbuffered logs, `extra`."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "KORTRADE_"))}
    return keep | {"KORTRADE_DB": str(tmp / "kortrade.db"), "PYTHONUNBUFFERED": "1"} | extra


def unprivileged() -> list[str]:
    """A command prefix that runs a child without root's right to write read-only files
    (CAP_DAC_OVERRIDE and friends), so a read-only store is read-only for it too."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a read-only file stays writable")
    drop = "-dac_override,-dac_read_search,-fowner,-linux_immutable"
    return [setpriv, f"--bounding-set={drop}", "--"]


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


def wait_until(predicate: Callable[[], Any], timeout: float) -> Any:
    """Poll `predicate` until it is truthy (its value is returned); AssertionError on timeout."""
    deadline = time.monotonic() + timeout
    while not (value := predicate()):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)
    return value


class BotProcess:
    """`python -m kortrade run` as a child process in `tmp`, logging to bot-N.log."""

    def __init__(self, tmp: Path, env: dict[str, str], prefix: list[str] | None = None) -> None:
        self.tmp, self.env, self.runs, self.prefix = tmp, env, 0, prefix or []
        self.process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def log_path(self) -> Path:
        return self.tmp / f"bot-{self.runs}.log"

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def start(self) -> subprocess.Popen[bytes]:
        self.runs += 1
        self._log = open(self.log_path, "wb")  # noqa: SIM115 (closed on stop)
        self.process = subprocess.Popen(
            [*self.prefix, sys.executable, "-m", "kortrade", "run"],
            cwd=self.tmp, env=self.env, stdout=self._log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        return self.process

    def wait(self, timeout: float) -> int:
        assert self.process is not None
        code = self.process.wait(timeout=timeout)
        self._close()
        return code

    def kill9(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.wait(timeout=10)

    def stop(self) -> int | None:
        if self.process is None:
            return None
        code = stop_process(self.process)
        self._close()
        return code

    def _close(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None
