"""Text answers: deterministic, plausible, truncated by max_tokens, cut at stop
sequences, and billed exactly as count_tokens counts."""

from __future__ import annotations

import pytest
from support.http import CHAT, MESSAGES, answer, endpoint

create = endpoint(
    MESSAGES,
    {
        "model": "claude-sonnet-4-6",
        "max_tokens": 500,
        "messages": [{"role": "user", "content": "Tell me about rivers"}],
    },
)


def test_same_request_same_answer(ezrouter_mock):
    first, second = create(ezrouter_mock), create(ezrouter_mock)
    assert first == second
    other = create(
        ezrouter_mock, messages=[{"role": "user", "content": "Tell me about mountains"}]
    )
    assert other["content"][0]["text"] != first["content"][0]["text"]


def test_answer_reads_like_a_reply(ezrouter_mock):
    text = create(ezrouter_mock)["content"][0]["text"]
    assert "rivers" in text
    assert text.endswith(".") and len(text.split()) > 10
    greeting = create(
        ezrouter_mock, messages=[{"role": "user", "content": "Hi, how are you?"}]
    )
    assert greeting["content"][0]["text"].startswith("Hello!")


def test_max_tokens_truncates(ezrouter_mock):
    full = create(ezrouter_mock)
    short = create(ezrouter_mock, max_tokens=5)
    assert short["stop_reason"] == "max_tokens"
    assert short["usage"]["output_tokens"] == 5
    assert full["content"][0]["text"].startswith(short["content"][0]["text"])
    assert full["stop_reason"] == "end_turn"


def test_stop_sequence_cuts_and_is_reported(ezrouter_mock):
    full = create(ezrouter_mock)["content"][0]["text"]
    word = full.split()[3]
    cut = create(ezrouter_mock, stop_sequences=["zzz-never", word])
    assert cut["stop_reason"] == "stop_sequence"
    assert cut["stop_sequence"] == word
    assert cut["content"][0]["text"] == full[: full.index(word)]


def test_openai_stop_and_length(ezrouter_mock):
    from ezrouter_mock.mock.http.server import MockServer, MockSettings

    with MockServer(settings=MockSettings(divergences_off={"always_sse"})) as mock:
        body = {
            "model": "glm-5.1",
            "messages": [{"role": "user", "content": "Tell me about rivers"}],
        }
        full = answer(mock, CHAT, body)["choices"][0]
        assert full["finish_reason"] == "stop"
        short = answer(mock, CHAT, {**body, "max_tokens": 3})
        assert short["choices"][0]["finish_reason"] == "length"
        assert short["usage"]["completion_tokens"] == 3
        word = full["message"]["content"].split()[2]
        stopped = answer(mock, CHAT, {**body, "stop": word})["choices"][0]
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
    counted = answer(ezrouter_mock, MESSAGES + "/count_tokens", body)
    billed = create(ezrouter_mock, **body, max_tokens=50)["usage"]["input_tokens"]
    assert counted == {"input_tokens": billed}
    assert billed > 0


def test_prefill_assistant_turn_is_accepted(ezrouter_mock):
    body = create(
        ezrouter_mock,
        messages=[
            {"role": "user", "content": "Name a river"},
            {"role": "assistant", "content": "The"},
        ],
    )
    assert body["content"][0]["type"] == "text"


def test_multi_turn_answers_use_the_history(ezrouter_mock):
    hello = {"role": "user", "content": "Hi, my name is Ada."}
    intro = create(ezrouter_mock, messages=[hello])
    assert "Ada" in intro["content"][0]["text"]
    history = [
        hello,
        {"role": "assistant", "content": intro["content"]},
        {"role": "user", "content": "What is my name?"},
    ]
    assert "Ada" in create(ezrouter_mock, messages=history)["content"][0]["text"]
    question = {"role": "user", "content": "What is my name?"}
    alone = create(ezrouter_mock, messages=[question])
    assert "Ada" not in alone["content"][0]["text"]
