"""The official ``openai`` SDK, unmodified, against the mock's OpenAI surface.

ezrouter's documented divergences are part of what is verified here: chat
completions answer in SSE even without ``stream`` (so a plain ``create`` hands back
the raw SSE text), chunk ids look like ``msg_...``, only claude-opus-4-7 streams
parseable tool-call deltas, kimi gives no tool signal, claude-opus-4-7 reports no
automatic cache hits. Each divergence can be switched off in the mock, and the tests
check that the SDK's ordinary behaviour comes back when it is.
"""

from __future__ import annotations

import asyncio
import json

import jsonschema
import openai
import pytest
from support import sse
from support.bodies import HELLO, MODEL, WEATHER_QUESTION, WEATHER_SCHEMA

from ezrouter_mock.mock.http.server import MockServer, MockSettings

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather for a city.",
        "parameters": WEATHER_SCHEMA,
    },
}


@pytest.fixture
def client(ezrouter_mock):
    return openai.OpenAI(api_key=ezrouter_mock.key, base_url=ezrouter_mock.openai_url)


@pytest.fixture(scope="module")
def plain_mock():
    """A mock with every documented divergence switched off: upstream behaviour."""
    settings = MockSettings(
        divergences_off={
            "always_sse",
            "tool_call_deltas_missing",
            "opus_no_auto_cache",
            "kimi_no_tool_signal",
            "reasoning_content_dropped",
        }
    )
    with MockServer(settings=settings) as mock:
        yield mock


@pytest.fixture
def plain_client(plain_mock):
    return openai.OpenAI(api_key=plain_mock.key, base_url=plain_mock.openai_url)


class Collected:
    """What one ``stream=True`` call delivered, accumulated the way readers do."""

    def __init__(self, chunks):
        self.chunks = list(chunks)
        self.text = ""
        self.reasoning = ""
        self.finish_reason = None
        self.usage = None
        self.tool_calls: dict[int, dict] = {}
        for chunk in self.chunks:
            if chunk.usage is not None:
                self.usage = chunk.usage
            for choice in chunk.choices:
                delta = choice.delta
                self.text += delta.content or ""
                self.reasoning += (delta.model_extra or {}).get(
                    "reasoning_content"
                ) or ""
                for call in delta.tool_calls or []:
                    slot = self.tool_calls.setdefault(
                        call.index, {"id": None, "name": "", "arguments": ""}
                    )
                    slot["id"] = call.id or slot["id"]
                    if call.function:
                        slot["name"] += call.function.name or ""
                        slot["arguments"] += call.function.arguments or ""
                if choice.finish_reason:
                    self.finish_reason = choice.finish_reason


def collect(client, **kwargs) -> Collected:
    return Collected(client.chat.completions.create(stream=True, **kwargs))


# --- the always-SSE divergence ------------------------------------------------------


def test_plain_create_hands_back_raw_sse_text(client):
    raw = client.chat.completions.create(model=MODEL, messages=HELLO)
    assert isinstance(raw, str), "ezrouter answers SSE even without stream=True"
    events = sse.events(raw)
    assert events[-1][1] == "[DONE]"
    chunks = [json.loads(data) for _, data in events[:-1]]
    text = "".join(
        c["choices"][0]["delta"].get("content") or "" for c in chunks if c["choices"]
    )
    assert text == collect(client, model=MODEL, messages=HELLO).text


def test_create_without_the_divergence_returns_a_chat_completion(client, plain_client):
    completion = plain_client.chat.completions.create(model=MODEL, messages=HELLO)
    assert isinstance(completion, openai.types.chat.ChatCompletion)
    assert completion.object == "chat.completion"
    choice = completion.choices[0]
    assert choice.finish_reason == "stop"
    assert choice.message.role == "assistant"
    assert choice.message.content == collect(client, model=MODEL, messages=HELLO).text
    usage = completion.usage
    assert usage.total_tokens == usage.prompt_tokens + usage.completion_tokens


# --- streaming ----------------------------------------------------------------------


def test_stream_true_delivers_text_usage_and_done(client):
    got = collect(client, model=MODEL, messages=HELLO)
    assert len(got.text.split()) >= 2
    assert got.finish_reason == "stop"
    ids = {chunk.id for chunk in got.chunks}
    assert len(ids) == 1
    assert ids.pop().startswith("msg_"), "ezrouter documents Anthropic-style ids"
    assert got.usage is not None, "usage arrives in the final chunk"
    assert got.usage.prompt_tokens > 0
    assert got.usage.completion_tokens > 0
    assert (
        got.usage.total_tokens == got.usage.prompt_tokens + got.usage.completion_tokens
    )
    assert collect(client, model=MODEL, messages=HELLO).text == got.text


def test_stream_helper_final_completion(client):
    expected = collect(client, model=MODEL, messages=HELLO)
    with client.chat.completions.stream(model=MODEL, messages=HELLO) as stream:
        deltas = [e.delta for e in stream if e.type == "content.delta"]
        final = stream.get_final_completion()
    assert "".join(deltas) == expected.text
    assert final.choices[0].message.content == expected.text
    assert final.choices[0].finish_reason == "stop"
    assert final.usage.completion_tokens == expected.usage.completion_tokens


def test_async_stream_and_helper(ezrouter_mock, client):
    expected = collect(client, model=MODEL, messages=HELLO).text
    aclient = openai.AsyncOpenAI(
        api_key=ezrouter_mock.key, base_url=ezrouter_mock.openai_url
    )

    async def run():
        async with aclient:
            stream = await aclient.chat.completions.create(
                model=MODEL, messages=HELLO, stream=True
            )
            text = ""
            async for chunk in stream:
                if chunk.choices:
                    text += chunk.choices[0].delta.content or ""
            async with aclient.chat.completions.stream(
                model=MODEL, messages=HELLO
            ) as helper:
                final = await helper.get_final_completion()
            return text, final.choices[0].message.content

    text, helper_text = asyncio.run(run())
    assert text == expected
    assert helper_text == expected


def test_max_tokens_and_stop(client):
    full = collect(client, model=MODEL, messages=HELLO, max_tokens=256)
    cut = collect(client, model=MODEL, messages=HELLO, max_tokens=3)
    assert cut.finish_reason == "length"
    assert cut.usage.completion_tokens <= 3
    assert full.text.startswith(cut.text.rstrip())
    word = full.text.split()[len(full.text.split()) // 2]
    stopped = collect(client, model=MODEL, messages=HELLO, stop=[word])
    assert stopped.finish_reason == "stop"
    assert stopped.text == full.text[: full.text.index(word)]


# --- tools ---------------------------------------------------------------------------


def test_opus_streams_parseable_tool_calls_and_loop_finishes(client):
    model = "claude-opus-4-7"
    first = collect(
        client, model=model, messages=WEATHER_QUESTION, tools=[WEATHER_TOOL]
    )
    assert first.finish_reason == "tool_calls"
    (call,) = first.tool_calls.values()
    assert call["id"].startswith("call_")
    assert call["name"] == "get_weather"
    jsonschema.validate(json.loads(call["arguments"]), WEATHER_SCHEMA)

    result = "Light rain, 14 degrees"
    second = collect(
        client,
        model=model,
        tools=[WEATHER_TOOL],
        messages=[
            *WEATHER_QUESTION,
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": call["id"],
                        "type": "function",
                        "function": {
                            "name": call["name"],
                            "arguments": call["arguments"],
                        },
                    }
                ],
            },
            {"role": "tool", "tool_call_id": call["id"], "content": result},
        ],
    )
    assert second.finish_reason == "stop"
    assert not second.tool_calls
    assert result in second.text


def test_tool_choice_none_and_required(client):
    model = "claude-opus-4-7"
    none = collect(
        client,
        model=model,
        messages=WEATHER_QUESTION,
        tools=[WEATHER_TOOL],
        tool_choice="none",
    )
    assert none.finish_reason == "stop"
    assert not none.tool_calls
    required = collect(
        client,
        model=model,
        messages=[{"role": "user", "content": "Hello"}],
        tools=[WEATHER_TOOL],
        tool_choice="required",
    )
    assert required.finish_reason == "tool_calls"
    assert required.tool_calls


def test_named_tool_choice(client):
    other = {
        "type": "function",
        "function": {"name": "get_time", "parameters": WEATHER_SCHEMA},
    }
    got = collect(
        client,
        model="claude-opus-4-7",
        messages=WEATHER_QUESTION,
        tools=[WEATHER_TOOL, other],
        tool_choice={"type": "function", "function": {"name": "get_time"}},
    )
    assert [call["name"] for call in got.tool_calls.values()] == ["get_time"]


def test_sonnet_signals_a_tool_call_without_payload(client, plain_client):
    kwargs = dict(model=MODEL, messages=WEATHER_QUESTION, tools=[WEATHER_TOOL])
    broken = collect(client, **kwargs)
    assert broken.finish_reason == "tool_calls"
    assert broken.tool_calls == {}, "documented gateway bug GW-001"
    fixed = collect(plain_client, **kwargs)
    assert fixed.finish_reason == "tool_calls"
    (call,) = fixed.tool_calls.values()
    jsonschema.validate(json.loads(call["arguments"]), WEATHER_SCHEMA)


def test_kimi_gives_no_tool_signal(client, plain_client):
    kwargs = dict(model="kimi-k2.6", messages=WEATHER_QUESTION, tools=[WEATHER_TOOL])
    silent = collect(client, **kwargs)
    assert silent.finish_reason == "stop"
    assert not silent.tool_calls
    assert silent.text
    assert collect(plain_client, **kwargs).finish_reason == "tool_calls"


# --- reasoning -----------------------------------------------------------------------


def test_reasoning_content_on_claude(client):
    got = collect(
        client,
        model=MODEL,
        messages=HELLO,
        reasoning_effort="high",
        extra_body={"thinking": {"type": "enabled"}},
    )
    assert got.reasoning.strip(), "reasoning arrives as delta.reasoning_content"
    assert got.text.strip()
    plain = collect(client, model=MODEL, messages=HELLO)
    assert plain.reasoning == ""


def _reasoning(client, effort):
    return collect(
        client,
        model=MODEL,
        messages=HELLO,
        reasoning_effort=effort,
        extra_body={"thinking": {"type": "enabled"}},
    ).reasoning


def test_reasoning_effort_mapping(client):
    # ezrouter: low and medium map to high; xhigh maps to max.
    high = _reasoning(client, "high")
    deepest = _reasoning(client, "max")
    assert _reasoning(client, "low") == high
    assert _reasoning(client, "medium") == high
    assert _reasoning(client, "xhigh") == deepest
    assert len(deepest) > len(high)


def _with_reasoning_history(reasoning: str | None):
    assistant = {"role": "assistant", "content": "Hello there."}
    if reasoning is not None:
        assistant["reasoning_content"] = reasoning
    return [*HELLO, assistant, {"role": "user", "content": "And again?"}]


def test_reasoning_content_sent_back_is_dropped(client, plain_client):
    thought = "I considered several greetings before choosing this one. " * 5
    kwargs = dict(model=MODEL, max_tokens=32)

    def prompt_tokens(c, reasoning):
        got = collect(c, messages=_with_reasoning_history(reasoning), **kwargs)
        return got.usage.prompt_tokens

    assert prompt_tokens(client, thought) == prompt_tokens(client, None)
    assert prompt_tokens(plain_client, thought) > prompt_tokens(plain_client, None)


def test_no_reasoning_content_on_unverified_family(client):
    got = collect(
        client,
        model="deepseek-v4-flash",
        messages=HELLO,
        reasoning_effort="high",
        extra_body={"thinking": {"type": "enabled"}},
    )
    assert got.reasoning == ""
    assert got.text.strip()


# --- caching and JSON mode ---------------------------------------------------------


def test_json_mode_yields_a_json_object(client):
    got = collect(
        client,
        model=MODEL,
        messages=[
            {"role": "system", "content": "Reply in JSON."},
            {"role": "user", "content": "Give me a city and its country as json."},
        ],
        response_format={"type": "json_object"},
    )
    assert isinstance(json.loads(got.text), dict)


# --- models --------------------------------------------------------------------------


def test_models_list_in_ezrouter_shape(client):
    from ezrouter_mock.profile import load_profile

    profile = load_profile()
    listed = {model.id: model for model in client.models.list()}
    on_openai = [m for m in profile.models if "openai" in m.surfaces]
    assert sorted(listed) == sorted(m.id for m in on_openai)
    for model in on_openai:
        entry = listed[model.id]
        assert entry.owned_by == model.owned_by
        assert entry.created == 1626777600, "ezrouter's constant placeholder"
        assert entry.model_extra["supported_endpoint_types"] == list(model.surfaces)


# --- errors, retries, timeouts ------------------------------------------------------


def test_wrong_key_raises_authentication_error(ezrouter_mock):
    bad = openai.OpenAI(api_key="sk-not-a-real-key", base_url=ezrouter_mock.openai_url)
    with pytest.raises(openai.AuthenticationError) as excinfo:
        collect(bad, model=MODEL, messages=HELLO)
    error = excinfo.value
    assert error.status_code == 401
    assert error.code == "invalid_api_key"
    assert error.type == "authentication_error"
    request_id = error.response.headers["x-oneapi-request-id"]
    assert f"(request id: {request_id})" in error.message


def test_unknown_model_raises_permission_denied(client):
    with pytest.raises(openai.PermissionDeniedError) as excinfo:
        collect(client, model="no-such-model", messages=HELLO)
    assert excinfo.value.code == "access_denied"
    assert excinfo.value.type == "new_api_error"


@pytest.mark.parametrize(
    ("messages", "field"),
    [
        ([], "messages"),
        ([{"role": "robot", "content": "hi"}], "messages[0].role"),
        (
            [{"role": "tool", "content": "1", "tool_call_id": "call_x"}],
            "messages[0].tool_call_id",
        ),
    ],
    ids=["empty", "role", "unpaired-tool-message"],
)
def test_bad_input_is_a_bad_request_naming_the_field(client, messages, field):
    with pytest.raises(openai.BadRequestError) as excinfo:
        collect(client, model=MODEL, messages=messages)
    assert field in excinfo.value.message


def _posts(mock):
    return [r for r in mock.journal if r.method == "POST"]


@pytest.mark.parametrize("status", [429, 500, 502])
def test_one_failure_then_success_with_default_retries(ezrouter_mock_fresh, status):
    mock = ezrouter_mock_fresh
    client = openai.OpenAI(api_key=mock.key, base_url=mock.openai_url)
    expected = collect(client, model=MODEL, messages=HELLO).text
    mock.faults.push(status=status)
    before = len(_posts(mock))
    assert collect(client, model=MODEL, messages=HELLO).text == expected
    attempts = _posts(mock)[before:]
    assert [r.headers.get("x-stainless-retry-count") for r in attempts] == ["0", "1"]


def test_failure_without_retries_raises_the_mapped_error(ezrouter_mock_fresh):
    mock = ezrouter_mock_fresh
    client = openai.OpenAI(api_key=mock.key, base_url=mock.openai_url, max_retries=0)
    mock.faults.push(status=502)
    with pytest.raises(openai.InternalServerError) as excinfo:
        collect(client, model=MODEL, messages=HELLO)
    assert excinfo.value.status_code == 502
    mock.faults.push(status=429)
    with pytest.raises(openai.RateLimitError):
        collect(client, model=MODEL, messages=HELLO)
    assert collect(client, model=MODEL, messages=HELLO).text


@pytest.mark.parametrize(
    ("fault", "error"),
    [("error", openai.APIError), ("drop", openai.APIConnectionError)],
    ids=["error-event", "dropped"],
)
def test_a_stream_broken_mid_way_raises(ezrouter_mock_fresh, fault, error):
    mock = ezrouter_mock_fresh
    client = openai.OpenAI(api_key=mock.key, base_url=mock.openai_url, max_retries=0)
    mock.faults.push(break_stream=fault)
    text = ""
    with pytest.raises(error):
        for chunk in client.chat.completions.create(
            model=MODEL, messages=HELLO, stream=True
        ):
            if chunk.choices:
                text += chunk.choices[0].delta.content or ""
    assert text, "the break should come after some content"
    assert collect(client, model=MODEL, messages=HELLO).text
