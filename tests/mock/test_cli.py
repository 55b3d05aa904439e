"""`ezrouter-mock serve`: prints how to point code at it (the shared banner, with the
one local key), logs each request without a key, and stops on Ctrl-C."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys

import httpx
import pytest

from ezrouter_mock.mock.banner import serve_lines
from ezrouter_mock.mock.http.journal import BODY_LIMIT, RecordedRequest
from ezrouter_mock.mock.http.server import DEFAULT_KEY
from ezrouter_mock.mock.requestlog import format_line
from ezrouter_mock.profile import load_profile
from ezrouter_mock.profile.endpoints import LOCAL_KEY

CMD = [sys.executable, "-m", "ezrouter_mock.cli", "serve", "--port", "0"]


def _start(extra=(), env_extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("EZROUTER_")}
    env.update(env_extra or {})
    proc = subprocess.Popen(
        [*CMD, *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    lines = []
    while not lines or lines[-1] != "Ctrl-C stops it.":
        line = proc.stdout.readline()
        assert line, "serve exited before its banner: " + proc.stderr.read()
        lines.append(line.rstrip("\n"))
    return proc, lines


def _root(lines):
    return lines[0].split(" on ", 1)[1]


def _status(root, key):
    headers = {"authorization": f"Bearer {key}"}
    return httpx.get(root + "/v1/models", headers=headers).status_code


def _stop(proc):
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=10)
    return proc.returncode, out, err


def test_serve_tells_how_to_connect_and_logs_each_request():
    proc, lines = _start()
    try:
        root = _root(lines)
        assert lines == serve_lines(_Started(root), None) + ["Ctrl-C stops it."]
        assert (
            f"  export EZROUTER_API_KEY={LOCAL_KEY}  # a local test key"
            in "\n".join(lines)
        )
        reply = httpx.post(
            root + "/anthropic/v1/messages",
            headers={"x-api-key": LOCAL_KEY, "anthropic-version": "2023-06-01"},
            json={
                "model": "claude-haiku-4-5",
                "max_tokens": 16,
                "messages": [{"role": "user", "content": "hi"}],
            },
        )
        assert reply.status_code == 200
        logged = proc.stdout.readline()
        assert re.fullmatch(
            r"POST /anthropic/v1/messages  claude-haiku-4-5  200  \d+ ms\n", logged
        )
        assert _status(root, "sk-wrong") == 401
        assert re.fullmatch(r"GET /v1/models  -  401  \d+ ms\n", proc.stdout.readline())
    finally:
        code, out, err = _stop(proc)
    assert code == 0 and "stopped" in out
    assert "sk-wrong" not in out + err and "Traceback" not in err


class _Started:
    """What serve_lines reads from a started mock, for comparing banners."""

    def __init__(self, root):
        self.root_url, self.keys = root, [LOCAL_KEY]
        self.profile = load_profile()


def test_one_default_key_for_every_way_of_starting_the_mock():
    assert DEFAULT_KEY == LOCAL_KEY  # in-process MockServer() and the commands


def test_a_key_in_ezrouter_api_key_is_neither_used_nor_shown():
    """It may be the reader's real key: the mock keeps its local key and says so."""
    proc, lines = _start(env_extra={"EZROUTER_API_KEY": "sk-live-123"})
    try:
        root = _root(lines)
        assert _status(root, LOCAL_KEY) == 200
        assert _status(root, "sk-live-123") == 401
    finally:
        code, out, err = _stop(proc)
    assert "EZROUTER_API_KEY is set in this shell to a key this mock does not" in err
    assert "sk-live-123" not in "\n".join(lines) + out + err


def test_key_flags_win_over_ezrouter_mock_key_and_neither_is_shown():
    proc, lines = _start(["--key", "sk-flag-a", "--key", "sk-flag-b"])
    try:
        root = _root(lines)
        for key, status in (("sk-flag-a", 200), ("sk-flag-b", 200), (LOCAL_KEY, 401)):
            assert _status(root, key) == status
    finally:
        _stop(proc)
    assert "sk-flag" not in "\n".join(lines)
    assert "  export EZROUTER_API_KEY='<the key from --key>'" in lines
    proc, lines = _start(env_extra={"EZROUTER_MOCK_KEY": "sk-env-mock"})
    try:
        assert _status(_root(lines), "sk-env-mock") == 200
    finally:
        _stop(proc)
    assert "sk-env-mock" not in "\n".join(lines)


@pytest.mark.parametrize(
    "args,needle",
    [
        (["--port", "70000"], "--port"),
        (["--divergence-off", "nope"], "unknown divergence"),
        (["--pacing", "-1"], "--pacing"),
        (["--idle-timeout", "0"], "--idle-timeout"),
        (["--body-timeout", "-3"], "--body-timeout"),
        (["--profile", "/nonexistent.yaml"], "profile"),
    ],
)
def test_bad_arguments_give_a_clear_message(args, needle):
    result = subprocess.run(
        [sys.executable, "-m", "ezrouter_mock.cli", "serve", *args],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert needle in result.stderr and "Traceback" not in result.stderr


def test_the_log_line_names_the_model_of_a_body_the_journal_kept_cut():
    """Claude Code's requests exceed the journal's body limit; the line still names
    the model, from the kept prefix."""
    raw = b'{"model": "claude-opus-4-7", "system": "' + b"x" * BODY_LIMIT
    record = RecordedRequest("POST", "/anthropic/v1/messages", "", {}, status=200)
    record.raw, record.body_size, record.stream = raw[:BODY_LIMIT], len(raw), True
    assert format_line(record, 0.0123) == (
        "POST /anthropic/v1/messages  claude-opus-4-7  200  12 ms  stream"
    )


def test_help_names_the_connection_timeouts_and_their_defaults():
    result = subprocess.run(
        [sys.executable, "-m", "ezrouter_mock.cli", "serve", "--help"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    text = " ".join(result.stdout.split())
    options = text.partition("options:")[2]
    for flag, default in (("idle", 15.0), ("head", 10.0), ("body", 30.0)):
        described = options.split(f"--{flag}-timeout SECONDS ")[1].split(" --")[0]
        assert described.endswith(f"(default: {default})")
