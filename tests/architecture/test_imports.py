"""Imports point one way (app → models → features → data), views and commands use one door, no cycles."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGES = ("data", "features", "models", "app")
LAYER = {name: i for i, name in enumerate(PACKAGES)}
#: Modules of the app that only display: they may import models.api, the app's own modules,
#: the standard library and third-party display libraries — never data/ or features/ or other models/.
DOORWAY = [*sorted((REPO / "app" / "views").glob("*.py")), *sorted((REPO / "app" / "page_scripts").glob("*.py")),
           *sorted((REPO / "app").glob("cli*.py")), REPO / "app" / "streamlit_app.py"]


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at any depth (lazy imports inside functions count)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path).rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _project_files() -> list[Path]:
    return [p for package in PACKAGES for p in sorted((REPO / package).rglob("*.py"))]


def _project_module(name: str, known: set[str]) -> str | None:
    """The longest known project module that ``name`` refers to."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in known:
            return candidate
    return None


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    files = _project_files()
    known = {_module_name(p) for p in files}
    edges = {}
    for path in files:
        module = _module_name(path)
        targets = {_project_module(name, known) for name in _imports(path)}
        edges[module] = {t for t in targets if t and t != module and not module.startswith(t + ".")}
    return edges


def test_layers_point_one_way(graph):
    upward = [(a, b) for a, targets in graph.items() for b in targets
              if LAYER[b.split(".")[0]] > LAYER[a.split(".")[0]]]
    assert not upward, f"imports against the direction app → models → features → data: {upward}"


def test_views_and_commands_use_the_models_api_only():
    offenders = {}
    for path in DOORWAY:
        bad = sorted(name for name in _imports(path)
                     if name.split(".")[0] in ("data", "features")
                     or (name.startswith("models") and name not in ("models", "models.api")
                         and not name.startswith("models.api.")))
        if bad:
            offenders[str(path.relative_to(REPO))] = bad
    assert not offenders, offenders


def test_no_import_cycles(graph):
    sys.setrecursionlimit(10_000)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    assert not cycles, f"import cycles: {cycles}"
