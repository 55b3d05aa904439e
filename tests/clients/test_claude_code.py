"""Claude Code, headless, run exactly as docs/guides/claude-code.md configures it.

The page's script (``snippets/agents/claude-code.sh``) runs unchanged apart from the
gateway root, with no extra flags, so a reader who follows the page with default
Claude Code settings gets what these tests see. The other runs show what the page says
happens off that path: no model variables, a wrong key, a non-claude model id.
The CLI is looked up on PATH, then in ``.cache/claude-code`` (where ``.ci/run``
installs the pinned version).
"""

from __future__ import annotations

import re

import jsonschema
import pytest
from support.agent_cli import (
    ROOT,
    assert_page_states_the_version,
    exports,
    find_agent,
    posts,
    run_snippet,
)
from support.http import MESSAGES, answer

from ezrouter_mock.mock.http.server import MockServer

SNIPPET = "agents/claude-code.sh"
PAGE = ROOT / "docs" / "guides" / "claude-code.md"
SETTINGS = exports(SNIPPET)
MODEL_VARS = {k: v for k, v in SETTINGS.items() if k.endswith("_MODEL")}

pytestmark = pytest.mark.claude_code


@pytest.fixture(scope="module")
def mock():
    if find_agent("claude", "claude-code") is None:
        pytest.skip(
            "claude CLI not found (.ci/run installs it into .cache/claude-code)"
        )
    with MockServer() as server:
        yield server


def _run(mock, tmp_path_factory, **kwargs):
    work = tmp_path_factory.mktemp("work")
    home = tmp_path_factory.mktemp("home")
    return run_snippet(
        SNIPPET, mock, work, home, agent_dir="claude-code", timeout=180, **kwargs
    )


@pytest.fixture(scope="module")
def run(mock, tmp_path_factory):
    return _run(mock, tmp_path_factory)


def ask(mock: MockServer, body: dict) -> dict:
    """The mock's non-streamed answer to ``body``, on the ``?beta=true`` route Claude
    Code posts to: its bodies carry beta fields (``context_management``) that the
    plain route's upstream schema refuses."""
    version = {"anthropic-version": "2023-06-01"}
    beta = MESSAGES + "?beta=true"
    return answer(mock, beta, dict(body, stream=False), headers=version, timeout=30)


def text_of(message: dict) -> str:
    return "".join(b["text"] for b in message["content"] if b["type"] == "text")


def test_page_names_every_model_variable():
    assert set(MODEL_VARS) >= {
        "ANTHROPIC_MODEL",
        "ANTHROPIC_DEFAULT_OPUS_MODEL",
        "ANTHROPIC_DEFAULT_SONNET_MODEL",
        "ANTHROPIC_DEFAULT_HAIKU_MODEL",
    }


def test_every_model_the_page_sets_is_served_on_the_anthropic_surface(mock):
    catalog = {m.id: m for m in mock.profile.models}
    for name, model in MODEL_VARS.items():
        assert model in catalog, f"{name}={model} is not in the catalog"
        assert "anthropic" in catalog[model].surfaces, f"{name}={model}"


def test_exits_0_and_prints_the_mocks_answer(run, mock):
    assert run.done.returncode == 0, run.stdout + run.stderr[-2000:]
    assert run.posts, "Claude Code sent no message request"
    expected = text_of(ask(mock, run.posts[-1].json))
    assert expected.strip()
    assert run.stdout.strip() == expected.strip()


def test_requests_match_what_claude_code_is_known_to_send(run, mock):
    heads = [r for r in run.requests if r.method == "HEAD"]
    assert [r.path.rstrip("/") for r in heads] == ["/anthropic"]
    for post in run.posts:
        assert post.path == "/anthropic/v1/messages"
        assert "beta=true" in post.query
        assert post.headers["authorization"] == "[redacted]"
        assert post.headers["anthropic-beta"]
        assert post.json["stream"] is True
        assert post.json["thinking"]["type"] == "adaptive"
    assert mock.key not in repr(run.requests), "the journal must not hold the key"


def test_page_states_the_version_that_ran(run):
    """The page renders its version from matrix/clients.json, which must name the
    release whose User-Agent the mock's journal saw."""
    agent = run.posts[0].headers["user-agent"]  # claude-cli/2.1.197 (external, ...)
    version = re.match(r"claude-cli/(\S+)", agent).group(1)
    assert_page_states_the_version("claude-code", "Claude Code", version, PAGE)


def test_main_call_uses_anthropic_model(run):
    assert [p.json["model"] for p in run.posts] == [MODEL_VARS["ANTHROPIC_MODEL"]]


def test_without_anthropic_model_the_opus_tier_is_used(mock, tmp_path_factory):
    def edit(text: str) -> str:
        return "\n".join(
            line for line in text.splitlines() if "export ANTHROPIC_MODEL=" not in line
        )

    run = _run(mock, tmp_path_factory, edit=edit)
    assert run.done.returncode == 0, run.stdout + run.stderr[-2000:]
    assert [p.json["model"] for p in run.posts] == [
        MODEL_VARS["ANTHROPIC_DEFAULT_OPUS_MODEL"]
    ]


def test_say_hi_is_answered_without_tools(run, mock):
    # A greeting needs no tool: one request, answered in text.
    assert len(run.posts) == 1, (
        f"{len(run.posts)} requests: the mock answered with a tool call; "
        f"Claude Code printed {run.stdout.strip()[:200]!r}"
    )
    answer = ask(mock, run.posts[0].json)
    assert answer["stop_reason"] == "end_turn"
    assert "hello" in text_of(answer).lower()


def test_forced_tool_inputs_satisfy_claude_code_schemas(run, mock):
    # Claude Code's 24 tools are real-world schemas (patterns, enums, nested
    # objects). Forcing each one must yield input that validates against it.
    body = dict(run.posts[0].json)
    body.pop("thinking")  # forcing a tool is incompatible with thinking upstream too
    tools = body["tools"]
    assert len(tools) >= 10
    failures = {}
    for tool in tools:
        answer = ask(
            mock, dict(body, tool_choice={"type": "tool", "name": tool["name"]})
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


# Background calls (naming the session) are "nonessential traffic": the page's setting
# turns them off. To see which model they use, run with that setting off but every
# other Anthropic-bound feature off one by one, and a dead proxy for whatever is left.
BACKGROUND_ON = {
    "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "",
    "DISABLE_TELEMETRY": "1",
    "DISABLE_ERROR_REPORTING": "1",
    "DISABLE_AUTOUPDATER": "1",
    **{name: "http://127.0.0.1:9" for name in ("HTTPS_PROXY", "https_proxy")},
    **{name: "http://127.0.0.1:9" for name in ("HTTP_PROXY", "http_proxy")},
}
# A prompt that Claude Code 2.1.197 names a session for ("Say hi" gets no title).
TITLED_PROMPT = "Explain briefly what a pure function is in programming"


@pytest.mark.parametrize(
    "change,expected",
    [
        ("", "ANTHROPIC_DEFAULT_HAIKU_MODEL"),
        ("small-fast", "ANTHROPIC_DEFAULT_OPUS_MODEL"),
        ("no-haiku", "ANTHROPIC_DEFAULT_OPUS_MODEL"),
    ],
)
def test_background_call_model(mock, tmp_path_factory, change, expected):
    def edit(text: str) -> str:
        lines = [line for line in text.splitlines() if "NONESSENTIAL" not in line]
        if change == "no-haiku":  # and the opus id for the conversation, to tell
            # "the conversation's model" from the sonnet tier
            lines = [line for line in lines if "DEFAULT_HAIKU_MODEL=" not in line]
            main = f'ANTHROPIC_MODEL="{MODEL_VARS["ANTHROPIC_MODEL"]}"'
            opus = f'ANTHROPIC_MODEL="{MODEL_VARS["ANTHROPIC_DEFAULT_OPUS_MODEL"]}"'
            lines = [line.replace(main, opus) for line in lines]
        if change == "small-fast":  # set to the opus id, to tell it from the others
            opus = MODEL_VARS["ANTHROPIC_DEFAULT_OPUS_MODEL"]
            lines.insert(-1, f'export ANTHROPIC_SMALL_FAST_MODEL="{opus}"')
        text = "\n".join(lines)
        return text.replace('"Say hi in three words."', f'"{TITLED_PROMPT}"')

    run = _run(mock, tmp_path_factory, edit=edit, extra_env=BACKGROUND_ON)
    assert run.done.returncode == 0, run.stdout + run.stderr[-2000:]
    background = [p.json["model"] for p in run.posts if not p.json.get("tools")]
    conversation = {p.json["model"] for p in run.posts if p.json.get("tools")}
    assert background == [MODEL_VARS[expected]]
    main = "ANTHROPIC_DEFAULT_OPUS_MODEL" if change == "no-haiku" else "ANTHROPIC_MODEL"
    assert conversation == {MODEL_VARS[main]}


def _without_models(text: str) -> str:
    return "\n".join(
        line for line in text.splitlines() if not re.match(r"export \w+_MODEL=", line)
    )


def test_without_model_variables_the_default_model_is_not_in_the_catalog(
    mock, tmp_path_factory
):
    # What the page warns about: Claude Code's own default is no catalog id, and the
    # gateway's 403 (checked before anything else) says so.
    run = _run(mock, tmp_path_factory, edit=_without_models)
    assert run.done.returncode == 1
    (post,) = run.posts
    default = post.json["model"]
    assert default not in {m.id for m in mock.profile.models}
    assert post.status == 403
    assert f"403 model {default!r} is not in the gateway catalog" in run.stdout
    assert f"`{default}`" in PAGE.read_text(encoding="utf-8"), (
        f"Claude Code now defaults to {default}; update {PAGE.name}"
    )


def test_wrong_key_retries_silently(mock, tmp_path_factory):
    # Claude Code retries a 401 with growing pauses (its own loop: the SDK's retry
    # counter header stays 0) and prints nothing meanwhile; the page gives the
    # measured total. Watch its first three requests.
    def three_posts(journal) -> bool:
        return len(posts(journal)) >= 3

    run = _run(
        mock,
        tmp_path_factory,
        key="sk-not-a-real-key",
        stop_after=60,
        stop_when=three_posts,
    )
    assert run.done is None, "Claude Code gave up on a 401 after a few tries"
    assert run.stdout == ""
    assert len(run.posts) >= 3
    assert {p.status for p in run.posts} == {401}


def test_non_claude_model_is_refused_by_the_mock(mock, tmp_path_factory):
    # Not verified live: with an id it does not know, Claude Code adds a
    # mid-conversation system message, which the mock's Anthropic surface refuses.
    other = next(m.id for m in mock.profile.models if m.family != "claude")

    def use_other(text: str) -> str:
        return text.replace(
            f'ANTHROPIC_MODEL="{MODEL_VARS["ANTHROPIC_MODEL"]}"',
            f'ANTHROPIC_MODEL="{other}"',
        )

    run = _run(mock, tmp_path_factory, edit=use_other)
    assert run.done.returncode == 1
    (post,) = run.posts
    assert post.json["model"] == other
    roles = [m["role"] for m in post.json["messages"]]
    assert "system" in roles
    assert "mid-conversation-system" in post.headers["anthropic-beta"]
    assert f"API Error: 400 messages[{roles.index('system')}].role" in run.stdout


@pytest.mark.parametrize("key,status", [(None, 200), ("sk-not-a-real-key", 401)])
def test_check_key_snippet_tells_a_good_key_from_a_bad_one(
    mock, tmp_path_factory, key, status
):
    work = tmp_path_factory.mktemp("work")
    home = tmp_path_factory.mktemp("home")
    run = run_snippet("agents/check-key.sh", mock, work, home, key=key, timeout=30)
    assert run.done.returncode == 0, run.stderr
    assert run.stdout.strip() == f"HTTP {status}"
