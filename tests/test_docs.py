"""Docs that cannot drift: the README, /help and .env.example name everything there is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kortrade.bot.texts import COMMANDS, help_text
from kortrade.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
ENV_EXAMPLE = (ROOT / ".env.example").read_text(encoding="utf-8")


def _subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)


@pytest.mark.parametrize("name", _subcommands())
def test_every_cli_subcommand_is_in_the_readme(name: str) -> None:
    assert f"`kortrade {name}" in README


@pytest.mark.parametrize("name", [c.name for c in COMMANDS])
def test_every_bot_command_is_in_the_readme(name: str) -> None:
    assert f"`/{name}" in README


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_help_lists_every_bot_command(lang: str) -> None:
    text = help_text(lang, "kortrade_bot")
    assert [c.name for c in COMMANDS if f"/{c.name}" not in text] == []


def test_every_setting_read_from_the_environment_is_in_env_example() -> None:
    config = (ROOT / "kortrade" / "config.py").read_text(encoding="utf-8")
    read = set(re.findall(r'_(?:env|int_set|number)\("([A-Z_]+)"', config))
    assert read, "the pattern no longer finds the settings config.py reads"
    documented = set(re.findall(r"^([A-Z_]+)=", ENV_EXAMPLE, flags=re.M))
    assert read - documented == set()


def test_the_readme_has_exactly_the_two_contract_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.S)
    assert [b.strip() for b in blocks[:2]] == [
        "python3 -m venv .venv && .venv/bin/pip install -q . && .venv/bin/kortrade run",
        "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]'"
        " && .venv/bin/python -m pytest",
    ]


def test_ci_runs_the_readmes_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -q -e '.[test]'" in ci and "python -m pytest" in ci
