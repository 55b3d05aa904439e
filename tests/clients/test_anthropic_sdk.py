"""The official ``anthropic`` SDK, unmodified, against the mock's Anthropic surface.

If the SDK can parse what the mock sends (JSON, SSE through the stream helpers,
errors, retries), readers' code will too. Every test builds its client from the
mock's URL and key only, as a reader's code would with the public URL.
"""

from __future__ import annotations

import asyncio

import anthropic
import httpx2
import jsonschema
import pytest
from support.bodies import HELLO, MODEL, WEATHER_QUESTION

WEATHER_TOOL = {
    "name": "get_weather",
    "description": "Current weather for a city.",
    "input_schema": {
        "type": "object",
        "properties": {
            "city": {"type": "string"},
            "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
            "days": {"type": "integer", "minimum": 1, "maximum": 7},
            "where": {
                "type": "object",
                "properties": {"country": {"type": "string"}},
                "required": ["country"],
            },
        },
        "required": ["city", "unit", "where"],
    },
}
TIME_TOOL = {
    "name": "get_time",
    "description": "Current local time in a city.",
    "input_schema": {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
    },
}


@pytest.fixture
def client(ezrouter_mock):
    return anthropic.Anthropic(
        api_key=ezrouter_mock.key, base_url=ezrouter_mock.anthropic_url
    )


@pytest.fixture
def aclient(ezrouter_mock):
    return anthropic.AsyncAnthropic(
        api_key=ezrouter_mock.key, base_url=ezrouter_mock.anthropic_url
    )


def _text(message) -> str:
    return "".join(block.text for block in message.content if block.type == "text")


def _dump_blocks(message) -> list[dict]:
    return [block.model_dump(exclude_none=True) for block in message.content]


# --- plain text ------------------------------------------------------------------


def test_create_returns_a_text_message(client):
    message = client.messages.create(model=MODEL, max_tokens=256, messages=HELLO)
    assert isinstance(message, anthropic.types.Message)
    assert message.id.startswith("msg_")
    assert message.role == "assistant"
    assert message.model == MODEL
    assert [block.type for block in message.content] == ["text"]
    assert len(_text(message).split()) >= 2
    assert message.stop_reason == "end_turn"
    assert message.usage.input_tokens > 0
    assert message.usage.output_tokens > 0


def test_create_is_deterministic_and_depends_on_the_prompt(client):
    first = client.messages.create(model=MODEL, max_tokens=256, messages=HELLO)
    again = client.messages.create(model=MODEL, max_tokens=256, messages=HELLO)
    other = client.messages.create(
        model=MODEL,
        max_tokens=256,
        messages=[{"role": "user", "content": "Name three rivers in Europe."}],
    )
    assert _text(first) == _text(again)
    assert first.usage == again.usage
    assert _text(first) != _text(other)


def test_system_prompt_is_billed_as_input(client):
    bare = client.messages.create(model=MODEL, max_tokens=64, messages=HELLO)
    with_system = client.messages.create(
        model=MODEL,
        max_tokens=64,
        system="You are a terse assistant who answers in as few words as possible.",
        messages=HELLO,
    )
    assert with_system.usage.input_tokens > bare.usage.input_tokens


def test_async_create_matches_sync(client, aclient):
    sync_message = client.messages.create(model=MODEL, max_tokens=256, messages=HELLO)

    async def run():
        async with aclient:
            return await aclient.messages.create(
                model=MODEL, max_tokens=256, messages=HELLO
            )

    async_message = asyncio.run(run())
    assert _dump_blocks(async_message) == _dump_blocks(sync_message)
    assert async_message.usage == sync_message.usage


def test_max_tokens_truncates(client):
    full = client.messages.create(model=MODEL, max_tokens=256, messages=HELLO)
    assert full.usage.output_tokens > 3
    cut = client.messages.create(model=MODEL, max_tokens=3, messages=HELLO)
    assert cut.stop_reason == "max_tokens"
    assert cut.usage.output_tokens <= 3
    assert _text(full).startswith(_text(cut).rstrip())
    assert len(_text(cut)) < len(_text(full))


def test_stop_sequence_cuts_at_first_match(client):
    full = _text(client.messages.create(model=MODEL, max_tokens=256, messages=HELLO))
    words = full.split()
    stop = words[len(words) // 2]
    message = client.messages.create(
        model=MODEL, max_tokens=256, messages=HELLO, stop_sequences=["@@never@@", stop]
    )
    assert message.stop_reason == "stop_sequence"
    assert message.stop_sequence == stop
    assert _text(message) == full[: full.index(stop)]


# --- streaming --------------------------------------------------------------------


def test_stream_helper_matches_create(client):
    created = client.messages.create(model=MODEL, max_tokens=256, messages=HELLO)
    with client.messages.stream(model=MODEL, max_tokens=256, messages=HELLO) as stream:
        pieces = list(stream.text_stream)
        final = stream.get_final_message()
    assert len(pieces) > 1, "the text should arrive in several deltas"
    assert "".join(pieces) == _text(created)
    assert _dump_blocks(final) == _dump_blocks(created)
    assert final.stop_reason == created.stop_reason
    assert final.usage.output_tokens == created.usage.output_tokens
    assert final.usage.input_tokens == created.usage.input_tokens


def test_async_stream_helper_matches_create(client, aclient):
    created = client.messages.create(model=MODEL, max_tokens=256, messages=HELLO)

    async def run():
        async with aclient:
            async with aclient.messages.stream(
                model=MODEL, max_tokens=256, messages=HELLO
            ) as stream:
                pieces = [piece async for piece in stream.text_stream]
                return pieces, await stream.get_final_message()

    pieces, final = asyncio.run(run())
    assert "".join(pieces) == _text(created)
    assert _dump_blocks(final) == _dump_blocks(created)


def test_raw_stream_event_order(client):
    events = list(
        client.messages.create(model=MODEL, max_tokens=256, messages=HELLO, stream=True)
    )
    kinds = [event.type for event in events]
    assert kinds[0] == "message_start"
    assert kinds[-1] == "message_stop"
    assert kinds[-2] == "message_delta"
    assert events[-2].delta.stop_reason == "end_turn"
    assert events[-2].usage.output_tokens > 0
    body = [k for k in kinds if k != "ping"]
    assert body[1] == "content_block_start"
    assert body[-3] == "content_block_stop"
    assert set(body[2:-3]) == {"content_block_delta"}
    assert {e.index for e in events if e.type.startswith("content_block")} == {0}


# --- tools ------------------------------------------------------------------------


def _tool_uses(message):
    return [block for block in message.content if block.type == "tool_use"]


def test_tool_use_input_validates_against_schema(client):
    message = client.messages.create(
        model=MODEL, max_tokens=512, messages=WEATHER_QUESTION, tools=[WEATHER_TOOL]
    )
    assert message.stop_reason == "tool_use"
    (call,) = _tool_uses(message)
    assert call.id.startswith("toolu_")
    assert call.name == "get_weather"
    jsonschema.validate(call.input, WEATHER_TOOL["input_schema"])


def test_tool_loop_answers_with_the_result(client):
    tools = [WEATHER_TOOL]
    first = client.messages.create(
        model=MODEL, max_tokens=512, messages=WEATHER_QUESTION, tools=tools
    )
    (call,) = _tool_uses(first)
    result = "Light rain, 14 degrees"
    second = client.messages.create(
        model=MODEL,
        max_tokens=512,
        tools=tools,
        messages=[
            *WEATHER_QUESTION,
            {"role": "assistant", "content": first.content},
            {
                "role": "user",
                "content": [
                    {"type": "tool_result", "tool_use_id": call.id, "content": result}
                ],
            },
        ],
    )
    assert second.stop_reason == "end_turn"
    assert not _tool_uses(second)
    assert result in _text(second)


def test_tool_choice_none_forbids_and_named_tool_forces(client):
    tools = [WEATHER_TOOL, TIME_TOOL]
    plain = client.messages.create(
        model=MODEL,
        max_tokens=256,
        messages=WEATHER_QUESTION,
        tools=tools,
        tool_choice={"type": "none"},
    )
    assert not _tool_uses(plain)
    assert plain.stop_reason == "end_turn"
    forced = client.messages.create(
        model=MODEL,
        max_tokens=256,
        messages=WEATHER_QUESTION,
        tools=tools,
        tool_choice={"type": "tool", "name": "get_time"},
    )
    (call,) = _tool_uses(forced)
    assert call.name == "get_time"
    jsonschema.validate(call.input, TIME_TOOL["input_schema"])
    anyone = client.messages.create(
        model=MODEL,
        max_tokens=256,
        messages=[{"role": "user", "content": "Hello"}],
        tools=tools,
        tool_choice={"type": "any"},
    )
    assert anyone.stop_reason == "tool_use"
    assert _tool_uses(anyone)


def test_streamed_tool_use_matches_create(client):
    kwargs = dict(
        model=MODEL, max_tokens=512, messages=WEATHER_QUESTION, tools=[WEATHER_TOOL]
    )
    created = client.messages.create(**kwargs)
    with client.messages.stream(**kwargs) as stream:
        json_deltas = [e for e in stream if e.type == "input_json"]
        final = stream.get_final_message()
    assert json_deltas, "tool input should stream as input_json_delta events"
    (streamed_call,) = _tool_uses(final)
    (created_call,) = _tool_uses(created)
    assert streamed_call.input == created_call.input
    assert streamed_call.id == created_call.id
    assert final.stop_reason == "tool_use"


# --- thinking ---------------------------------------------------------------------

THINKING = {"type": "enabled", "budget_tokens": 1024}


def test_thinking_block_precedes_the_answer(client):
    message = client.messages.create(
        model=MODEL, max_tokens=2048, messages=HELLO, thinking=THINKING
    )
    kinds = [block.type for block in message.content]
    assert kinds == ["thinking", "text"]
    thinking = message.content[0]
    assert thinking.thinking.strip()
    assert thinking.signature


def test_adaptive_thinking(client):
    message = client.messages.create(
        model="claude-opus-4-7",
        max_tokens=2048,
        messages=HELLO,
        thinking={"type": "adaptive"},
    )
    assert message.content[0].type == "thinking"
    assert message.content[0].signature


def test_thinking_streams_thinking_and_signature_deltas(client):
    created = client.messages.create(
        model=MODEL, max_tokens=2048, messages=HELLO, thinking=THINKING
    )
    with client.messages.stream(
        model=MODEL, max_tokens=2048, messages=HELLO, thinking=THINKING
    ) as stream:
        kinds = [event.type for event in stream]
        final = stream.get_final_message()
    assert "thinking" in kinds
    assert "signature" in kinds
    assert kinds.index("thinking") < kinds.index("signature") < kinds.index("text")
    assert _dump_blocks(final) == _dump_blocks(created)


def _follow_up(first_content):
    return [
        *HELLO,
        {"role": "assistant", "content": first_content},
        {"role": "user", "content": "And once more, please."},
    ]


def test_thinking_round_trip_and_tampering(client):
    first = client.messages.create(
        model=MODEL, max_tokens=2048, messages=HELLO, thinking=THINKING
    )
    blocks = [block.model_dump(exclude_none=True) for block in first.content]
    again = client.messages.create(
        model=MODEL, max_tokens=2048, messages=_follow_up(blocks), thinking=THINKING
    )
    assert again.content[-1].type == "text"

    altered_text = [dict(blocks[0], thinking=blocks[0]["thinking"] + " "), blocks[1]]
    with pytest.raises(anthropic.BadRequestError) as excinfo:
        client.messages.create(
            model=MODEL,
            max_tokens=2048,
            messages=_follow_up(altered_text),
            thinking=THINKING,
        )
    assert excinfo.value.status_code == 400
    assert "thinking" in excinfo.value.body["error"]["message"]

    altered_signature = [dict(blocks[0], signature="x" + blocks[0]["signature"])]
    with pytest.raises(anthropic.BadRequestError):
        client.messages.create(
            model=MODEL,
            max_tokens=2048,
            messages=_follow_up([*altered_signature, blocks[1]]),
            thinking=THINKING,
        )


def test_thinking_with_tools_needs_the_thinking_block_back(client):
    kwargs = dict(model=MODEL, max_tokens=2048, tools=[WEATHER_TOOL], thinking=THINKING)
    first = client.messages.create(messages=WEATHER_QUESTION, **kwargs)
    assert [block.type for block in first.content] == ["thinking", "tool_use"]
    blocks = [block.model_dump(exclude_none=True) for block in first.content]
    result = {
        "role": "user",
        "content": [
            {"type": "tool_result", "tool_use_id": blocks[1]["id"], "content": "Sunny"}
        ],
    }

    def follow_up(assistant_blocks):
        return [
            *WEATHER_QUESTION,
            {"role": "assistant", "content": assistant_blocks},
            result,
        ]

    answer = client.messages.create(messages=follow_up(blocks), **kwargs)
    assert answer.stop_reason == "end_turn"
    assert "Sunny" in _text(answer)
    with pytest.raises(anthropic.BadRequestError) as excinfo:
        client.messages.create(messages=follow_up(blocks[1:]), **kwargs)
    assert "messages[1].content[0]" in excinfo.value.body["error"]["message"]


# --- tokens and caching -----------------------------------------------------------


def test_count_tokens_equals_billed_input(client):
    kwargs = dict(
        model=MODEL,
        system="Answer like a pirate.",
        messages=WEATHER_QUESTION,
        tools=[WEATHER_TOOL],
    )
    counted = client.messages.count_tokens(**kwargs)
    billed = client.messages.create(max_tokens=512, **kwargs)
    assert counted.input_tokens > 0
    assert counted.input_tokens == billed.usage.input_tokens
    plain = client.messages.count_tokens(model=MODEL, messages=WEATHER_QUESTION)
    assert plain.input_tokens < counted.input_tokens


# --- models -----------------------------------------------------------------------


def test_models_list_names_the_catalog(client):
    from ezrouter_mock.profile import load_profile

    expected = {m.id for m in load_profile().models if "anthropic" in m.surfaces}
    listed = [model.id for model in client.models.list()]
    assert sorted(listed) == sorted(expected), "the models whose surfaces include it"
    assert MODEL in listed
    assert client.models.retrieve(MODEL).id == MODEL


# --- what ezrouter documents as ignored or unsupported ----------------------------


def test_anthropic_beta_header_is_accepted_and_ignored(client):
    plain = client.messages.create(model=MODEL, max_tokens=128, messages=HELLO)
    beta = client.messages.create(
        model=MODEL,
        max_tokens=128,
        messages=HELLO,
        extra_headers={"anthropic-beta": "made-up-feature-2099-01-01"},
    )
    assert _dump_blocks(beta) == _dump_blocks(plain)
    assert beta.usage == plain.usage


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        (
            {
                "mcp_servers": [
                    {"type": "url", "url": "https://example.com/sse", "name": "x"}
                ]
            },
            "mcp_servers",
        ),
        ({"tools": [{"type": "web_search_20250305", "name": "web_search"}]}, "tools"),
    ],
    ids=["mcp_servers", "server_tool"],
)
def test_unsupported_features_are_a_400_naming_the_field(client, extra, field):
    with pytest.raises(anthropic.BadRequestError) as excinfo:
        client.messages.create(
            model=MODEL, max_tokens=64, messages=HELLO, extra_body=extra
        )
    assert field in excinfo.value.body["error"]["message"]


# --- errors, retries, timeouts ----------------------------------------------------


def test_wrong_key_raises_authentication_error(ezrouter_mock):
    client = anthropic.Anthropic(
        api_key="sk-not-a-real-key", base_url=ezrouter_mock.anthropic_url
    )
    with pytest.raises(anthropic.AuthenticationError) as excinfo:
        client.messages.create(model=MODEL, max_tokens=64, messages=HELLO)
    error = excinfo.value
    assert error.status_code == 401
    assert error.body["error"]["code"] == "invalid_api_key"
    assert error.body["error"]["type"] == "authentication_error"
    request_id = error.response.headers["x-oneapi-request-id"]
    assert f"(request id: {request_id})" in error.body["error"]["message"]
    assert "sk-not-a-real-key" not in error.response.text


def test_unknown_model_raises_permission_denied(client):
    with pytest.raises(anthropic.PermissionDeniedError) as excinfo:
        client.messages.create(model="no-such-model", max_tokens=64, messages=HELLO)
    assert excinfo.value.body["error"]["code"] == "access_denied"
    assert excinfo.value.body["error"]["type"] == "new_api_error"


@pytest.mark.parametrize(
    ("messages", "field"),
    [
        ([], "messages"),
        ([{"role": "robot", "content": "hi"}], "messages[0].role"),
        ([{"role": "user", "content": ""}], "messages[0].content"),
        (
            [
                {
                    "role": "user",
                    "content": [
                        {
                            "type": "tool_result",
                            "tool_use_id": "toolu_x",
                            "content": "1",
                        }
                    ],
                }
            ],
            "tool_use_id",
        ),
    ],
    ids=["empty", "role", "blank", "unpaired-tool-result"],
)
def test_bad_input_is_a_bad_request_naming_the_field(client, messages, field):
    with pytest.raises(anthropic.BadRequestError) as excinfo:
        client.messages.create(model=MODEL, max_tokens=64, messages=messages)
    assert field in excinfo.value.body["error"]["message"]


def _posts(mock):
    return [r for r in mock.journal if r.method == "POST"]


def test_one_overload_then_success_with_default_retries(ezrouter_mock_fresh):
    mock = ezrouter_mock_fresh
    client = anthropic.Anthropic(api_key=mock.key, base_url=mock.anthropic_url)
    expected = client.messages.create(model=MODEL, max_tokens=64, messages=HELLO)
    mock.faults.push(status=529)
    before = len(_posts(mock))
    message = client.messages.create(model=MODEL, max_tokens=64, messages=HELLO)
    assert _text(message) == _text(expected)
    attempts = _posts(mock)[before:]
    assert len(attempts) == 2
    retry_counts = [r.headers.get("x-stainless-retry-count") for r in attempts]
    assert retry_counts == ["0", "1"]


def test_fault_headers_steer_the_sdk_retry(ezrouter_mock_fresh):
    mock = ezrouter_mock_fresh
    client = anthropic.Anthropic(api_key=mock.key, base_url=mock.anthropic_url)
    mock.faults.push(status=500, headers={"x-should-retry": "false"})
    with pytest.raises(anthropic.InternalServerError):
        client.messages.create(model=MODEL, max_tokens=64, messages=HELLO)
    assert len(_posts(mock)) == 1, "x-should-retry: false must stop the retry"
    mock.faults.push(status=400, headers={"x-should-retry": "true"})
    assert client.messages.create(model=MODEL, max_tokens=64, messages=HELLO)
    assert len(_posts(mock)) == 3


def test_overload_without_retries_raises(ezrouter_mock_fresh):
    mock = ezrouter_mock_fresh
    client = anthropic.Anthropic(
        api_key=mock.key, base_url=mock.anthropic_url, max_retries=0
    )
    mock.faults.push(status=529)
    with pytest.raises(anthropic.APIStatusError) as excinfo:
        client.messages.create(model=MODEL, max_tokens=64, messages=HELLO)
    assert excinfo.value.status_code == 529
    assert client.messages.create(model=MODEL, max_tokens=64, messages=HELLO)


def test_timeout_is_retried_by_the_sdk(ezrouter_mock_fresh):
    mock = ezrouter_mock_fresh
    client = anthropic.Anthropic(
        api_key=mock.key, base_url=mock.anthropic_url, max_retries=1, timeout=3
    )
    mock.faults.push(hang=True)
    assert client.messages.create(model=MODEL, max_tokens=64, messages=HELLO)
    assert len(_posts(mock)) == 2


@pytest.mark.parametrize(
    ("fault", "errors"),
    [
        ("error", anthropic.APIStatusError),
        # anthropic 2.14 lets the transport error through unwrapped mid-stream
        ("drop", (anthropic.APIConnectionError, httpx2.TransportError)),
    ],
    ids=["error-event", "dropped"],
)
def test_a_stream_broken_mid_way_raises(ezrouter_mock_fresh, fault, errors):
    mock = ezrouter_mock_fresh
    client = anthropic.Anthropic(
        api_key=mock.key, base_url=mock.anthropic_url, max_retries=0
    )
    mock.faults.push(break_stream=fault)
    received = []
    with pytest.raises(errors):
        with client.messages.stream(
            model=MODEL, max_tokens=256, messages=HELLO
        ) as stream:
            received.extend(stream.text_stream)
    assert received, "the break should come mid-way, after some text"
    assert client.messages.create(model=MODEL, max_tokens=64, messages=HELLO)
