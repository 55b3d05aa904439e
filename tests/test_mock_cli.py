"""`ezrouter-mock serve`: prints both base URLs and the accepted key, serves, and
stops on Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import httpx
import pytest

CMD = [sys.executable, "-m", "ezrouter_mock.cli", "serve", "--port", "0"]


def _start(extra=(), env_key=None):
    env = {k: v for k, v in os.environ.items() if k != "EZROUTER_API_KEY"}
    if env_key:
        env["EZROUTER_API_KEY"] = env_key
    proc = subprocess.Popen(
        [*CMD, *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    lines = [proc.stdout.readline() for _ in range(4)]
    return proc, lines


def _field(lines, label):
    return next(line.split(label, 1)[1].strip() for line in lines if label in line)


def _stop(proc):
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=10)
    return proc.returncode, out, err


def test_serve_prints_urls_and_generated_key():
    proc, lines = _start()
    try:
        openai_url = _field(lines, "OpenAI surface:")
        anthropic_url = _field(lines, "Anthropic surface:")
        key = _field(lines, "Accepted key:")
        assert openai_url.startswith("http://127.0.0.1:") and openai_url.endswith("/v1")
        assert anthropic_url == openai_url[: -len("/v1")] + "/anthropic"
        resp = httpx.get(
            openai_url + "/models", headers={"authorization": f"Bearer {key}"}
        )
        assert resp.status_code == 200
        assert (
            httpx.get(
                openai_url + "/models", headers={"authorization": "Bearer nope"}
            ).status_code
            == 401
        )
    finally:
        code, out, err = _stop(proc)
    assert code == 0 and "stopped" in out
    assert "Traceback" not in err


def test_key_from_environment_is_accepted_but_not_printed():
    proc, lines = _start(env_key="sk-from-env-123")
    try:
        assert "EZROUTER_API_KEY" in _field(lines, "Accepted key:")
        url = _field(lines, "OpenAI surface:")
        assert (
            httpx.get(
                url + "/models", headers={"authorization": "Bearer sk-from-env-123"}
            ).status_code
            == 200
        )
    finally:
        code, out, _ = _stop(proc)
    assert "sk-from-env-123" not in "".join(lines) + out


def test_key_flags_win_over_environment():
    proc, lines = _start(["--key", "sk-flag-a", "--key", "sk-flag-b"], env_key="sk-env")
    try:
        url = _field(lines, "OpenAI surface:")
        for key, status in (("sk-flag-a", 200), ("sk-flag-b", 200), ("sk-env", 401)):
            assert (
                httpx.get(
                    url + "/models", headers={"authorization": f"Bearer {key}"}
                ).status_code
                == status
            )
    finally:
        _stop(proc)
    assert "sk-flag" not in "".join(lines)


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
