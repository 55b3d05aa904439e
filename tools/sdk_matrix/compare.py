"""Compare what a snippet printed in an SDK environment with its `#>` comments.

The prints were recorded in the child process by `harness.py`; here they are fed to
pytest-examples' own `InsertPrintStatements`, so the matrix applies exactly the rule
the main snippet test applies (same line placement, same long-output formatting).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from pytest_examples.config import ExamplesConfig
from pytest_examples.find_examples import CodeExample
from pytest_examples.lint import code_diff
from pytest_examples.run_code import Arg, InsertPrintStatements, PrintStatement

from .lines import ROOT


def examples_config() -> ExamplesConfig:
    """Line length and target version from pyproject.toml, as the snippet tests use."""
    ruff = tomllib.loads((ROOT / "pyproject.toml").read_text()).get("tool", {})
    ruff = ruff.get("ruff", {})
    return ExamplesConfig(
        line_length=ruff.get("line-length", 88),
        target_version=ruff.get("target-version", "py311"),
    )


def _arg(recorded: dict) -> Arg:
    arg = Arg.__new__(Arg)
    arg.data, arg.is_str = recorded["data"], recorded["is_str"]
    return arg


def output_diff(path: Path, source: str, prints: list[dict]) -> str:
    """A diff of the `#>` comments `source` has against those `prints` produce; ""
    when they agree. `source` is the text that ran (the mock's URL in it)."""
    config = examples_config()
    example = CodeExample.create(source, path=path, end_index=len(source))
    inserter = InsertPrintStatements(path, config, True, None, None)
    inserter.print_func.statements = [
        PrintStatement(p["line"], p["sep"], [_arg(a) for a in p["args"]])
        for p in prints
    ]
    expected = inserter.updated_print_statements(example)
    return "" if expected is None else code_diff(example, expected, config)
