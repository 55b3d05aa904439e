"""Snippets are what readers copy, so they are held to the project's lint and format.

Python snippets must pass `ruff check` and `ruff format --check` with the settings in
pyproject.toml (line length, target version, rule set); shell snippets must parse with
`bash -n`; TypeScript snippets get `tsc` and prettier in
tests/clients/test_typescript.py.
Every snippet must show the public gateway and read the key from the
environment: a loopback URL or a literal key would mean the page shows something other
than what readers should run.
"""

from __future__ import annotations

import difflib
import re
import subprocess
from pathlib import Path

import pytest
from ruff.__main__ import find_ruff_bin

ROOT = Path(__file__).resolve().parents[2]
SNIPPETS = ROOT / "snippets"


def _files(*suffixes: str) -> list[Path]:
    if not SNIPPETS.is_dir():
        return []
    return sorted(
        p
        for p in SNIPPETS.rglob("*")
        if p.is_file() and p.suffix in suffixes and "__pycache__" not in p.parts
    )


def _ids(paths: list[Path]) -> list[str]:
    return [p.relative_to(SNIPPETS).as_posix() for p in paths]


PY = _files(".py")
SH = _files(".sh")
CODE = _files(".py", ".sh", ".ts")


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [find_ruff_bin(), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("path", PY, ids=_ids(PY))
def test_ruff_check(path: Path):
    done = _ruff("check", "--no-fix", "--output-format=concise", str(path))
    assert done.returncode == 0, done.stdout + done.stderr


# ruff format rewrites `#> output` comments to `# > output`; shield them the way
# pytest-examples does for black, so only real formatting differences count.
_OUTPUT_COMMENT = re.compile(r"^( *)#>( |$)", re.M)
_SHIELDED = re.compile(r"^( *)# >( |$)", re.M)


@pytest.mark.parametrize("path", PY, ids=_ids(PY))
def test_ruff_format(path: Path):
    text = path.read_text(encoding="utf-8")
    done = subprocess.run(
        [find_ruff_bin(), "format", "--stdin-filename", str(path), "-"],
        input=_OUTPUT_COMMENT.sub(r"\1# >\2", text),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    formatted = _SHIELDED.sub(r"\1#>\2", done.stdout)
    diff = difflib.unified_diff(
        text.splitlines(keepends=True),
        formatted.splitlines(keepends=True),
        f"{path.name} (as is)",
        f"{path.name} (ruff format)",
    )
    assert formatted == text, "not ruff-formatted:\n" + "".join(diff)


@pytest.mark.parametrize("path", SH, ids=_ids(SH))
def test_shell_syntax(path: Path):
    done = subprocess.run(
        ["bash", "-n", str(path)], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr


_LOOPBACK = re.compile(r"https?://(127\.0\.0\.1|localhost|0\.0\.0\.0)\b")
# A real-looking key: long and random. Obvious fakes ("sk-not-a-real-key") are fine.
_LITERAL_KEY = re.compile(r"sk-[A-Za-z0-9]{20,}")


@pytest.mark.parametrize("path", CODE, ids=_ids(CODE))
def test_shows_public_gateway_and_env_key(path: Path):
    text = path.read_text(encoding="utf-8")
    assert not _LOOPBACK.search(text), "snippets show the public URL, not a local one"
    assert not _LITERAL_KEY.search(text), "keys come from $EZROUTER_API_KEY only"
