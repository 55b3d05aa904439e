"""The import graph of the installed package, read with ``ast`` (nothing is imported).

Shared by the structure tests: every ``import`` and ``from ... import`` anywhere in a
module (function-level imports included) becomes an edge to the package module it
names, so a lazy import cannot hide an upward dependency or a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = "ezrouter_mock"
SRC = Path(__file__).resolve().parents[2] / "src"


def module_files(src: Path = SRC, package: str = PACKAGE) -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package."""
    out: dict[str, Path] = {}
    for path in sorted((src / package).rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _is_package(name: str, files: dict[str, Path]) -> bool:
    return name in files and files[name].name == "__init__.py"


def imports_of(name: str, path: Path, files: dict[str, Path]) -> set[str]:
    """Every module name (inside or outside the package) that ``name`` imports."""
    tree = ast.parse(path.read_text(), str(path))
    here = name if _is_package(name, files) else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            for alias in node.names:  # `from . import x` names a submodule
                if f"{target}.{alias.name}" in files:
                    found.add(f"{target}.{alias.name}")
    return found


def graph(files: dict[str, Path] | None = None) -> dict[str, set[str]]:
    """Module -> the package modules it imports (outside names dropped)."""
    files = files if files is not None else module_files()
    out: dict[str, set[str]] = {}
    for name, path in files.items():
        out[name] = {
            t for t in imports_of(name, path, files) if t in files and t != name
        }
    return out


def external_imports(files: dict[str, Path] | None = None) -> dict[str, set[str]]:
    """Module -> top-level names it imports from outside the package."""
    files = files if files is not None else module_files()
    return {
        name: {
            t.split(".")[0]
            for t in imports_of(name, path, files)
            if t and t.split(".")[0] != PACKAGE
        }
        for name, path in files.items()
    }


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path ``[a, b, ..., a]``, or None. A package's own
    ``__init__`` re-exporting its submodules is not a cycle with them."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt.startswith(node + "."):  # package -> its own submodule
                continue
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None
