"""Raw mock responses validated against the upstream OpenAPI specs.

The SDKs are lenient parsers, so a field the mock forgets can go unnoticed by
them. Here the bytes on the wire are checked against
``components.schemas`` of the Anthropic and OpenAI specs in ``../shared/specs``.
Where ezrouter documents a divergence from upstream, the test says so next to the
allowance.
"""

from __future__ import annotations

import json

import httpx
import pytest
from support import sse
from support.bodies import HELLO, MODEL, WEATHER_QUESTION, WEATHER_SCHEMA
from support.http import CHAT, MESSAGES, auth_headers, post
from support.wire_schemas import (
    assert_valid,
    envelope_errors,
    schema_errors,
    specs_missing_reason,
)

_missing = specs_missing_reason()
pytestmark = pytest.mark.skipif(_missing is not None, reason=_missing or "")

ANTHROPIC_TOOL = {
    "name": "get_weather",
    "description": "Current weather for a city.",
    "input_schema": WEATHER_SCHEMA,
}
OPENAI_TOOL = {
    "type": "function",
    "function": {"name": "get_weather", "parameters": WEATHER_SCHEMA},
}

ANTHROPIC_CASES = {
    "text": {"model": MODEL, "max_tokens": 256, "messages": HELLO},
    "max_tokens": {"model": MODEL, "max_tokens": 2, "messages": HELLO},
    "stop_sequence": {
        "model": MODEL,
        "max_tokens": 256,
        "messages": [{"role": "user", "content": "Describe a river in two lines."}],
        "stop_sequences": ["river", "a"],
    },
    "tool_use": {
        "model": MODEL,
        "max_tokens": 256,
        "messages": WEATHER_QUESTION,
        "tools": [ANTHROPIC_TOOL],
    },
    "thinking": {
        "model": MODEL,
        "max_tokens": 2048,
        "messages": HELLO,
        "thinking": {"type": "enabled", "budget_tokens": 1024},
    },
    "cache_control": {
        "model": MODEL,
        "max_tokens": 128,
        "system": [
            {
                "type": "text",
                "text": "Keep answers short. " * 400,
                "cache_control": {"type": "ephemeral"},
            }
        ],
        "messages": HELLO,
    },
}

OPENAI_CASES = {
    "text": {"model": MODEL, "messages": HELLO},
    "length": {"model": MODEL, "messages": HELLO, "max_tokens": 2},
    "tool_calls": {
        "model": "claude-opus-4-7",
        "messages": WEATHER_QUESTION,
        "tools": [OPENAI_TOOL],
    },
    "reasoning": {
        "model": MODEL,
        "messages": HELLO,
        "reasoning_effort": "high",
        "thinking": {"type": "enabled"},
    },
}


VERSION = {"anthropic-version": "2023-06-01"}


@pytest.fixture(scope="module")
def http(ezrouter_mock):
    with httpx.Client(base_url=ezrouter_mock.root_url, timeout=20) as client:
        yield client


def anthropic_headers(mock):
    return {**auth_headers(MESSAGES, mock.key), **VERSION}


# --- Anthropic surface --------------------------------------------------------------


@pytest.mark.parametrize("case", sorted(ANTHROPIC_CASES))
def test_anthropic_message_matches_spec(ezrouter_mock, case):
    response = post(
        ezrouter_mock, MESSAGES, ANTHROPIC_CASES[case], headers=VERSION, timeout=20
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert_valid("anthropic", "Message", response.json())


@pytest.mark.parametrize("case", sorted(ANTHROPIC_CASES))
def test_anthropic_stream_events_match_spec(ezrouter_mock, case):
    body = dict(ANTHROPIC_CASES[case], stream=True)
    response = post(ezrouter_mock, MESSAGES, body, headers=VERSION, timeout=20)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/event-stream")
    events = sse.events(response.text)
    assert events
    for name, data in events:
        event = json.loads(data)
        assert name == event["type"]
        assert_valid("anthropic", "MessageStreamEvent", event)


def test_anthropic_count_tokens_matches_spec(ezrouter_mock):
    body = {k: v for k, v in ANTHROPIC_CASES["tool_use"].items() if k != "max_tokens"}
    counted = MESSAGES + "/count_tokens"
    response = post(ezrouter_mock, counted, body, headers=VERSION, timeout=20)
    assert response.status_code == 200, response.text
    assert_valid("anthropic", "CountMessageTokensResponse", response.json())


def test_anthropic_models_match_spec(http, ezrouter_mock):
    response = http.get(
        "/anthropic/v1/models", headers=anthropic_headers(ezrouter_mock)
    )
    assert response.status_code == 200, response.text
    listing = response.json()
    assert listing["data"]
    assert_valid("anthropic", "ListResponse_ModelInfo_", listing)
    one = http.get(
        f"/anthropic/v1/models/{MODEL}", headers=anthropic_headers(ezrouter_mock)
    )
    assert one.status_code == 200, one.text
    assert_valid("anthropic", "ModelInfo", one.json())


# --- OpenAI surface -----------------------------------------------------------------


def _chunks(response) -> list[dict]:
    events = sse.events(response.text)
    assert events[-1][1] == "[DONE]"
    return [json.loads(data) for _, data in events[:-1]]


@pytest.mark.parametrize("case", sorted(OPENAI_CASES))
def test_openai_chunks_match_spec(ezrouter_mock, case):
    body = dict(OPENAI_CASES[case], stream=True)
    response = post(ezrouter_mock, CHAT, body, timeout=20)
    assert response.status_code == 200, response.text
    chunks = _chunks(response)
    for chunk in chunks:
        # Divergence allowed (gateway-facts section 5): ids are Anthropic-style msg_...
        # The spec only says "string", so this needs no exemption, only a check.
        assert chunk["id"].startswith("msg_")
        # Extensions allowed (gateway-facts sections 6 and 8): usage carries
        # prompt_tokens_details / usage_semantic / input_tokens / output_tokens, and
        # deltas may carry reasoning_content. The spec leaves additionalProperties
        # open on these objects, so they validate as they are.
        assert_valid("openai", "CreateChatCompletionStreamResponse", chunk)
    assert chunks[-1]["usage"]["total_tokens"] > 0


def test_openai_plain_create_body_is_sse_by_divergence(ezrouter_mock):
    # Divergence always_sse (gateway-facts section 5): without "stream" the body is
    # still SSE, so it is checked as stream chunks, not as CreateChatCompletionResponse.
    response = post(ezrouter_mock, CHAT, OPENAI_CASES["text"], timeout=20)
    assert response.headers["content-type"].startswith("text/event-stream")
    for chunk in _chunks(response):
        assert_valid("openai", "CreateChatCompletionStreamResponse", chunk)


@pytest.mark.parametrize("case", sorted(OPENAI_CASES))
def test_openai_completion_without_divergence_matches_spec(case):
    from ezrouter_mock.mock.http.server import MockServer, MockSettings

    with MockServer(settings=MockSettings(divergences_off={"always_sse"})) as mock:
        response = post(mock, CHAT, OPENAI_CASES[case], timeout=20)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert_valid("openai", "CreateChatCompletionResponse", response.json())


def test_openai_models_match_spec_with_documented_extensions(http, ezrouter_mock):
    response = http.get("/v1/models", headers=auth_headers(CHAT, ezrouter_mock.key))
    assert response.status_code == 200, response.text
    listing = response.json()
    assert_valid("openai", "ListModelsResponse", listing)
    # Extensions documented by ezrouter (gateway-facts section 3, list-models):
    # top-level "success", per model "supported_endpoint_types", and the constant
    # placeholder "created". The spec allows extra fields; their values are pinned.
    assert listing["success"] is True
    for model in listing["data"]:
        assert model["created"] == 1626777600
        assert set(model["supported_endpoint_types"]) <= {"anthropic", "openai"}
        assert model["supported_endpoint_types"]


# --- errors: ezrouter's envelope, not the upstream shapes ---------------------------


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/anthropic/v1/messages", ANTHROPIC_CASES["text"]),
        ("/v1/chat/completions", OPENAI_CASES["text"]),
    ],
)
def test_errors_use_the_ezrouter_envelope(ezrouter_mock, path, body):
    # Divergence (gateway-facts section 10): every non-2xx answer on both surfaces
    # is {"error": {code, message, type}}. Upstream Anthropic would send
    # {"type": "error", "error": {...}, "request_id": ...}; upstream OpenAI's Error
    # requires "param". The upstream schemas must therefore *reject* this envelope.
    wrong = {"x-api-key": "sk-wrong"}
    response = post(ezrouter_mock, path, body, key="sk-wrong", headers=wrong)
    assert response.status_code == 401
    envelope = response.json()
    assert envelope_errors(envelope) == []
    assert schema_errors("anthropic", "ErrorResponse", envelope)
    assert schema_errors("openai", "ErrorResponse", envelope)


def test_validator_catches_a_broken_message():
    # The helper must be able to fail: a message without usage is not a Message.
    broken = {"id": "msg_x", "type": "message", "role": "assistant", "content": []}
    assert any(
        "usage" in line for line in schema_errors("anthropic", "Message", broken)
    )
    bad_chunk = {
        "id": "msg_x",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": MODEL,
        "choices": [{"index": 0, "delta": {}, "finish_reason": "finished"}],
    }
    assert schema_errors("openai", "CreateChatCompletionStreamResponse", bad_chunk)
