"""`make serve`: the docs and a mock gateway come up together and go down together.

Runs the real entry point (`python -m tools.docs_server`) on free loopback
ports, checks that the Anthropic-surface page renders its quickstart, runs the
quickstart the way the banner says and sees the mock log it, then sends SIGINT as
Ctrl-C would and expects both to be gone.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from ezrouter_mock.profile.endpoints import LOCAL_KEY
from tools.docs_server import port_problem

ROOT = Path(__file__).resolve().parents[2]
SERVE = [sys.executable, "-m", "tools.docs_server"]  # what `make serve` runs


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, timeout: float) -> list[httpx.Response]:
    """Every answer from `url` until one that is not the "building" page (503)."""
    deadline = time.monotonic() + timeout
    answers = []
    while True:
        try:
            answers.append(httpx.get(url, timeout=5))
            if answers[-1].status_code != 503:
                return answers
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url} still not served after {timeout}s: {answers}")
        time.sleep(0.3)


def is_listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def test_serve_renders_the_page_runs_the_mock_and_stops_on_ctrl_c(tmp_path: Path):
    mock_port, docs_port = free_port(), free_port()
    log = (tmp_path / "serve.log").open("w+")
    server = subprocess.Popen(
        [
            *SERVE,
            f"--mock-port={mock_port}",
            f"--docs-port={docs_port}",
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        start_new_session=True,
    )
    try:
        *building, page = wait_for(
            f"http://127.0.0.1:{docs_port}/guides/anthropic-surface/", timeout=120
        )
        # while the first build runs, the port already answers: a page that reloads
        for early in building:
            assert "Building the docs" in early.text
            assert early.headers["retry-after"] == "1"
        assert page.status_code == 200
        assert "quickstart.py" in page.text
        assert "https://www.ezrouter.dev/anthropic" in page.text
        log.seek(0)
        banner = log.read()
        assert (
            f"export ANTHROPIC_BASE_URL=http://127.0.0.1:{mock_port}/anthropic"
            in banner
        )
        # A reader following the banner alone: its run line, as printed.
        command = next(
            line.strip() for line in banner.splitlines() if "ezrouter-mock run" in line
        )
        assert command.startswith(".venv/bin/ezrouter-mock run ")
        argv = [sys.executable, "-m", "ezrouter_mock.cli", *shlex.split(command)[1:]]
        env = {k: v for k, v in os.environ.items() if not k.startswith("EZROUTER_")}
        done = subprocess.run(
            argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        quickstart = (ROOT / "snippets/anthropic/quickstart.py").read_text()
        assert done.stdout.splitlines()[0] in quickstart  # its asserted output
        log.seek(0)
        logged = log.read()
        assert re.search(
            r"^GET /v1/models  -  200  \d+ ms$", logged, re.M
        )  # run's up-front check
        assert re.search(
            r"^POST /anthropic/v1/messages  claude-sonnet-4-6  200  \d+ ms$",
            logged,
            re.M,
        )
        assert LOCAL_KEY in banner and LOCAL_KEY not in logged[len(banner) :]
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            status = server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            pytest.fail("make serve did not stop within 30s of Ctrl-C")
    assert status == 0
    assert not is_listening(mock_port) and not is_listening(docs_port)


def test_busy_ports_are_all_reported_in_one_message_before_anything_starts():
    with socket.socket() as one, socket.socket() as two:
        for held in (one, two):
            held.bind(("127.0.0.1", 0))
            held.listen()
        mock_port, docs_port = one.getsockname()[1], two.getsockname()[1]
        done = subprocess.run(
            [
                *SERVE,
                f"--mock-port={mock_port}",
                f"--docs-port={docs_port}",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    (message,) = done.stderr.splitlines()
    assert f"127.0.0.1:{mock_port} is already in use (the mock port)" in message
    assert f"127.0.0.1:{docs_port} is already in use (the docs port)" in message
    assert "SERVE_ARGS=" in message and done.stdout == ""


def test_help_describes_every_option_with_its_default():
    done = subprocess.run(
        [*SERVE, "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0
    text = " ".join(done.stdout.split())
    assert (
        "port of the mock gateway on 127.0.0.1 (0 = any free port) (default: 8080)"
        in text
    )
    assert "(`mkdocs serve`) on 127.0.0.1 (default: 8000)" in text
    assert "--key KEY a key the mock accepts" in text


def test_out_of_range_port_is_refused():
    assert "between 1 and 65535" in port_problem(0, "docs")
    assert port_problem(0, "mock") is None  # any free port
