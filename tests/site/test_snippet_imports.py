"""Each Python snippet needs only what its page tells the reader to install.

A reader who follows a quickstart has installed exactly the packages its `pip install`
line names, plus the standard library. A snippet that imports anything else (say
`httpx`, which current SDKs no longer bring along) fails with ModuleNotFoundError on
their machine while passing here, where the test environment has everything. This is
the static half of that promise: each snippet directory maps to the page whose install
line it relies on, and the allowlist is read from that page. (Running each snippet in
a clean environment per SDK version is the client matrix's job.)
"""

from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SNIPPETS = ROOT / "snippets"
DOCS = ROOT / "docs"

#: snippet directory -> the page whose install instructions its readers follow
INSTALL_PAGES = {
    "openai": "quickstart/openai-sdk.md",
    "anthropic": "quickstart/anthropic-sdk.md",
    "notebooks": "quickstart/notebook.ipynb",
}
#: distribution name -> the top-level module it provides (where they differ)
MODULES = {"python-dotenv": "dotenv"}
_PIP = re.compile(r"pip install ((?:[A-Za-z0-9_.\[\]=<>-]+ ?)+)")


def page_text(rel: str) -> str:
    path = DOCS / rel
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        cells = json.loads(text)["cells"]
        text = "\n".join("".join(c["source"]) for c in cells)
    return text


def installed_by(rel: str) -> set[str]:
    """Top-level modules the page's `pip install` lines provide."""
    modules = set()
    for match in _PIP.finditer(page_text(rel)):
        for requirement in match.group(1).split():
            name = re.split(r"[\[=<>]", requirement, maxsplit=1)[0].lower()
            modules.add(MODULES.get(name, name.replace("-", "_")))
    return modules


def imported(source: str) -> set[str]:
    """Top-level module names a Python file imports."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def foreign_imports(source: str, allowed: set[str]) -> list[str]:
    return sorted(
        name
        for name in imported(source)
        if name not in allowed and name not in sys.stdlib_module_names
    )


SNIPPET_FILES = sorted(
    p for d in INSTALL_PAGES for p in (SNIPPETS / d).glob("*.py") if p.is_file()
)


def test_every_python_snippet_directory_has_an_install_page():
    dirs = {p.parent.name for p in SNIPPETS.rglob("*.py")}
    assert dirs <= set(INSTALL_PAGES), dirs - set(INSTALL_PAGES)
    for rel in INSTALL_PAGES.values():
        assert installed_by(rel), f"{rel} has no `pip install` line"


@pytest.mark.parametrize(
    "path", SNIPPET_FILES, ids=lambda p: p.relative_to(SNIPPETS).as_posix()
)
def test_snippet_imports_only_what_its_page_installs(path):
    page = INSTALL_PAGES[path.parent.name]
    extra = foreign_imports(path.read_text(encoding="utf-8"), installed_by(page))
    assert not extra, (
        f"{path.relative_to(ROOT)} imports {extra}, which {page} does not tell the "
        "reader to install"
    )


def test_the_check_catches_a_module_the_reader_lacks():
    source = "import httpx\nimport json\nfrom openai import OpenAI\n"
    assert foreign_imports(source, installed_by(INSTALL_PAGES["openai"])) == ["httpx"]
