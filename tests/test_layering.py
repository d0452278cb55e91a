"""The architecture, enforced: each folder imports only what its layer may."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

FORBIDDEN = {
    "intents": ("telegram", "sqlite3", "sqlite_utils", "kortrade.data", "kortrade.bot", "httpx"),
    "data": ("telegram", "kortrade.bot", "kortrade.intents", "kortrade.resolve"),
    "resolve": ("telegram", "sqlite3", "sqlite_utils", "kortrade.bot"),
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


# -- the module import graph ------------------------------------------------------------------

FOLDERS = {
    "kortrade": "kortrade",
    "bot": "kortrade.bot",
    "intents": "kortrade.intents",
    "data": "kortrade.data",
    "resolve": "kortrade.resolve",
}


def _module_files() -> dict[str, Path]:
    """Every module of the package by its import name (the folders are mapped in pyproject)."""
    modules: dict[str, Path] = {}
    for folder, prefix in FOLDERS.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            parts = path.relative_to(ROOT / folder).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join((prefix, *parts))] = path
    return modules


def _edges(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Modules `name` imports anywhere in its body (functions included), except under
    `if TYPE_CHECKING:` (never run). `from pkg import sub` imports `pkg.sub`, not `pkg`'s body."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(inner) for inner in ast.walk(node))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in modules else base)
    return {module for module in found if module in modules and module != name}


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle in `graph` (a path that returns to its start), or []."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return []

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return []


def test_no_module_imports_itself_back_through_others() -> None:
    """Function-level imports count: a lazy import hides a cycle, it does not remove it."""
    modules = _module_files()
    graph = {name: _edges(name, path, modules) for name, path in modules.items()}
    assert _cycle(graph) == []


def test_the_cycle_check_finds_a_cycle_through_a_function_level_import() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) == []
