"""Claude Code, headless, against the mock's Anthropic surface.

This is the coding-agent setup the guides describe: ``ANTHROPIC_BASE_URL`` pointing
at ``<root>/anthropic`` and ``ANTHROPIC_AUTH_TOKEN`` holding the key. The CLI is
looked up on PATH, then in ``.cache/claude-code`` (where
``npm install --prefix .cache/claude-code @anthropic-ai/claude-code`` puts it).
One ``claude -p`` run per module; the tests then read its output and the journal.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import httpx
import jsonschema
import pytest

from ezrouter_mock.mock.http.server import MockServer

ROOT = Path(__file__).resolve().parents[1]
LOCAL_BIN = ROOT / ".cache" / "claude-code" / "node_modules" / ".bin" / "claude"
MODEL = "claude-sonnet-4-6"
PROMPT = "Say hi"

pytestmark = pytest.mark.claude_code


def find_claude() -> str | None:
    found = shutil.which("claude")
    if found:
        return found
    return str(LOCAL_BIN) if LOCAL_BIN.exists() else None


@dataclass
class Run:
    mock: MockServer
    done: subprocess.CompletedProcess
    requests: list

    @property
    def posts(self) -> list:
        return [r for r in self.requests if r.method == "POST"]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    claude = find_claude()
    if claude is None:
        pytest.skip("claude CLI not found (npm install @anthropic-ai/claude-code)")
    home = tmp_path_factory.mktemp("home")
    work = tmp_path_factory.mktemp("work")
    with MockServer() as mock:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "ANTHROPIC_BASE_URL": mock.anthropic_url,
            "ANTHROPIC_AUTH_TOKEN": mock.key,
            "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
            "DISABLE_AUTOUPDATER": "1",
        }
        done = subprocess.run(
            [claude, "-p", PROMPT, "--model", MODEL],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
            stdin=subprocess.DEVNULL,
        )
        yield Run(mock, done, list(mock.journal))


def ask(mock: MockServer, body: dict) -> dict:
    """The mock's non-streamed answer to ``body``, on the ``?beta=true`` route Claude
    Code posts to: its bodies carry beta fields (``context_management``) that the
    plain route's upstream schema refuses."""
    response = httpx.post(
        mock.anthropic_url + "/v1/messages",
        params={"beta": "true"},
        json=dict(body, stream=False),
        headers={"x-api-key": mock.key, "anthropic-version": "2023-06-01"},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    return response.json()


def text_of(message: dict) -> str:
    return "".join(b["text"] for b in message["content"] if b["type"] == "text")


def test_exits_0_and_prints_the_mocks_answer(run):
    assert run.done.returncode == 0, run.done.stderr[-2000:]
    assert run.posts, "Claude Code sent no message request"
    expected = text_of(ask(run.mock, run.posts[-1].json))
    assert expected.strip()
    assert run.done.stdout.strip() == expected.strip()


def test_requests_match_what_claude_code_is_known_to_send(run):
    heads = [r for r in run.requests if r.method == "HEAD"]
    assert [r.path.rstrip("/") for r in heads] == ["/anthropic"]
    for post in run.posts:
        assert post.path == "/anthropic/v1/messages"
        assert "beta=true" in post.query
        assert post.headers["authorization"] == "[redacted]"
        assert post.headers["anthropic-beta"]
        assert post.json["stream"] is True
        assert post.json["model"] == MODEL
        assert post.json["thinking"]["type"] == "adaptive"
    assert run.mock.key not in repr(run.requests), "the journal must not hold the key"


def test_say_hi_is_answered_without_tools(run):
    # A greeting needs no tool: one request, answered in text.
    assert len(run.posts) == 1, (
        f"{len(run.posts)} requests: the mock answered {PROMPT!r} with a tool call; "
        f"Claude Code printed {run.done.stdout.strip()[:200]!r}"
    )
    answer = ask(run.mock, run.posts[0].json)
    assert answer["stop_reason"] == "end_turn"
    assert "hello" in text_of(answer).lower()


def test_forced_tool_inputs_satisfy_claude_code_schemas(run):
    # Claude Code's 24 tools are real-world schemas (patterns, enums, nested
    # objects). Forcing each one must yield input that validates against it.
    body = dict(run.posts[0].json)
    body.pop("thinking")  # forcing a tool is incompatible with thinking upstream too
    tools = body["tools"]
    assert len(tools) >= 10
    failures = {}
    for tool in tools:
        answer = ask(
            run.mock, dict(body, tool_choice={"type": "tool", "name": tool["name"]})
        )
        (call,) = [b for b in answer["content"] if b["type"] == "tool_use"]
        assert call["name"] == tool["name"]
        schema = tool["input_schema"]
        validator_class = jsonschema.validators.validator_for(schema)
        validator = validator_class(
            schema, format_checker=validator_class.FORMAT_CHECKER
        )
        errors = [e.message for e in validator.iter_errors(call["input"])]
        if errors:
            failures[tool["name"]] = errors[:3]
    assert not failures, failures
