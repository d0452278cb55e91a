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
