"""The SDK major lines the matrix covers, and which line a snippet belongs to.

A line is what a reader gets from `pip install "<sdk><requirement>"`: the newest
release of one major version. The lock of each line pins that release and everything
it pulls in; the drift workflow resolves the same requirement afresh instead.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SNIPPETS = ROOT / "snippets"
MATRIX_DIR = ROOT / "matrix"
LOCK_DIR = MATRIX_DIR / "locks"


@dataclass(frozen=True)
class Line:
    """One major line of one SDK, e.g. anthropic 1.x."""

    sdk: str
    major: int

    @property
    def name(self) -> str:
        """Stable id used in file names and data: ``anthropic-1``."""
        return f"{self.sdk}-{self.major}"

    @property
    def label(self) -> str:
        """What pages call it: ``anthropic 1.x``."""
        return f"{self.sdk} {self.major}.x"

    @property
    def requirement(self) -> str:
        """The pip requirement a reader of this line installs."""
        return f"{self.sdk}>={self.major},<{self.major + 1}"

    @property
    def lock(self) -> Path:
        return LOCK_DIR / f"{self.name}.lock"


LINES: tuple[Line, ...] = (
    Line("anthropic", 0),
    Line("anthropic", 1),
    Line("anthropic", 2),
    Line("openai", 1),
    Line("openai", 2),
    Line("openai", 3),
)
SDKS = ("anthropic", "openai")


def line_named(name: str) -> Line:
    for line in LINES:
        if line.name == name:
            return line
    known = ", ".join(line.name for line in LINES)
    raise ValueError(f"unknown SDK line {name!r} (known: {known})")


def snippet_sdk(path: Path) -> str | None:
    """The SDK a Python snippet is written for: the one it imports, else the SDK its
    folder is named after (a raw-httpx snippet under openai/ sits on OpenAI pages).
    None for snippets that belong to neither."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    used = [sdk for sdk in SDKS if sdk in imported]
    if len(used) > 1:
        raise ValueError(f"{path}: imports both SDKs; split it or extend the matrix")
    if used:
        return used[0]
    folder = path.parent.name
    return folder if folder in SDKS else None


def lines_for(sdk: str) -> list[Line]:
    return [line for line in LINES if line.sdk == sdk]


# Python files under snippets/ that are not standalone programs for one SDK: the
# notebook source runs in tests/site/test_notebooks.py with both SDKs installed.
NOT_MATRIX = ("notebooks/*.py",)


def matrix_snippets(snippets: Path = SNIPPETS) -> list[tuple[Path, str]]:
    """Every Python snippet the matrix runs, with the SDK whose lines it runs on."""
    found = []
    for path in sorted(snippets.rglob("*.py")):
        rel = path.relative_to(snippets)
        if "__pycache__" in rel.parts or any(rel.match(p) for p in NOT_MATRIX):
            continue
        sdk = snippet_sdk(path)
        if sdk is not None:
            found.append((path, sdk))
    return found
