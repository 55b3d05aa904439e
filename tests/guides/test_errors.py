"""What the Errors guide says about SDK exceptions and retries holds against the mock.

The guide's snippets show handling code; retry behaviour cannot be shown there without
faking failures, so it is demonstrated here with the mock's fault injection instead:
each claim in the "What each SDK raises" table and the "Retries and timeouts" section
is exercised with both official SDKs on a fresh mock.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import anthropic
import openai
import pytest

from ezrouter_mock.snippets import snippet_env, to_gateway

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "guides" / "errors.md"
SNIPPETS = ROOT / "snippets"


def exception_table() -> list[tuple[int, str, str]]:
    """(status, anthropic class, openai class) rows of the guide's exception table."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split("## What each SDK raises", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (\d{3}) \| `(\w+)` \| `(\w+)` \|$", section, re.MULTILINE)
    return [(int(status), a, o) for status, a, o in rows]


ROWS = exception_table()


def anthropic_client(mock, **options) -> anthropic.Anthropic:
    return anthropic.Anthropic(base_url=mock.anthropic_url, api_key=mock.key, **options)


def openai_client(mock, **options) -> openai.OpenAI:
    return openai.OpenAI(base_url=mock.openai_url, api_key=mock.key, **options)


def call_anthropic(client: anthropic.Anthropic) -> str:
    message = client.messages.create(
        model="claude-haiku-4-5",
        max_tokens=32,
        messages=[{"role": "user", "content": "Hi"}],
    )
    return message.content[0].text


def call_openai(client: openai.OpenAI) -> str:
    stream = client.chat.completions.create(
        model="claude-haiku-4-5",
        max_tokens=32,
        messages=[{"role": "user", "content": "Hi"}],
        stream=True,
    )
    return "".join(c.choices[0].delta.content or "" for c in stream if c.choices)


SURFACES = {
    "anthropic": (anthropic_client, call_anthropic, "/anthropic/v1/messages"),
    "openai": (openai_client, call_openai, "/v1/chat/completions"),
}


def attempts(mock, path: str) -> int:
    """How many requests reached `path` (each retry is one more)."""
    return sum(1 for entry in mock.journal if entry.path == path)


def test_the_table_was_found():
    statuses = [row[0] for row in ROWS]
    assert {401, 403, 500, 529} <= set(statuses), statuses


@pytest.mark.parametrize(("status", "anthropic_name", "openai_name"), ROWS)
def test_sdk_raises_what_the_table_says(
    status, anthropic_name, openai_name, ezrouter_mock_fresh
):
    mock = ezrouter_mock_fresh
    for surface, expected in (("anthropic", anthropic_name), ("openai", openai_name)):
        make, call, _ = SURFACES[surface]
        mock.faults.push(status=status)
        with pytest.raises(Exception) as caught:
            call(make(mock, max_retries=0))
        assert type(caught.value).__name__ == expected, (surface, status)
        assert caught.value.status_code == status


@pytest.mark.parametrize("surface", SURFACES)
def test_one_5xx_is_retried_and_the_call_succeeds(surface, ezrouter_mock_fresh):
    mock = ezrouter_mock_fresh
    make, call, path = SURFACES[surface]
    mock.faults.push(status=503)
    assert call(make(mock))  # default max_retries=2
    assert attempts(mock, path) == 2


@pytest.mark.parametrize("surface", SURFACES)
def test_retries_stop_after_three_attempts(surface, ezrouter_mock_fresh):
    mock = ezrouter_mock_fresh
    make, call, path = SURFACES[surface]
    for _ in range(3):
        mock.faults.push(status=502)
    error = (
        anthropic.InternalServerError
        if surface == "anthropic"
        else openai.InternalServerError
    )
    with pytest.raises(error):
        call(make(mock))
    assert attempts(mock, path) == 3


@pytest.mark.parametrize("surface", SURFACES)
def test_max_retries_zero_raises_on_the_first_failure(surface, ezrouter_mock_fresh):
    mock = ezrouter_mock_fresh
    make, call, path = SURFACES[surface]
    mock.faults.push(status=529)
    with pytest.raises(Exception) as caught:
        call(make(mock, max_retries=0))
    assert caught.value.status_code == 529
    assert attempts(mock, path) == 1


@pytest.mark.parametrize("surface", SURFACES)
def test_a_wrong_key_is_not_retried(surface, ezrouter_mock_fresh):
    mock = ezrouter_mock_fresh
    make, call, path = SURFACES[surface]
    client = make(mock).with_options(api_key="sk-not-a-real-key")
    with pytest.raises(Exception) as caught:
        call(client)
    assert caught.value.status_code == 401
    assert attempts(mock, path) == 1


@pytest.mark.parametrize("surface", SURFACES)
def test_a_hung_request_times_out(surface, ezrouter_mock_fresh):
    """The SDK cuts a hung request off at its timeout; the next call is answered."""
    mock = ezrouter_mock_fresh
    make, call, _ = SURFACES[surface]
    mock.faults.push(hang=True)
    error = (
        anthropic.APITimeoutError if surface == "anthropic" else openai.APITimeoutError
    )
    started = time.monotonic()
    with pytest.raises(error):
        call(make(mock, timeout=0.5, max_retries=0))
    assert time.monotonic() - started < 10
    assert call(make(mock))


@pytest.mark.parametrize("surface", SURFACES)
def test_handler_snippet_reports_a_persistent_5xx(surface, ezrouter_mock_fresh):
    """The guide's handler, run unchanged, takes the 5xx branch once retries run out."""
    mock = ezrouter_mock_fresh
    for _ in range(3):  # the first call, then its two retries
        mock.faults.push(status=502)
    script = SNIPPETS / surface / "handle_errors.py"
    code = to_gateway(script.read_text(encoding="utf-8"), mock.root_url)
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=snippet_env(mock.key),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.splitlines()
    assert first.startswith("502 "), first
    assert first.endswith("gateway or upstream failed; retry or try another model")
    assert second.startswith("403 access_denied: "), second
    assert "request id" in done.stderr  # the handler logs it for support tickets
