"""`make serve`: the docs and a mock gateway come up together and go down together.

Runs the real entry point (`python -m tools.docs_server`) on free loopback
ports, checks that the Anthropic-surface page renders its quickstart and that the mock
answers, then sends SIGINT as Ctrl-C would and expects both to be gone.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tools.docs_server import port_problem

ROOT = Path(__file__).resolve().parents[1]


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
            sys.executable,
            "-m",
            "tools.docs_server",
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
        models = httpx.get(
            f"http://127.0.0.1:{mock_port}/v1/models",
            headers={"Authorization": "Bearer sk-ezrouter-mock-local-key"},
        )
        assert models.status_code == 200
        log.seek(0)
        banner = log.read()
        assert f"http://127.0.0.1:{mock_port}/anthropic" in banner
        assert "ezrouter-mock run" in banner
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            status = server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            pytest.fail("make serve did not stop within 30s of Ctrl-C")
    assert status == 0
    assert not is_listening(mock_port) and not is_listening(docs_port)


def test_busy_port_is_reported_before_anything_starts():
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        port = held.getsockname()[1]
        problem = port_problem(port, "mock")
        done = subprocess.run(
            [sys.executable, "-m", "tools.docs_server", f"--mock-port={port}"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert problem and f"127.0.0.1:{port} is already in use" in problem
    assert done.returncode == 2
    assert "already in use" in done.stderr and "Traceback" not in done.stderr


def test_out_of_range_port_is_refused():
    assert "between 1 and 65535" in port_problem(0, "docs")
