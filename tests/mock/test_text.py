"""Text answers: deterministic, plausible, truncated by max_tokens, cut at stop
sequences, and billed exactly as count_tokens counts."""

from __future__ import annotations

import httpx
import pytest


def _a(mock, **body):
    payload = {
        "model": "claude-sonnet-4-6",
        "max_tokens": 500,
        "messages": [{"role": "user", "content": "Tell me about rivers"}],
    }
    payload.update(body)
    resp = httpx.post(
        mock.anthropic_url + "/v1/messages",
        json=payload,
        headers={"x-api-key": mock.key},
    )
    assert resp.status_code == 200, resp.text
    return resp.json()


def test_same_request_same_answer(ezrouter_mock):
    first, second = _a(ezrouter_mock), _a(ezrouter_mock)
    assert first == second
    other = _a(
        ezrouter_mock, messages=[{"role": "user", "content": "Tell me about mountains"}]
    )
    assert other["content"][0]["text"] != first["content"][0]["text"]


def test_answer_reads_like_a_reply(ezrouter_mock):
    text = _a(ezrouter_mock)["content"][0]["text"]
    assert "rivers" in text
    assert text.endswith(".") and len(text.split()) > 10
    greeting = _a(
        ezrouter_mock, messages=[{"role": "user", "content": "Hi, how are you?"}]
    )
    assert greeting["content"][0]["text"].startswith("Hello!")


def test_max_tokens_truncates(ezrouter_mock):
    full = _a(ezrouter_mock)
    short = _a(ezrouter_mock, max_tokens=5)
    assert short["stop_reason"] == "max_tokens"
    assert short["usage"]["output_tokens"] == 5
    assert full["content"][0]["text"].startswith(short["content"][0]["text"])
    assert full["stop_reason"] == "end_turn"


def test_stop_sequence_cuts_and_is_reported(ezrouter_mock):
    full = _a(ezrouter_mock)["content"][0]["text"]
    word = full.split()[3]
    cut = _a(ezrouter_mock, stop_sequences=["zzz-never", word])
    assert cut["stop_reason"] == "stop_sequence"
    assert cut["stop_sequence"] == word
    assert cut["content"][0]["text"] == full[: full.index(word)]


def test_openai_stop_and_length(ezrouter_mock):
    from ezrouter_mock.mock.http.server import MockServer, MockSettings

    with MockServer(settings=MockSettings(divergences_off={"always_sse"})) as mock:
        url = mock.openai_url + "/chat/completions"
        auth = {"authorization": f"Bearer {mock.key}"}
        body = {
            "model": "glm-5.1",
            "messages": [{"role": "user", "content": "Tell me about rivers"}],
        }
        full = httpx.post(url, json=body, headers=auth).json()["choices"][0]
        assert full["finish_reason"] == "stop"
        short = httpx.post(url, json={**body, "max_tokens": 3}, headers=auth).json()
        assert short["choices"][0]["finish_reason"] == "length"
        assert short["usage"]["completion_tokens"] == 3
        word = full["message"]["content"].split()[2]
        stopped = httpx.post(url, json={**body, "stop": word}, headers=auth).json()[
            "choices"
        ][0]
        assert stopped["finish_reason"] == "stop"
        assert word not in stopped["message"]["content"]


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"system": "You are terse."},
        {"system": [{"type": "text", "text": "Policy text " * 50}]},
        {
            "tools": [
                {
                    "name": "lookup",
                    "description": "Look things up",
                    "input_schema": {
                        "type": "object",
                        "properties": {"q": {"type": "string"}},
                    },
                }
            ]
        },
        {
            "messages": [
                {"role": "user", "content": "One"},
                {"role": "assistant", "content": "Two"},
                {"role": "user", "content": [{"type": "text", "text": "Three"}]},
            ]
        },
    ],
)
def test_count_tokens_equals_billed_input(ezrouter_mock, extra):
    body = {
        "model": "claude-haiku-4-5",
        "messages": [{"role": "user", "content": "How long is this?"}],
        **extra,
    }
    counted = httpx.post(
        ezrouter_mock.anthropic_url + "/v1/messages/count_tokens",
        json=body,
        headers={"x-api-key": ezrouter_mock.key},
    )
    assert counted.status_code == 200
    billed = _a(ezrouter_mock, **body, max_tokens=50)["usage"]["input_tokens"]
    assert counted.json() == {"input_tokens": billed}
    assert billed > 0


def test_prefill_assistant_turn_is_accepted(ezrouter_mock):
    body = _a(
        ezrouter_mock,
        messages=[
            {"role": "user", "content": "Name a river"},
            {"role": "assistant", "content": "The"},
        ],
    )
    assert body["content"][0]["type"] == "text"


def test_multi_turn_answers_use_the_history(ezrouter_mock):
    hello = {"role": "user", "content": "Hi, my name is Ada."}
    intro = _a(ezrouter_mock, messages=[hello])
    assert "Ada" in intro["content"][0]["text"]
    history = [
        hello,
        {"role": "assistant", "content": intro["content"]},
        {"role": "user", "content": "What is my name?"},
    ]
    assert "Ada" in _a(ezrouter_mock, messages=history)["content"][0]["text"]
    question = {"role": "user", "content": "What is my name?"}
    alone = _a(ezrouter_mock, messages=[question])
    assert "Ada" not in alone["content"][0]["text"]
