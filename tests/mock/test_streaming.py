"""Streaming: Anthropic event order and indexes, OpenAI chunks with usage and [DONE],
always-SSE chat completions, tool-call deltas per the profile, and pacing."""

from __future__ import annotations

import json
import time

import anthropic
import openai
from support import sse
from support.http import CHAT, MESSAGES, post

from ezrouter_mock.mock.http.server import MockServer, MockSettings

WEATHER = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Weather for a city",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
        },
    },
}


def _a_stream(mock, **body):
    payload = {
        "model": "claude-sonnet-4-6",
        "max_tokens": 4000,
        "stream": True,
        "messages": [{"role": "user", "content": "Explain streaming"}],
        **body,
    }
    resp = post(mock, MESSAGES, payload)
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/event-stream")
    return sse.json_events(resp.text)


def test_anthropic_event_sequence(ezrouter_mock):
    events = _a_stream(
        ezrouter_mock, thinking={"type": "enabled", "budget_tokens": 1024}
    )
    names = [n for n, _ in events]
    assert names[:2] == ["message_start", "ping"]
    assert names[-2:] == ["message_delta", "message_stop"]
    assert all(n == d["type"] for n, d in events)
    open_index = None
    seen = []
    for name, data in events[2:-2]:
        if name == "content_block_start":
            assert open_index is None
            open_index = data["index"]
            seen.append(data["content_block"]["type"])
        elif name == "content_block_delta":
            assert data["index"] == open_index
        elif name == "content_block_stop":
            assert data["index"] == open_index
            open_index = None
    assert seen == ["thinking", "text"]
    deltas = [d["delta"]["type"] for n, d in events if n == "content_block_delta"]
    assert (
        "thinking_delta" in deltas
        and "signature_delta" in deltas
        and "text_delta" in deltas
    )
    final = events[-2][1]
    assert final["delta"]["stop_reason"] == "end_turn"
    assert final["usage"]["output_tokens"] > 1
    assert (
        final["usage"]["input_tokens"]
        == events[0][1]["message"]["usage"]["input_tokens"]
    )


def test_anthropic_stream_matches_json_answer(ezrouter_mock):
    client = anthropic.Anthropic(
        base_url=ezrouter_mock.anthropic_url, api_key=ezrouter_mock.key
    )
    args = {
        "model": "claude-haiku-4-5",
        "max_tokens": 300,
        "messages": [{"role": "user", "content": "Describe a lighthouse"}],
    }
    created = client.messages.create(**args)
    with client.messages.stream(**args) as stream:
        final = stream.get_final_message()
    assert final.content[0].text == created.content[0].text
    assert final.usage.output_tokens == created.usage.output_tokens
    assert final.id == created.id


def test_chat_completions_are_sse_even_without_stream(ezrouter_mock):
    body = {
        "model": "glm-5.1",
        "messages": [{"role": "user", "content": "Hello there"}],
    }
    resp = post(ezrouter_mock, CHAT, body)
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"].startswith("text/event-stream")
    assert resp.headers["x-oneapi-request-id"]
    events = sse.json_events(resp.text)
    assert events[-1][1] == "[DONE]"
    usage_chunk = events[-2][1]
    assert usage_chunk["choices"] == [] and usage_chunk["usage"]["total_tokens"] > 0
    assert usage_chunk["id"].startswith("msg_")
    assert all(d["object"] == "chat.completion.chunk" for _, d in events[:-1])
    finish = [d["choices"][0]["finish_reason"] for _, d in events[:-2]]
    assert finish[-1] == "stop" and set(finish[:-1]) == {None}
    assert "".join(
        d["choices"][0]["delta"].get("content") or "" for _, d in events[:-2]
    )


def test_openai_sdk_streams(ezrouter_mock):
    client = openai.OpenAI(base_url=ezrouter_mock.openai_url, api_key=ezrouter_mock.key)
    chunks = list(
        client.chat.completions.create(
            model="deepseek-v4-flash",
            stream=True,
            messages=[{"role": "user", "content": "Describe a lighthouse"}],
        )
    )
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert "lighthouse" in text
    assert chunks[-1].usage.completion_tokens > 0


def test_json_when_always_sse_is_off():
    with MockServer(settings=MockSettings(divergences_off={"always_sse"})) as mock:
        client = openai.OpenAI(base_url=mock.openai_url, api_key=mock.key)
        done = client.chat.completions.create(
            model="glm-5.1",
            messages=[{"role": "user", "content": "Describe a lighthouse"}],
        )
        streamed = client.chat.completions.create(
            model="glm-5.1",
            stream=True,
            messages=[{"role": "user", "content": "Describe a lighthouse"}],
        )
        text = "".join(c.choices[0].delta.content or "" for c in streamed if c.choices)
        assert done.choices[0].message.content == text


def _tool_stream(mock, model):
    body = {
        "model": model,
        "stream": True,
        "tools": [WEATHER],
        "messages": [{"role": "user", "content": "What's the weather in Oslo?"}],
    }
    resp = post(mock, CHAT, body)
    chunks = [
        d for _, d in sse.json_events(resp.text) if d != "[DONE]" and d["choices"]
    ]
    calls = [
        c for d in chunks for c in (d["choices"][0]["delta"].get("tool_calls") or [])
    ]
    return chunks[-1]["choices"][0]["finish_reason"], calls


def test_tool_call_deltas_follow_the_profile(ezrouter_mock):
    finish, calls = _tool_stream(ezrouter_mock, "claude-opus-4-7")
    assert finish == "tool_calls"
    assert calls[0]["function"]["name"] == "get_weather" and calls[0]["id"].startswith(
        "call_"
    )
    assert json.loads("".join(c["function"]["arguments"] for c in calls)) == {
        "city": "Oslo"
    }
    assert _tool_stream(ezrouter_mock, "claude-sonnet-4-6") == ("tool_calls", [])
    assert _tool_stream(ezrouter_mock, "kimi-k2.6") == ("stop", [])


def test_tool_call_deltas_when_divergences_off():
    with MockServer(
        settings=MockSettings(
            divergences_off={"tool_call_deltas_missing", "kimi_no_tool_signal"}
        )
    ) as mock:
        for model in ("claude-sonnet-4-6", "kimi-k2.6"):
            finish, calls = _tool_stream(mock, model)
            assert (
                finish == "tool_calls" and calls[0]["function"]["name"] == "get_weather"
            )


def test_pacing_spaces_events():
    with MockServer(settings=MockSettings(pacing=0.02)) as mock:
        start = time.monotonic()
        events = _a_stream(mock)
        elapsed = time.monotonic() - start
    assert elapsed >= 0.02 * (len(events) - 1) * 0.9
