"""`ezrouter-mock run FILE`: one snippet, the harness's swap, a clear exit status.

Readers and page authors use it to try a snippet by hand, so it must behave like the
test suite (same URL swap, same key) and fail with a one-line message, never a
traceback, when given something it cannot run.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from ezrouter_mock.mock.http.server import MockServer

ROOT = Path(__file__).resolve().parents[2]
PUBLIC = "https://www.ezrouter.dev"
LOCAL = "http://127.0.0.1:8080"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EZROUTER_")}
    return subprocess.run(
        [sys.executable, "-m", "ezrouter_mock.cli", "run", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def shown_output(snippet: Path, marker: str) -> list[str]:
    """The output a snippet's page shows: its `marker` comment lines."""
    lines = snippet.read_text().splitlines()
    return [line.removeprefix(marker) for line in lines if line.startswith(marker)]


def test_runs_the_quickstart_and_prints_what_the_page_shows():
    snippet = ROOT / "snippets" / "anthropic" / "quickstart.py"
    done = run(str(snippet))
    assert done.returncode == 0, done.stderr
    shown = shown_output(snippet, "#> ")
    assert shown and done.stdout.splitlines() == shown
    assert "mock gateway at http://127.0.0.1:" in done.stderr


def test_runs_a_typescript_snippet_under_the_pinned_node(node):
    snippet = ROOT / "snippets" / "typescript" / "openai" / "quickstart.ts"
    done = run(str(snippet))
    assert done.returncode == 0, done.stderr
    shown = shown_output(snippet, "//> ")
    assert shown and done.stdout.splitlines() == shown


def test_shell_snippet_gets_the_mock_key(tmp_path: Path):
    script = tmp_path / "models.sh"
    script.write_text(
        f'curl -sS --fail "{PUBLIC}/v1/models" '
        '-H "Authorization: Bearer $EZROUTER_API_KEY" -o /dev/null\n'
        'echo "key is set: ${EZROUTER_API_KEY:+yes}"\n'
    )
    done = run(str(script))
    assert done.returncode == 0, done.stderr
    assert done.stdout == "key is set: yes\n"


def test_exit_status_of_a_failing_snippet_passes_through(tmp_path: Path):
    script = tmp_path / "boom.py"
    script.write_text('raise SystemExit("boom")\n')
    done = run(str(script))
    assert done.returncode == 1
    assert "boom" in done.stderr


def test_the_file_on_disk_is_not_changed(tmp_path: Path):
    script = tmp_path / "url.py"
    text = f'print("{PUBLIC}/anthropic")\n'
    script.write_text(text)
    done = run(str(script))
    assert done.returncode == 0
    assert done.stdout.startswith("http://127.0.0.1:")  # the run saw the swap
    assert script.read_text() == text


def test_gateway_option_uses_a_running_mock(ezrouter_mock, tmp_path: Path):
    script = tmp_path / "url.py"
    script.write_text(f'print("{PUBLIC}")\n')
    done = run(str(script), "--gateway", ezrouter_mock.root_url)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ezrouter_mock.root_url + "\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no/such/file.py"], "no such file"),
        (["README.md"], "can only run .py, .sh or .ts snippets"),
        (["snippets/anthropic/quickstart.py", "--port", "70000"], "--port must be"),
        (["snippets/anthropic/quickstart.py", "--gateway", "ftp://x"], "http(s) URL"),
        (
            ["snippets/anthropic/quickstart.py", "--gateway", "https://gw.invalid"],
            "set EZROUTER_API_KEY",
        ),
        (
            ["snippets/anthropic/quickstart.py", "--gateway", f"{LOCAL}/anthropic"],
            f"takes the gateway root, not a surface's base URL: pass {LOCAL}",
        ),
        (
            ["snippets/anthropic/quickstart.py", "--gateway", f"{LOCAL}/v1/"],
            f"takes the gateway root, not a surface's base URL: pass {LOCAL}",
        ),
    ],
)
def test_bad_input_gets_one_clear_line(args: list[str], message: str):
    done = run(*args)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_a_dead_gateway_is_named_before_the_snippet_runs():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    done = run("snippets/anthropic/quickstart.py", "--gateway", dead)
    assert done.returncode == 2
    assert done.stderr.startswith(
        f"ezrouter-mock run: cannot reach the gateway at {dead}"
    )
    assert len(done.stderr.splitlines()) == 1 and done.stdout == ""


def test_a_mock_that_refuses_the_local_key_is_named(tmp_path: Path):
    with MockServer(keys=["sk-some-other-key"]) as other:
        done = run("snippets/anthropic/quickstart.py", "--gateway", other.root_url)
    assert done.returncode == 2
    assert "refused its local key (HTTP 401)" in done.stderr
    assert "EZROUTER_MOCK_KEY" in done.stderr and "Traceback" not in done.stderr


def test_a_file_without_the_public_url_runs_with_a_warning(tmp_path: Path):
    script = tmp_path / "local.py"
    script.write_text('print("ran")\n')
    done = run(str(script))
    assert done.returncode == 0 and done.stdout == "ran\n"
    assert f"warning: {script} does not contain {PUBLIC}" in done.stderr


def test_busy_port_gets_one_clear_line(ezrouter_mock):
    done = run("snippets/anthropic/quickstart.py", "--port", str(ezrouter_mock.port))
    assert done.returncode == 2
    assert "cannot start the mock" in done.stderr
    assert "Traceback" not in done.stderr


def test_binary_file_gets_one_clear_line(tmp_path: Path):
    snippet = tmp_path / "binary.py"
    snippet.write_bytes(b"\xff\xfe\x00print()")
    done = run(str(snippet))
    assert done.returncode == 2
    assert "cannot read it as UTF-8" in done.stderr
    assert "Traceback" not in done.stderr
