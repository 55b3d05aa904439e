"""The Rate limits guide's client does what the guide says, under queued faults.

ezrouter advises a ~60 s timeout, retries on 5xx and network errors but not on 429,
and cancelling a slow request to try again, possibly with another model. The guide's
snippet (snippets/openai/capacity_client.py) is run unchanged, apart from the gateway
URL and, for the hang, a shorter timeout, against a fresh mock with faults queued.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ezrouter_mock.snippets import snippet_env, to_gateway

ROOT = Path(__file__).resolve().parents[2]
SNIPPET = ROOT / "snippets" / "openai" / "capacity_client.py"
CHAT = "/v1/chat/completions"


def run_snippet(mock, timeout: float | None = None) -> subprocess.CompletedProcess:
    code = to_gateway(SNIPPET.read_text(encoding="utf-8"), mock.root_url)
    if timeout is not None:
        assert "timeout=60.0" in code
        code = code.replace("timeout=60.0", f"timeout={timeout}")
    return subprocess.run(
        [sys.executable, "-c", code],
        env=snippet_env(mock.key),
        capture_output=True,
        text=True,
        timeout=60,
    )


def chat_calls(mock) -> list:
    return [e for e in mock.journal if e.path == CHAT]


def test_a_5xx_is_retried_with_the_next_model(ezrouter_mock_fresh):
    mock = ezrouter_mock_fresh
    mock.faults.push(status=502)
    done = run_snippet(mock)
    assert done.returncode == 0, done.stderr
    failed, answer = done.stdout.splitlines()
    assert failed == "attempt 1 with claude-sonnet-4-6 failed: InternalServerError"
    assert answer.startswith("('deepseek-v4-pro', ")
    calls = chat_calls(mock)
    assert [c.status for c in calls] == [502, 200]
    assert [c.json["model"] for c in calls] == ["claude-sonnet-4-6", "deepseek-v4-pro"]
    assert all(c.json["user_id"] == "user-1234" for c in calls)


def test_a_hung_request_is_cut_off_and_retried(ezrouter_mock_fresh):
    mock = ezrouter_mock_fresh
    mock.faults.push(hang=True)
    done = run_snippet(mock, timeout=1.0)
    assert done.returncode == 0, done.stderr
    failed, answer = done.stdout.splitlines()
    assert failed == "attempt 1 with claude-sonnet-4-6 failed: APITimeoutError"
    assert answer.startswith("('deepseek-v4-pro', ")


def test_a_429_is_not_retried(ezrouter_mock_fresh):
    mock = ezrouter_mock_fresh
    mock.faults.push(status=429)
    done = run_snippet(mock)
    assert done.returncode == 1
    assert "openai.RateLimitError" in done.stderr
    assert done.stdout == ""
    assert [c.status for c in chat_calls(mock)] == [429]


def test_persistent_5xx_gives_up_after_three_attempts(ezrouter_mock_fresh):
    mock = ezrouter_mock_fresh
    mock.faults.push(status=503, times=3)
    done = run_snippet(mock)
    assert done.returncode == 1
    assert "RuntimeError: no answer after 3 attempts" in done.stderr
    assert len(done.stdout.splitlines()) == 3
    assert [c.status for c in chat_calls(mock)] == [503, 503, 503]
