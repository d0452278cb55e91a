"""The architecture, enforced: each folder imports only what its layer may."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

FORBIDDEN = {
    "intents": ("telegram", "sqlite3", "sqlite_utils", "kortrade.data", "kortrade.bot", "httpx"),
    "data": ("telegram", "kortrade.bot", "kortrade.intents.parse"),
    "bot/replies": ("telegram", "sqlite3", "sqlite_utils"),
    "bot": ("sqlite3", "sqlite_utils"),
}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def _violations(folder: str) -> list[str]:
    found = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        for name in _imports(path):
            for banned in FORBIDDEN[folder]:
                if name == banned or name.startswith(banned + "."):
                    found.append(f"{path.relative_to(ROOT)} imports {name}")
    return found


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_folder_imports_stay_in_their_layer(folder: str) -> None:
    assert _violations(folder) == []


def test_bot_runs_no_sql() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "bot").rglob("*.py")
        if any(
            word in path.read_text(encoding="utf-8")
            for word in ("SELECT ", "INSERT ", "UPDATE ", ".execute(")
        )
    ]
    assert offenders == []


def test_the_check_itself_catches_a_banned_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import telegram\nfrom sqlite_utils import Database\n")
    assert _imports(sample) == ["telegram", "sqlite_utils"]
