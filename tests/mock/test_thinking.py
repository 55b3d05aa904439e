"""Thinking: signed thinking blocks on claude models, tamper detection, adaptive mode,
non-claude models without thinking, and reasoning_content with the effort mapping."""

from __future__ import annotations

import pytest
from support.http import CHAT, MESSAGES, endpoint

from ezrouter_mock.mock.http.server import MockServer, MockSettings

create = endpoint(
    MESSAGES,
    {
        "model": "claude-sonnet-4-6",
        "max_tokens": 4000,
        "thinking": {"type": "enabled", "budget_tokens": 2000},
        "messages": [{"role": "user", "content": "Why is the sky blue?"}],
    },
)


def test_thinking_block_comes_first_and_is_signed(ezrouter_mock):
    msg = create(ezrouter_mock)
    kinds = [b["type"] for b in msg["content"]]
    assert kinds == ["thinking", "text"]
    assert msg["content"][0]["thinking"] and msg["content"][0]["signature"]
    plain = create(ezrouter_mock, thinking={"type": "disabled"})
    assert msg["usage"]["output_tokens"] > plain["usage"]["output_tokens"]


def test_returned_thinking_round_trips(ezrouter_mock):
    first = create(ezrouter_mock)
    history = [
        {"role": "user", "content": "Why is the sky blue?"},
        {"role": "assistant", "content": first["content"]},
        {"role": "user", "content": "And at sunset?"},
    ]
    assert create(ezrouter_mock, messages=history)["content"][0]["type"] == "thinking"


@pytest.mark.parametrize("field", ["thinking", "signature"])
def test_altered_thinking_is_400(ezrouter_mock, field):
    first = create(ezrouter_mock)
    blocks = [dict(b) for b in first["content"]]
    blocks[0][field] = blocks[0][field][:-2] + "xx"
    history = [
        {"role": "user", "content": "Why is the sky blue?"},
        {"role": "assistant", "content": blocks},
        {"role": "user", "content": "And at sunset?"},
    ]
    err = create(ezrouter_mock, expect=400, messages=history)["error"]
    assert "messages[1].content[0].signature" in err["message"]


def test_adaptive_thinking(ezrouter_mock):
    msg = create(ezrouter_mock, model="claude-opus-4-7", thinking={"type": "adaptive"})
    assert msg["content"][0]["type"] == "thinking"


def test_non_claude_model_answers_without_thinking(ezrouter_mock):
    msg = create(ezrouter_mock, model="deepseek-v4-pro")
    assert [b["type"] for b in msg["content"]] == ["text"]


def test_thinking_with_forced_tool_is_rejected(ezrouter_mock):
    tool = {"name": "t", "input_schema": {"type": "object"}}
    err = create(ezrouter_mock, expect=400, tools=[tool], tool_choice={"type": "any"})[
        "error"
    ]
    assert "tool_choice" in err["message"]


@pytest.fixture(scope="module")
def json_mock():
    with MockServer(settings=MockSettings(divergences_off={"always_sse"})) as mock:
        yield mock


complete = endpoint(
    CHAT,
    {
        "model": "claude-opus-4-7",
        "messages": [{"role": "user", "content": "Why is the sky blue?"}],
    },
)


def test_openai_reasoning_content_and_effort_mapping(json_mock):
    def reasoning(effort):
        return complete(
            json_mock, reasoning_effort=effort, thinking={"type": "enabled"}
        )["choices"][0]["message"]["reasoning_content"]

    assert reasoning("low") == reasoning("medium") == reasoning("high")
    assert reasoning("xhigh") == reasoning("max")
    assert len(reasoning("max")) > len(reasoning("high"))
    usage = complete(json_mock, reasoning_effort="high", thinking={"type": "enabled"})[
        "usage"
    ]
    assert usage["completion_tokens_details"]["reasoning_tokens"] > 0
    assert "reasoning_content" not in complete(json_mock)["choices"][0]["message"]


def test_openai_non_claude_has_no_reasoning(json_mock):
    msg = complete(
        json_mock,
        model="glm-5.1",
        reasoning_effort="high",
        thinking={"type": "enabled"},
    )["choices"][0]["message"]
    assert "reasoning_content" not in msg


def test_reasoning_content_sent_back_is_dropped_unless_divergence_off(json_mock):
    history = [
        {"role": "user", "content": "Q"},
        {
            "role": "assistant",
            "content": "A",
            "reasoning_content": "long reasoning " * 50,
        },
        {"role": "user", "content": "Q2"},
    ]
    without = [
        {"role": "user", "content": "Q"},
        {"role": "assistant", "content": "A"},
        {"role": "user", "content": "Q2"},
    ]
    dropped = complete(json_mock, messages=history)["usage"]["prompt_tokens"]
    assert dropped == complete(json_mock, messages=without)["usage"]["prompt_tokens"]
    with MockServer(
        settings=MockSettings(
            divergences_off={"always_sse", "reasoning_content_dropped"}
        )
    ) as kept:
        assert complete(kept, messages=history)["usage"]["prompt_tokens"] > dropped


def test_tool_loop_with_thinking_needs_the_thinking_block(ezrouter_mock):
    tool = {
        "name": "get_weather",
        "description": "Weather for a city",
        "input_schema": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
        },
    }
    ask = {"role": "user", "content": "What's the weather in Paris?"}
    first = create(ezrouter_mock, tools=[tool], messages=[ask])
    assert [b["type"] for b in first["content"]] == ["thinking", "tool_use"]
    call = first["content"][1]
    result = {
        "role": "user",
        "content": [
            {"type": "tool_result", "tool_use_id": call["id"], "content": "12C"}
        ],
    }
    ok = create(
        ezrouter_mock,
        tools=[tool],
        messages=[ask, {"role": "assistant", "content": first["content"]}, result],
    )
    assert "12C" in ok["content"][-1]["text"]
    err = create(
        ezrouter_mock,
        expect=400,
        tools=[tool],
        messages=[ask, {"role": "assistant", "content": [call]}, result],
    )
    assert "messages[1].content[0]" in err["error"]["message"]
