"""The project's own Python (not the snippets, which have their own test) stays
ruff-clean, so CI catches style drift the same way it catches a broken example."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from ruff.__main__ import find_ruff_bin

ROOT = Path(__file__).resolve().parents[2]
TREES = ["src", "tests", "tools", "benchmarks"]


@pytest.mark.parametrize(
    "args", [["check", "--no-fix"], ["format", "--check"]], ids=["check", "format"]
)
def test_project_code_is_ruff_clean(args: list[str]):
    done = subprocess.run(
        [find_ruff_bin(), *args, *TREES],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
