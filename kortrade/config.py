"""Settings from the environment and an optional `.env`: the only place that reads them.

Secrets (the bot token, the customs API key) are kept out of `repr` so a settings
object that lands in a log line or a traceback never carries them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "FREE_BROADCAST_RATE",
    "MAX_PAID_BROADCAST_RATE",
    "ConfigError",
    "Settings",
    "default_db_path",
    "load_settings",
]

#: Telegram's broadcast limit without payment, messages a second (Bot API FAQ).
FREE_BROADCAST_RATE = 30.0
#: The most `allow_paid_broadcast` lets a bot send, messages a second (Bot API 7.11).
MAX_PAID_BROADCAST_RATE = 1000.0

_TOKEN_RE = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{20,}$")


class ConfigError(ValueError):
    """A setting is present but unusable; the message says which and how to fix it."""


def default_db_path() -> Path:
    """`KORTRADE_DB`, else a per-user data file, so a fresh install needs no set-up."""
    explicit = _env("KORTRADE_DB")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "kortrade" / "kortrade.db"


@dataclass(frozen=True)
class Settings:
    db_path: Path
    telegram_token: str | None = field(default=None, repr=False)
    telegram_api_base_url: str | None = None
    telegram_api_file_url: str | None = None
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    admins: frozenset[int] = frozenset()
    customs_api_key: str | None = field(default=None, repr=False)
    customs_api_url: str = "https://apis.data.go.kr/1220000"
    release_check_seconds: float = 1.0
    paid_broadcast: bool = False
    broadcast_rate: float = FREE_BROADCAST_RATE
    default_lang: str = "en"
    log_level: str | None = None

    def require_token(self) -> str:
        """The bot token, validated by shape only (Telegram is asked later)."""
        token = self.telegram_token
        if not token:
            raise ConfigError("TELEGRAM_BOT_TOKEN is not set (get one from @BotFather)")
        if not _TOKEN_RE.match(token):
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN does not look like a bot token (expected '<digits>:<secret>')"
            )
        return token


def _env(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def _int_set(name: str) -> frozenset[int]:
    raw = _env(name)
    if not raw:
        return frozenset()
    try:
        return frozenset(int(part) for part in re.split(r"[,\s]+", raw) if part)
    except ValueError:
        raise ConfigError(f"{name} must be Telegram user ids separated by commas") from None


def _number(name: str, default: float) -> float:
    raw = _env(name)
    if raw is None:
        return default
    try:
        return float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, not {raw!r}") from None


def _flag(name: str) -> bool:
    raw = (_env(name) or "0").lower()
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{name} must be 1 or 0, not {raw!r}")


def _broadcast_rate(paid: bool) -> float:
    """Alerts a second: Telegram's free 30 unless paid broadcasts are on (up to 1,000)."""
    limit = MAX_PAID_BROADCAST_RATE if paid else FREE_BROADCAST_RATE
    rate = _number("KORTRADE_BROADCAST_RATE", limit)
    if not 0 < rate <= limit:
        hint = "" if paid else " (above 30 needs KORTRADE_PAID_BROADCAST=1, which costs Stars)"
        raise ConfigError(f"KORTRADE_BROADCAST_RATE must be above 0 and at most {limit:g}{hint}")
    return rate


def load_settings(*, dotenv: bool = True) -> Settings:
    """Read settings; `.env` in the working directory fills what the environment lacks."""
    if dotenv:
        from dotenv import load_dotenv

        load_dotenv(Path.cwd() / ".env", override=False)
    lang = (_env("KORTRADE_LANG") or "en").lower()
    if lang not in ("en", "ko"):
        raise ConfigError(f"KORTRADE_LANG must be 'en' or 'ko', not {lang!r}")
    paid = _flag("KORTRADE_PAID_BROADCAST")
    return Settings(
        db_path=default_db_path(),
        telegram_token=_env("TELEGRAM_BOT_TOKEN"),
        telegram_api_base_url=_env("TELEGRAM_API_BASE_URL"),
        telegram_api_file_url=_env("TELEGRAM_API_FILE_URL"),
        webhook_url=_env("KORTRADE_WEBHOOK_URL"),
        webhook_listen=_env("KORTRADE_WEBHOOK_LISTEN") or "127.0.0.1",
        webhook_port=int(_number("KORTRADE_WEBHOOK_PORT", 8443)),
        admins=_int_set("KORTRADE_ADMINS"),
        customs_api_key=_env("KORTRADE_CUSTOMS_API_KEY"),
        customs_api_url=_env("KORTRADE_CUSTOMS_API_URL") or "https://apis.data.go.kr/1220000",
        release_check_seconds=_number("KORTRADE_RELEASE_CHECK_SECONDS", 1.0),
        paid_broadcast=paid,
        broadcast_rate=_broadcast_rate(paid),
        default_lang=lang,
        log_level=(_env("KORTRADE_LOG_LEVEL") or "").upper() or None,
    )
