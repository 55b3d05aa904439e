"""The harness fails when it should, proven on throwaway projects.

Each test copies the real test modules, pyproject.toml and mkdocs.yml into a temporary
project with one snippet or page of its own and runs pytest there in a subprocess, so
nothing here touches the real snippets/ or docs/. A check that cannot fail would pass
every one of these runs; these assert the exit status and the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PUBLIC = "https://www.ezrouter.dev"
COPIED = [
    "pyproject.toml",
    "mkdocs.yml",
    "tests/conftest.py",
    "tests/site/test_snippets.py",
    "tests/support/__init__.py",
    "tests/support/shell_output.py",
    "tests/site/test_docs_integrity.py",
]

QUICKSTART = f'''import os

import anthropic

client = anthropic.Anthropic(
    base_url="{PUBLIC}/anthropic",
    api_key=os.environ["EZROUTER_API_KEY"],
)
message = client.messages.create(
    model="claude-sonnet-4-6",
    max_tokens=64,
    messages=[{{"role": "user", "content": "Say hi"}}],
)
print(client.base_url)
print(message.stop_reason)
'''


class Project:
    """A throwaway copy of the docs project with its own snippets/ and docs/."""

    def __init__(self, root: Path):
        self.root = root
        for name in COPIED:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / name, root / name)
        (root / "snippets").mkdir()
        (root / "docs").mkdir()

    def snippet(self, name: str, text: str) -> Path:
        path = self.root / "snippets" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return path

    def page(self, name: str, text: str) -> Path:
        path = self.root / "docs" / name
        path.write_text(text)
        return path

    def pytest(self, *args: str, **env_vars: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("EZROUTER_")}
        env.pop("PYTEST_ADDOPTS", None)
        env.update(env_vars)
        return subprocess.run(
            [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args],
            cwd=self.root,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)


def _out(done: subprocess.CompletedProcess[str]) -> str:
    return done.stdout + done.stderr


def test_update_fills_output_from_a_real_run_and_check_then_passes(project: Project):
    path = project.snippet("demo/hello.py", QUICKSTART)

    updated = project.pytest("tests/site/test_snippets.py", "--update-examples")
    assert updated.returncode == 0, _out(updated)
    text = path.read_text()
    # The printed base URL went through the mock, and was written back as public.
    assert f"#> {PUBLIC}/anthropic" in text
    assert "127.0.0.1" not in text
    assert "#> end_turn" in text

    checked = project.pytest("tests/site/test_snippets.py")
    assert checked.returncode == 0, _out(checked)
    assert path.read_text() == text  # a check run never writes


def test_wrong_output_comment_fails(project: Project):
    path = project.snippet("demo/hello.py", QUICKSTART)
    assert (
        project.pytest("tests/site/test_snippets.py", "--update-examples").returncode
        == 0
    )
    path.write_text(path.read_text().replace("#> end_turn", "#> max_tokens"))

    done = project.pytest("tests/site/test_snippets.py")
    assert done.returncode == 1, _out(done)
    assert "Print output changed code" in _out(done)
    assert "1 failed" in _out(done)


def test_raising_snippet_fails(project: Project):
    project.snippet("demo/boom.py", 'raise RuntimeError("the snippet broke")\n')
    done = project.pytest("tests/site/test_snippets.py")
    assert done.returncode == 1, _out(done)
    assert "the snippet broke" in _out(done)


def test_failing_shell_snippet_fails(project: Project):
    project.snippet("demo/hello.py", 'print("hi")\n#> hi\n')
    project.snippet("demo/bad.sh", 'echo "about to fail"\nfalse\necho "not reached"\n')
    done = project.pytest("tests/site/test_snippets.py")
    assert done.returncode == 1, _out(done)
    assert "demo/bad.sh" in _out(done) and "exited 1" in _out(done)


def test_shell_snippet_gets_key_and_swapped_url(project: Project):
    project.snippet("demo/hello.py", 'print("hi")\n#> hi\n')
    project.snippet(
        "demo/models.sh",
        f'curl -sS --fail-with-body "{PUBLIC}/v1/models" \\\n'
        '  -H "Authorization: Bearer $EZROUTER_API_KEY"\n',
    )
    done = project.pytest("tests/site/test_snippets.py")
    assert done.returncode == 0, _out(done)


def test_no_snippets_is_a_failure_not_an_empty_pass(project: Project):
    done = project.pytest("tests/site/test_snippets.py")
    assert done.returncode == 1, _out(done)
    assert "no Python snippets found" in _out(done)


def test_inline_code_block_fails_integrity(project: Project):
    project.snippet("demo/hello.py", 'print("hi")\n#> hi\n')
    project.page(
        "index.md",
        '# Demo\n\n```python {title="hello.py"}\n--8<-- "demo/hello.py"\n```\n\n'
        "```python\nprint('typed by hand')\n```\n",
    )
    done = project.pytest("tests/site/test_docs_integrity.py", "-k", "every_code_block")
    assert done.returncode == 1, _out(done)
    assert "docs/index.md:7" in _out(done)


def test_unused_snippet_fails_integrity(project: Project):
    project.snippet("demo/hello.py", 'print("hi")\n#> hi\n')
    project.snippet("demo/orphan.py", 'print("nobody includes me")\n')
    project.page("index.md", '# Demo\n\n```python\n--8<-- "demo/hello.py"\n```\n')
    done = project.pytest(
        "tests/site/test_docs_integrity.py", "-k", "included_by_a_page"
    )
    assert done.returncode == 1, _out(done)
    assert "demo/orphan.py" in _out(done)
    assert "demo/hello.py" not in _out(done).split("no page includes")[-1]


def test_live_mode_runs_without_comparing_output_but_still_fails_on_errors(
    project: Project, ezrouter_mock
):
    """Live mode, rehearsed against a loopback mock standing in for the live gateway."""
    path = project.snippet("demo/hello.py", QUICKSTART)
    assert (
        project.pytest("tests/site/test_snippets.py", "--update-examples").returncode
        == 0
    )
    path.write_text(path.read_text().replace("#> end_turn", "#> worded differently"))
    live = {
        "EZROUTER_LIVE": "1",
        "EZROUTER_LIVE_ROOT": ezrouter_mock.root_url,
        "EZROUTER_API_KEY": ezrouter_mock.key,
    }

    done = project.pytest("tests/site/test_snippets.py", **live)
    assert done.returncode == 0, _out(done)  # output differs: not a failure live

    project.snippet("demo/boom.py", 'raise RuntimeError("live failure")\n')
    done = project.pytest("tests/site/test_snippets.py", **live)
    assert done.returncode == 1, _out(done)
    assert "live failure" in _out(done)

    without_key = {k: v for k, v in live.items() if k != "EZROUTER_API_KEY"}
    done = project.pytest("tests/site/test_snippets.py", "-rs", **without_key)
    assert done.returncode == 0, _out(done)
    assert "live mode needs EZROUTER_API_KEY" in _out(done)


def test_snippet_reaching_past_loopback_fails(project: Project):
    """A URL that escaped the swap must not quietly reach the network."""
    project.snippet(
        "demo/escape.py",
        'import socket\n\nsocket.create_connection(("192.0.2.1", 443), timeout=2)\n',
    )
    done = project.pytest("tests/site/test_snippets.py")
    assert done.returncode == 1, _out(done)
    assert "tests run on loopback only" in _out(done)
