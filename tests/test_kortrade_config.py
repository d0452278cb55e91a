"""Settings come from the environment; secrets stay out of logs and reprs."""

from __future__ import annotations

import pytest

from kortrade.config import ConfigError, load_settings

TOKEN = "123456789:AAFakeTokenForTestsOnly_abcdefghijkl"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "TELEGRAM_BOT_TOKEN",
        "KORTRADE_ADMINS",
        "KORTRADE_LANG",
        "KORTRADE_CUSTOMS_API_KEY",
        "KORTRADE_PAID_BROADCAST",
        "KORTRADE_BROADCAST_RATE",
        "KORTRADE_RELEASE_CHECK_SECONDS",
    ):
        monkeypatch.delenv(name, raising=False)


def test_token_never_appears_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("KORTRADE_CUSTOMS_API_KEY", "secret-service-key")
    settings = load_settings(dotenv=False)
    assert settings.require_token() == TOKEN
    assert TOKEN not in repr(settings)
    assert "secret-service-key" not in repr(settings)


@pytest.mark.parametrize("token", ["", "abc", "123:short", "no-colon-at-all-but-long-enough-xx"])
def test_malformed_or_missing_token_is_a_config_error(
    monkeypatch: pytest.MonkeyPatch, token: str
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", token)
    with pytest.raises(ConfigError, match="TELEGRAM_BOT_TOKEN"):
        load_settings(dotenv=False).require_token()


def test_admins_are_parsed_as_user_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KORTRADE_ADMINS", "11, 22 33")
    assert load_settings(dotenv=False).admins == frozenset({11, 22, 33})


def test_bad_admin_list_says_what_to_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KORTRADE_ADMINS", "alice")
    with pytest.raises(ConfigError, match="KORTRADE_ADMINS"):
        load_settings(dotenv=False)


def test_db_path_follows_kortrade_db(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("KORTRADE_DB", str(tmp_path / "x.db"))
    assert load_settings(dotenv=False).db_path == tmp_path / "x.db"


def test_alerts_are_free_at_30_a_second_and_checked_every_second_by_default() -> None:
    settings = load_settings(dotenv=False)
    assert (settings.paid_broadcast, settings.broadcast_rate) == (False, 30.0)
    assert settings.release_check_seconds == 1.0


def test_paid_broadcasts_default_to_1000_a_second(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KORTRADE_PAID_BROADCAST", "1")
    settings = load_settings(dotenv=False)
    assert (settings.paid_broadcast, settings.broadcast_rate) == (True, 1000.0)
    monkeypatch.setenv("KORTRADE_BROADCAST_RATE", "250")
    assert load_settings(dotenv=False).broadcast_rate == 250.0


@pytest.mark.parametrize(
    "paid,rate,hint",
    [("0", "100", "needs KORTRADE_PAID_BROADCAST=1"), ("1", "1001", "at most 1000"),
     ("1", "0", "above 0"), ("yes please", "", "KORTRADE_PAID_BROADCAST must be 1 or 0")],
)  # fmt: skip
def test_a_rate_telegram_would_not_allow_is_a_config_error(
    monkeypatch: pytest.MonkeyPatch, paid: str, rate: str, hint: str
) -> None:
    monkeypatch.setenv("KORTRADE_PAID_BROADCAST", paid)
    monkeypatch.setenv("KORTRADE_BROADCAST_RATE", rate)
    with pytest.raises(ConfigError, match=hint):
        load_settings(dotenv=False)
