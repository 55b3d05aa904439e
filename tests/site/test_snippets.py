"""Run every snippet under snippets/ against the gateway, the way a reader would.

The file a page includes is the file executed here, with one change: the public gateway
root is swapped for the mock's (`ezrouter_mock.snippets`). Python snippets run through
pytest-examples, so each `#>` comment must match what the print above it really
printed; `pytest --update-examples` rewrites those comments from a real run and writes
the public URL back. TypeScript snippets run under Node the same way, with `//>`
comments under each `console.log` (`ezrouter_mock.typescript`), rewritten by the same
flag. Shell snippets run under bash and must exit 0; curl snippets also end in a block
of `#>` lines holding their stdout (`shell_output`), checked and rewritten the same
way, against a mock whose wall clock is pinned so `created` and request ids repeat.
With `--live` the same files run against the live gateway and only have to succeed.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from conftest import GatewayTarget
from pytest_examples import CodeExample, EvalExample, run_code
from support import shell_output

from ezrouter_mock import typescript
from ezrouter_mock.mock.http.settings import MockSettings
from ezrouter_mock.snippets import snippet_env, to_gateway, to_public

ROOT = Path(__file__).resolve().parents[2]
SNIPPETS = ROOT / "snippets"
SHELL_TIMEOUT = 120
CLAUDE_CODE_BIN = ROOT / ".cache" / "claude-code" / "node_modules" / ".bin"

# Files that are included into pages but are not programs: generated tables are
# covered by the include test and by their generator's own tests.
# Notebook sources run in tests/test_notebooks.py (outputs live in the .ipynb).
# SDK matrix includes are rendered and checked by tests/test_sdk_matrix.py.
NOT_PROGRAMS = ("tables/*.md", "notebooks/*.py", "matrix/*.md", "matrix/*/*.md")
# Runs only beside the opencode.json it needs, in tests/test_opencode.py.
RUN_ELSEWHERE = ("agents/opencode-run.sh",)
# Shell snippets whose stdout is shown and asserted (`#>` block at the end). The agent
# and probe scripts print what an installed tool says; they only have to succeed.
SHOWS_OUTPUT = ("curl/*.sh",)
# The instant the mock's wall clock shows to asserted shell snippets (2026-12-01 12:00
# UTC): OpenAI `created` and request ids are then the same on every run.
DOCS_INSTANT = 1796126400.0


def _ruff_settings() -> tuple[int, str]:
    """Line length and target version from pyproject.toml (pytest-examples' defaults
    are 88 and py37, which would let py311-only syntax through unnoticed)."""
    pyproject = ROOT / "pyproject.toml"
    ruff = {}
    if pyproject.is_file():
        ruff = tomllib.loads(pyproject.read_text()).get("tool", {}).get("ruff", {})
    return ruff.get("line-length", 88), ruff.get("target-version", "py311")


def snippet_files() -> list[Path]:
    """Every file under snippets/ that the harness must run or check."""
    if not SNIPPETS.is_dir():
        return []
    files = []
    for path in sorted(SNIPPETS.rglob("*")):
        rel = path.relative_to(SNIPPETS)
        if not path.is_file() or "__pycache__" in rel.parts:
            continue
        if any(rel.match(pattern) for pattern in NOT_PROGRAMS + RUN_ELSEWHERE):
            continue
        files.append(path)
    return files


def _ids(paths: list[Path]) -> list[str]:
    return [p.relative_to(SNIPPETS).as_posix() for p in paths]


SNIPPET_FILES = snippet_files()

# Words after which the next word is again a command (`if curl ...`, `! grep ...`).
SHELL_PREFIXES = frozenset("if then else elif do while until ! time { exec".split())
# Builtins and keywords: commands that need nothing on PATH.
SHELL_BUILTINS = frozenset(
    "for case select function in fi done esac } [ [[ export set unset cd echo printf "
    "read test local source . shift exit return true false eval wait trap declare "
    "readonly".split()
)
_SEPARATOR = re.compile(r"^[;&|()\n]+$")
_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")


def missing_commands(script: str, path: str | None = None) -> list[str]:
    """Commands a shell snippet starts that are not on `path` (e.g. `claude`)."""
    lexer = shlex.shlex(
        script.replace("\\\n", " "), posix=True, punctuation_chars=";&|()\n"
    )
    lexer.whitespace = " \t\r"
    lexer.whitespace_split = True
    try:
        tokens = list(lexer)
    except ValueError:  # unbalanced quotes: let bash report it when it runs
        return []
    missing: list[str] = []
    at_command = True
    for token in tokens:
        if _SEPARATOR.match(token):
            at_command = True
            continue
        if not at_command:
            continue
        if _ASSIGNMENT.match(token):
            continue
        if token in SHELL_PREFIXES:
            continue
        at_command = False
        if token in SHELL_BUILTINS or token.startswith("$") or "/" in token:
            continue
        if shutil.which(token, path=path) is None and token not in missing:
            missing.append(token)
    return missing


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, gateway) -> None:
    """In-process snippets see only the gateway's key and no stray SDK settings."""
    for name, value in snippet_env(gateway.key, {}, loopback=not gateway.live).items():
        monkeypatch.setenv(name, value)
    for name in ("ANTHROPIC_BASE_URL", "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    for name in ("OPENAI_BASE_URL", "OPENAI_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    # pytest-examples runs the snippet as module `__main__`; put pytest's own back.
    monkeypatch.setitem(sys.modules, "__main__", sys.modules["__main__"])
    # When a snippet raises, pytest-examples 0.0.18 rebuilds its frames with a line
    # table Python 3.11 cannot read, and pytest's reporter dies (INTERNALERROR) instead
    # of failing the one test. The real traceback (same line numbers: only the URL
    # differs) is clear enough, so keep it.
    monkeypatch.setattr(run_code, "create_example_traceback", lambda *args: None)


PY_FILES = [p for p in SNIPPET_FILES if p.suffix == ".py"]
SH_FILES = [p for p in SNIPPET_FILES if p.suffix == ".sh"]
TS_FILES = [p for p in SNIPPET_FILES if p.suffix == ".ts"]
DATA_FILES = [p for p in SNIPPET_FILES if p.suffix not in (".py", ".sh", ".ts")]


@pytest.mark.parametrize("path", PY_FILES, ids=_ids(PY_FILES))
def test_python_snippet(path: Path, gateway, clean_env, eval_example: EvalExample):
    original = path.read_text(encoding="utf-8")
    example = CodeExample.create(
        to_gateway(original, gateway.root_url), path=path, end_index=len(original)
    )
    line_length, target_version = _ruff_settings()
    eval_example.set_config(line_length=line_length, target_version=target_version)
    if gateway.live:
        eval_example.run(example)
    elif eval_example.update_examples:
        eval_example.run_print_update(example)
        # What gets written back is what the page shows: the public URL.
        example.source = to_public(example.source, gateway.root_url)
    else:
        eval_example.run_print_check(example)


def shows_output(path: Path) -> bool:
    return any(path.match(pattern) for pattern in SHOWS_OUTPUT)


@pytest.fixture
def shell_gateway(gateway, ezrouter_mock_factory) -> GatewayTarget:
    """The live gateway, or a mock of the snippet's own with its wall clock pinned."""
    if gateway.live:
        return gateway
    mock = ezrouter_mock_factory(settings=MockSettings(wall_clock=lambda: DOCS_INSTANT))
    return GatewayTarget(root_url=mock.root_url, key=mock.key, live=False, mock=mock)


@pytest.mark.parametrize("path", SH_FILES, ids=_ids(SH_FILES))
def test_shell_snippet(
    path: Path, shell_gateway, tmp_path: Path, request: pytest.FixtureRequest
):
    gateway = shell_gateway
    original = path.read_text(encoding="utf-8")
    env = snippet_env(gateway.key, loopback=not gateway.live)
    # The project's own commands (ezrouter-mock) live next to this Python; Claude Code,
    # when installed project-locally (as .ci/run does), under .cache/claude-code.
    extra = [str(Path(sys.executable).parent), str(CLAUDE_CODE_BIN)]
    env["PATH"] = os.pathsep.join([*extra, env["PATH"]])
    missing = missing_commands(original, env["PATH"])
    if missing:
        pytest.skip(f"needs {', '.join(missing)} on PATH")
    script = tmp_path / path.name
    script.write_text(to_gateway(original, gateway.root_url), encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    env["HOME"] = str(home)  # tools like Claude Code keep state there
    try:
        done = subprocess.run(
            ["bash", "-e", "-o", "pipefail", str(script)],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=SHELL_TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        reason = f"{path.name} did not finish within {SHELL_TIMEOUT}s"
        pytest.fail(reason, pytrace=False)
    if done.returncode != 0:
        output = to_public(done.stdout + done.stderr, gateway.root_url)
        pytest.fail(f"{path.name} exited {done.returncode}:\n{output}", pytrace=False)
    assert gateway.key not in done.stdout + done.stderr, "a snippet printed the key"
    if gateway.live or not shows_output(path):
        return
    printed = to_public(done.stdout, gateway.root_url)
    updated = shell_output.render(original, printed)
    if updated == original:
        return
    if request.config.getoption("update_examples"):
        path.write_text(updated, encoding="utf-8")
        return
    pytest.fail(
        "printed output differs from the #> lines (refresh with "
        "`pytest --update-examples`):\n"
        + shell_output.diff(path.name, original, updated),
        pytrace=False,
    )


def test_shell_output_catches_a_wrong_line(
    shell_gateway, tmp_path: Path, request: pytest.FixtureRequest
):
    """The #> block is really compared: a wrong line fails the snippet, and
    `--update-examples` writes what the run printed instead."""
    if shell_gateway.live:
        pytest.skip("output is compared against the mock only")
    script = (
        "curl -sS -o /dev/null -D - https://www.ezrouter.dev/v1/models \\\n"
        '  -H "Authorization: Bearer $EZROUTER_API_KEY" \\\n'
        '  | grep -i "^x-oneapi-request-id"\n'
    )
    copy = tmp_path / "curl" / "request_id.sh"
    copy.parent.mkdir()
    copy.write_text(script + "#> x-oneapi-request-id: not-the-real-id\n", "utf-8")
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    if not request.config.getoption("update_examples"):
        with pytest.raises(pytest.fail.Exception, match="not-the-real-id"):
            test_shell_snippet(copy, shell_gateway, run_dir, request)
        return
    test_shell_snippet(copy, shell_gateway, run_dir, request)
    _, printed = shell_output.split(copy.read_text("utf-8"))
    assert len(printed) == 1, printed
    assert printed[0].startswith("x-oneapi-request-id: 20261201120000"), printed


@pytest.mark.parametrize("path", TS_FILES, ids=_ids(TS_FILES))
def test_typescript_snippet(path: Path, gateway, node, request: pytest.FixtureRequest):
    original = path.read_text(encoding="utf-8")
    env = snippet_env(gateway.key, loopback=not gateway.live)
    try:
        source = to_gateway(original, gateway.root_url)
        run = typescript.run_typescript(source, path.name, node, env)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{path.name} did not finish within its timeout", pytrace=False)
    if run.returncode != 0:
        output = to_public(run.stdout + run.stderr, gateway.root_url)
        pytest.fail(f"{path.name} exited {run.returncode}:\n{output}", pytrace=False)
    if gateway.live:
        return
    # The swapped URL moved no line, so the calls' lines are the file's own.
    updated = typescript.render_output(original, run.calls)
    if updated == original:
        return
    if request.config.getoption("update_examples"):
        path.write_text(updated, encoding="utf-8")
        return
    diff = typescript.output_diff(path.name, original, updated)
    pytest.fail(
        "printed output differs from the //> lines (refresh with "
        "`pytest --update-examples`):\n" + diff,
        pytrace=False,
    )


PARSERS = {
    ".json": json.loads,
    ".toml": tomllib.loads,
    ".yaml": yaml.safe_load,
    ".yml": yaml.safe_load,
}


def test_config_snippets_parse():
    """Config files shown on a page (JSON/TOML/YAML) must at least parse, and any
    other kind of file needs a way to be verified before it can be a snippet."""
    problems = []
    for path in DATA_FILES:
        name = path.relative_to(SNIPPETS).as_posix()
        parse = PARSERS.get(path.suffix)
        if parse is None:
            problems.append(f"{name}: snippets are .py, .sh, .ts or .json/.toml/.yaml")
            continue
        try:
            parse(path.read_text(encoding="utf-8"))
        except (ValueError, yaml.YAMLError) as exc:  # JSON/TOML errors are ValueErrors
            problems.append(f"{name}: {exc}")
    assert not problems, "\n".join(problems)


def test_snippets_exist():
    """An empty snippets/ would make every parametrized test above vanish silently."""
    assert PY_FILES, f"no Python snippets found under {SNIPPETS}"
