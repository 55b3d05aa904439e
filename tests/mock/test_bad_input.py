"""Bad input gets a 4xx envelope naming the field, never a 5xx; the server keeps
serving afterwards."""

from __future__ import annotations

import json

import httpx
import pytest
from support.http import post
from support.schemas import FANOUT, one_property


def _ok_a(**extra):
    body = {
        "model": "claude-sonnet-4-6",
        "max_tokens": 100,
        "messages": [{"role": "user", "content": "Hi"}],
    }
    body.update(extra)
    return body


def _ok_o(**extra):
    body = {
        "model": "deepseek-v4-flash",
        "messages": [{"role": "user", "content": "Hi"}],
    }
    body.update(extra)
    return body


def _assert_4xx(resp: httpx.Response, status: int, needle: str) -> None:
    assert resp.status_code == status, resp.text
    error = resp.json()["error"]
    assert set(error) >= {"code", "message", "type"}
    assert needle in error["message"], error["message"]
    assert "request id:" in error["message"]
    assert resp.headers["x-oneapi-request-id"]


RAW_CASES = [
    (b'{"model": "\\ud800"}', 400, "surrogate"),
    (b"{not json", 400, "not valid JSON"),
    (b"", 400, "body is empty"),
    (b"[1, 2]", 400, "JSON object"),
    (b'{"model": "\xff\xfe"}', 400, "UTF-8"),
    (b"[" * 5000 + b"]" * 5000, 400, "nested"),
    (b'{"model": "m", "temperature": NaN}', 400, "NaN is not valid JSON"),
    (b'{"model": "m", "temperature": -Infinity}', 400, "Infinity is not valid JSON"),
    (b'{"model": "m", "temperature": 1e400}', 400, "too large"),
    # 70 levels inside an object: past the 64-level limit, far below the parser's
    (b'{"a": ' + b"[" * 70 + b"1" + b"]" * 70 + b"}", 400, "nested"),
]


@pytest.mark.parametrize("content,status,needle", RAW_CASES)
@pytest.mark.parametrize("path", ["/anthropic/v1/messages", "/v1/chat/completions"])
def test_unparseable_bodies(ezrouter_mock, path, content, status, needle):
    _assert_4xx(post(ezrouter_mock, path, content=content), status, needle)


@pytest.mark.parametrize(
    ("path", "body", "content_type", "needle"),
    [
        ("/v1/chat/completions", _ok_o(), "text/plain", "content-type"),
        # Finding 9: the body is not silently read as UTF-8.
        (
            "/anthropic/v1/messages",
            _ok_a(),
            "application/json; charset=latin-1",
            "UTF-8",
        ),
    ],
    ids=["not-json", "not-utf8"],
)
def test_a_body_not_declared_as_utf8_json_is_415(
    ezrouter_mock, path, body, content_type, needle
):
    resp = post(ezrouter_mock, path, body, headers={"content-type": content_type})
    _assert_4xx(resp, 415, needle)


def test_oversized_body_is_413(ezrouter_mock):
    big = _ok_a(messages=[{"role": "user", "content": "x" * (9 * 1024 * 1024)}])
    _assert_4xx(
        post(ezrouter_mock, "/anthropic/v1/messages", body=big), 413, "larger than"
    )


ANTHROPIC_CASES = [
    ({"max_tokens": 10, "messages": [{"role": "user", "content": "Hi"}]}, "model"),
    (_ok_a(model=42), "model"),
    (
        {"model": "claude-sonnet-4-6", "messages": [{"role": "user", "content": "Hi"}]},
        "max_tokens",
    ),
    (_ok_a(max_tokens="many"), "max_tokens"),
    (_ok_a(max_tokens=0), "max_tokens"),
    (_ok_a(messages=[]), "messages"),
    (_ok_a(messages="Hi"), "messages"),
    (_ok_a(messages=[{"role": "robot", "content": "Hi"}]), "messages[0].role"),
    (_ok_a(messages=[{"role": "user"}]), "messages[0].content"),
    (_ok_a(messages=[{"role": "user", "content": ""}]), "messages[0].content"),
    (
        _ok_a(messages=[{"role": "user", "content": [{"type": "text"}]}]),
        "messages[0].content[0].text",
    ),
    (
        _ok_a(messages=[{"role": "user", "content": [{"type": "hologram"}]}]),
        "messages[0].content[0].type",
    ),
    (
        _ok_a(
            messages=[
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
            ]
        ),
        "messages[0].content[0].tool_use_id",
    ),
    (
        _ok_a(thinking={"type": "enabled", "budget_tokens": 10}),
        "thinking.budget_tokens",
    ),
    (
        _ok_a(thinking={"type": "enabled", "budget_tokens": 2000}),
        "thinking.budget_tokens",
    ),
    (_ok_a(thinking={"type": "sometimes"}), "thinking.type"),
    (_ok_a(stop_sequences=[1]), "stop_sequences[0]"),
    (_ok_a(system=5), "system"),
    (_ok_a(tools=[{"name": "x"}]), "tools[0].input_schema"),
    (
        _ok_a(tools=[{"name": "bad name!", "input_schema": {"type": "object"}}]),
        "tools[0].name",
    ),
    (_ok_a(tool_choice={"type": "tool", "name": "missing"}), "tool_choice"),
    (_ok_a(temperature=5), "temperature"),
    # issue 11 finding 9: as strict as the upstream spec
    (_ok_a(stop_sequences="x"), "stop_sequences"),
    (_ok_a(top_k=-1), "top_k"),
    (_ok_a(metadata={"a": 1}), "metadata.a"),
    (_ok_a(service_tier="gold"), "service_tier"),
    # finding 3: a tool's input_schema must be a JSON Schema
    (
        _ok_a(tools=[{"name": "t", "input_schema": {"type": "object", "required": 5}}]),
        "tools[0].input_schema.required",
    ),
    (
        _ok_a(
            tools=[{"name": "t", "input_schema": {"type": "object", "required": None}}]
        ),
        "tools[0].input_schema.required",
    ),
    (
        _ok_a(
            tools=[
                {
                    "name": "t",
                    "input_schema": {"type": "object", "allOf": [{"required": 5}]},
                }
            ]
        ),
        "tools[0].input_schema.allOf[0].required",
    ),
    (_ok_a(stream="yes"), "stream"),
    (
        _ok_a(
            messages=[
                {
                    "role": "user",
                    "content": [
                        {
                            "type": "text",
                            "text": "x",
                            "cache_control": {"type": "forever"},
                        }
                    ],
                }
            ]
        ),
        "messages[0].content[0].cache_control.type",
    ),
]


@pytest.mark.parametrize("body,field", ANTHROPIC_CASES)
def test_anthropic_invalid_fields_are_named(ezrouter_mock, body, field):
    _assert_4xx(post(ezrouter_mock, "/anthropic/v1/messages", body=body), 400, field)


OPENAI_CASES = [
    ({"messages": [{"role": "user", "content": "Hi"}]}, "model"),
    (_ok_o(messages=[]), "messages"),
    (_ok_o(messages=[{"role": "wizard", "content": "Hi"}]), "messages[0].role"),
    (_ok_o(messages=[{"role": "user", "content": 3}]), "messages[0].content"),
    (
        _ok_o(messages=[{"role": "tool", "tool_call_id": "call_1", "content": "x"}]),
        "messages[0].tool_call_id",
    ),
    (_ok_o(max_tokens=-1), "max_tokens"),
    (_ok_o(temperature=3), "temperature"),
    (_ok_o(top_p="high"), "top_p"),
    (_ok_o(stop=["a", "b", "c", "d", "e"]), "stop"),
    (_ok_o(reasoning_effort="extreme"), "reasoning_effort"),
    (_ok_o(tools=[{"type": "function"}]), "tools[0].function"),
    (_ok_o(tool_choice="sometimes"), "tool_choice"),
    (_ok_o(response_format={"type": "yaml"}), "response_format.type"),
    (_ok_o(n=3), "n"),
    # issue 11 finding 9: fields the mock does not model are still type-checked
    (_ok_o(seed="x"), "seed"),
    (_ok_o(logprobs="yes"), "logprobs"),
    (_ok_o(service_tier="gold"), "service_tier"),
    (_ok_o(user_id=5), "user_id"),
    # finding 3: structured-output and tool schemas must be JSON Schemas
    (
        _ok_o(
            tools=[
                {
                    "type": "function",
                    "function": {
                        "name": "t",
                        "parameters": {"type": "object", "required": 5},
                    },
                }
            ]
        ),
        "tools[0].function.parameters.required",
    ),
    (
        _ok_o(
            response_format={
                "type": "json_schema",
                "json_schema": {
                    "name": "r",
                    "schema": {"type": "object", "required": 5},
                },
            }
        ),
        "response_format.json_schema.schema.required",
    ),
]


@pytest.mark.parametrize("body,field", OPENAI_CASES)
def test_openai_invalid_fields_are_named(ezrouter_mock, body, field):
    _assert_4xx(post(ezrouter_mock, "/v1/chat/completions", body=body), 400, field)


def test_unknown_model_is_403(ezrouter_mock):
    for path, body in (
        ("/anthropic/v1/messages", _ok_a(model="gpt-9")),
        ("/v1/chat/completions", _ok_o(model="gpt-9")),
    ):
        resp = post(ezrouter_mock, path, body=body)
        _assert_4xx(resp, 403, "gpt-9")
        assert resp.json()["error"]["code"] == "access_denied"
        assert resp.json()["error"]["type"] == "new_api_error"


def test_unknown_model_is_403_before_any_other_check(ezrouter_mock):
    # Claude Code's default model arrives with a role the surface rejects; the reader
    # must see "not in the catalog", the cause, rather than a 400 about message roles.
    (denied,) = [e for e in ezrouter_mock.profile.errors if e.http == 403]
    unknown = "claude-opus-4-8"
    roles = [{"role": "user", "content": "Hi"}, {"role": "system", "content": "x"}]
    for path, body in (
        ("/anthropic/v1/messages", {"model": unknown, "messages": roles}),
        ("/anthropic/v1/messages/count_tokens", {"model": unknown, "messages": []}),
        ("/v1/chat/completions", {"model": unknown, "messages": "none", "n": 3}),
    ):
        resp = post(ezrouter_mock, path, body=body)
        _assert_4xx(resp, 403, f"{unknown!r} is not in the gateway catalog")
        assert (resp.json()["error"]["code"], resp.json()["error"]["type"]) == (
            denied.code,
            denied.type,
        )


def test_unknown_route_and_method(ezrouter_mock):
    resp = httpx.get(ezrouter_mock.root_url + "/v2/nothing")
    _assert_4xx(resp, 404, "/v2/nothing")
    resp = httpx.get(ezrouter_mock.root_url + "/v1/chat/completions")
    _assert_4xx(resp, 405, "GET")


@pytest.mark.parametrize(
    "path",
    [
        "/anthropic/v1/v1/messages",  # an Anthropic SDK base URL ending in /v1
        "/anthropic/messages",  # one missing
        "/v1/v1/chat/completions",
    ],
)
def test_a_wrong_v1_in_the_path_is_a_404_naming_the_path(ezrouter_mock, path):
    """The errors guide says a 404 usually means an extra or missing /v1: so it must
    be a 404 (a path under a surface root is not a route of that root)."""
    resp = post(ezrouter_mock, path, {})
    _assert_4xx(resp, 404, path)


def test_server_keeps_serving_after_bad_input(ezrouter_mock):
    for content, _, _ in RAW_CASES:
        post(ezrouter_mock, "/anthropic/v1/messages", content=content)
    resp = post(ezrouter_mock, "/anthropic/v1/messages", body=_ok_a())
    assert resp.status_code == 200
    assert resp.json()["content"][0]["type"] == "text"


A_FULL = {
    "model": "claude-opus-4-7",
    "max_tokens": 300,
    "system": [{"type": "text", "text": "sys", "cache_control": {"type": "ephemeral"}}],
    "stop_sequences": ["x"],
    "tools": [
        {
            "name": "get_weather",
            "description": "weather city",
            "input_schema": {
                "type": "object",
                "properties": {"city": {"type": "string"}},
            },
        }
    ],
    "tool_choice": {"type": "auto"},
    "thinking": {"type": "enabled", "budget_tokens": 1024},
    "messages": [
        {"role": "user", "content": [{"type": "text", "text": "weather in Paris"}]}
    ],
}
O_FULL = {
    "model": "claude-opus-4-7",
    "max_tokens": 300,
    "stop": ["x"],
    "reasoning_effort": "high",
    "thinking": {"type": "enabled"},
    "response_format": {"type": "json_object"},
    "tools": [
        {
            "type": "function",
            "function": {"name": "get_weather", "parameters": {"type": "object"}},
        }
    ],
    "messages": [
        {"role": "system", "content": "s"},
        {"role": "user", "content": [{"type": "text", "text": "weather in Paris"}]},
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": "c1",
                    "type": "function",
                    "function": {"name": "get_weather", "arguments": "{}"},
                }
            ],
        },
        {"role": "tool", "tool_call_id": "c1", "content": "ok"},
    ],
}
ODD_VALUES = [None, True, -1, 1e308, "", [], {}, [None], {"type": None}, 10**40]


def _leaf_paths(value, path=()):
    yield path
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else []
    )
    for key, item in items:
        yield from _leaf_paths(item, (*path, key))


def _replace(value, path, new):
    if not path:
        return new
    copy = json.loads(json.dumps(value))
    target = copy
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = new
    return copy


@pytest.mark.parametrize("surface", ["anthropic", "openai"])
def test_no_mutation_of_a_valid_body_gets_a_5xx(ezrouter_mock, surface):
    base, path = (
        (A_FULL, "/anthropic/v1/messages")
        if surface == "anthropic"
        else (O_FULL, "/v1/chat/completions")
    )
    with httpx.Client(timeout=10) as client:
        headers = {
            "authorization": f"Bearer {ezrouter_mock.key}",
            "content-type": "application/json",
        }
        for where in _leaf_paths(base):
            for odd in ODD_VALUES:
                body = _replace(base, where, odd)
                for stream in (False, True):
                    payload = (
                        {**body, "stream": stream} if isinstance(body, dict) else body
                    )
                    resp = client.post(
                        ezrouter_mock.root_url + path,
                        content=json.dumps(payload),
                        headers=headers,
                    )
                    assert resp.status_code < 500, (where, odd, resp.text)
                    if resp.status_code >= 400:
                        assert "request id:" in resp.json()["error"]["message"]


# --- issue 11: the hostile-input reproducers, each at the HTTP level ----------------

REDACTED_BLOCK = {"type": "redacted_thinking", "data": "opaque"}


@pytest.mark.parametrize(
    "path", ["/anthropic/v1/messages", "/anthropic/v1/messages/count_tokens"]
)
def test_redacted_thinking_is_assistant_only_and_never_a_500(ezrouter_mock, path):
    """Finding 1: a redacted_thinking block in an assistant turn is accepted; in a
    user turn it is a 400 naming the block."""
    history = [
        {"role": "user", "content": "hi"},
        {"role": "assistant", "content": [REDACTED_BLOCK]},
        {"role": "user", "content": "go on"},
    ]
    count = path.endswith("count_tokens")  # count_tokens takes no max_tokens
    body = {k: v for k, v in _ok_a().items() if not (count and k == "max_tokens")}
    resp = post(ezrouter_mock, path, body={**body, "messages": history})
    assert resp.status_code == 200, resp.text
    wrong = [{"role": "user", "content": [REDACTED_BLOCK]}]
    resp = post(ezrouter_mock, path, body={**body, "messages": wrong})
    _assert_4xx(resp, 400, "messages[0].content[0].type")


def test_non_ascii_signature_is_a_mismatch_not_a_500(ezrouter_mock):
    """Finding 2."""
    block = {"type": "thinking", "thinking": "x", "signature": "é"}
    history = [
        {"role": "user", "content": "hi"},
        {"role": "assistant", "content": [block]},
        {"role": "user", "content": "go on"},
    ]
    resp = post(ezrouter_mock, "/anthropic/v1/messages", body=_ok_a(messages=history))
    _assert_4xx(resp, 400, "messages[1].content[0].signature")


@pytest.mark.parametrize("where", ["minimum", "multipleOf"])
def test_odd_schema_numbers_still_get_a_tool_call(ezrouter_mock, where):
    """Finding 3: a huge integer bound or a subnormal step is valid JSON Schema; the
    call still comes back."""
    prop = {"type": "integer", "minimum": 10**400}
    if where == "multipleOf":
        prop = {"type": "number", "multipleOf": 1e-320}
    body = _ok_a(
        tools=[
            {
                "name": "t",
                "input_schema": {
                    "type": "object",
                    "properties": {"n": prop},
                    "required": ["n"],
                },
            }
        ],
        tool_choice={"type": "any"},
    )
    resp = post(ezrouter_mock, "/anthropic/v1/messages", body=body)
    assert resp.status_code == 200, resp.text
    assert resp.json()["content"][-1]["type"] == "tool_use"


def _streamed_text(resp: httpx.Response) -> str:
    """The content deltas of a chat-completions SSE answer, joined."""
    chunks = [
        json.loads(line[6:])
        for line in resp.text.splitlines()
        if line.startswith("data: {")
    ]
    return "".join(
        c["choices"][0]["delta"].get("content") or "" for c in chunks if c["choices"]
    )


DEEP = "[" * 5000 + "]" * 5000
TOOL_A = [{"name": "t", "input_schema": {"type": "object"}}]
TOOL_O = [{"type": "function", "function": {"name": "t", "parameters": {}}}]
CALL_O = {"id": "c1", "type": "function", "function": {"name": "t", "arguments": "{}"}}
DEEP_IN_STRINGS = [
    (
        "/anthropic/v1/messages",
        _ok_a(
            tools=TOOL_A,
            messages=[
                {"role": "user", "content": "hi"},
                {
                    "role": "assistant",
                    "content": [
                        {"type": "tool_use", "id": "toolu_1", "name": "t", "input": {}}
                    ],
                },
                {
                    "role": "user",
                    "content": [
                        {
                            "type": "tool_result",
                            "tool_use_id": "toolu_1",
                            "content": DEEP,
                        }
                    ],
                },
            ],
        ),
    ),
    (
        "/v1/chat/completions",
        _ok_o(
            tools=TOOL_O,
            messages=[
                {"role": "user", "content": "hi"},
                {"role": "assistant", "content": None, "tool_calls": [CALL_O]},
                {"role": "tool", "tool_call_id": "c1", "content": DEEP},
            ],
        ),
    ),
    (
        "/v1/chat/completions",
        _ok_o(
            messages=[{"role": "user", "content": "reply in JSON like " + DEEP}],
            response_format={"type": "json_object"},
        ),
    ),
]


@pytest.mark.parametrize("path,body", DEEP_IN_STRINGS, ids=["result", "tool", "json"])
def test_json_nested_deep_inside_a_string_is_just_text(ezrouter_mock, path, body):
    """Finding 4: a tool result, a tool message or a JSON-mode example nested 5,000
    levels deep no longer escapes as a RecursionError."""
    resp = post(ezrouter_mock, path, body=body)
    assert resp.status_code == 200, resp.text[:300]


def test_a_catastrophic_pattern_cannot_stall_the_server(ezrouter_mock):
    """Finding 5: ``^(a+)+$`` over 5,000 characters of the caller's text would take
    hours with backtracking; it finishes, and another client is answered meanwhile."""
    import threading

    schema = {
        "type": "object",
        "properties": {"query": {"type": "string", "pattern": "^(a+)+$"}},
        "required": ["query"],
    }
    body = _ok_a(
        messages=[{"role": "user", "content": "a" * 5000 + "!"}],
        tools=[{"name": "t", "input_schema": schema}],
        tool_choice={"type": "any"},
    )
    out: list = []
    worker = threading.Thread(
        target=lambda: out.append(
            post(ezrouter_mock, "/anthropic/v1/messages", body=body)
        ),
        daemon=True,
    )
    worker.start()
    other = post(ezrouter_mock, "/anthropic/v1/messages", body=_ok_a())
    worker.join(10)
    assert not worker.is_alive() and other.status_code == 200
    assert out[0].status_code == 200, out[0].text
    assert set(out[0].json()["content"][-1]["input"]["query"]) == {"a"}


@pytest.mark.parametrize(
    "schema,cap",
    [
        (
            one_property({"type": "array", "minItems": 1_000_000}),
            "minItems 1000000 was capped",
        ),
        (
            one_property({"type": "string", "minLength": 10_000_000}),
            "minLength 10000000 was capped",
        ),
        (FANOUT, "more than 2000 values"),
    ],
    ids=["minItems", "minLength", "ref-fanout"],
)
@pytest.mark.parametrize("surface", ["anthropic", "openai"])
def test_oversized_schemas_are_capped_and_the_answer_says_so(
    ezrouter_mock, surface, schema, cap
):
    """Finding 6: the answer is a 200 of bounded size with a note naming the cap."""
    if surface == "anthropic":
        body = _ok_a(
            tools=[{"name": "t", "input_schema": schema}], tool_choice={"type": "any"}
        )
        resp = post(ezrouter_mock, "/anthropic/v1/messages", body=body)
        text = " ".join(b.get("text", "") for b in resp.json()["content"])
    else:
        tool = {"type": "function", "function": {"name": "t", "parameters": schema}}
        body = _ok_o(tools=[tool], tool_choice="required")
        resp = post(ezrouter_mock, "/v1/chat/completions", body=body)
        text = _streamed_text(resp)
    assert resp.status_code == 200, resp.text[:300]
    assert cap in text and "cut to fit" in text
    assert len(resp.content) < 1024 * 1024


def test_duplicate_tool_use_ids_are_rejected(ezrouter_mock):
    """Finding 9."""
    use = {"type": "tool_use", "id": "toolu_1", "name": "t", "input": {}}
    body = _ok_a(
        tools=TOOL_A,
        messages=[
            {"role": "user", "content": "hi"},
            {"role": "assistant", "content": [use, use]},
            {
                "role": "user",
                "content": [
                    {"type": "tool_result", "tool_use_id": "toolu_1", "content": "ok"}
                ],
            },
        ],
    )
    resp = post(ezrouter_mock, "/anthropic/v1/messages", body=body)
    _assert_4xx(resp, 400, "messages[1].content[1].id")


@pytest.mark.parametrize("query,needle", [("limit=0", "limit"), ("limit=x", "limit")])
def test_models_query_is_checked(ezrouter_mock, query, needle):
    """Finding 9: ``?limit=0`` on the Anthropic models list is out of range."""
    resp = httpx.get(
        f"{ezrouter_mock.root_url}/anthropic/v1/models?{query}",
        headers={"x-api-key": ezrouter_mock.key},
    )
    _assert_4xx(resp, 400, needle)


def test_a_key_in_the_query_string_is_redacted_in_the_journal(ezrouter_mock_fresh):
    """Finding 9: wherever a client puts its key, the journal does not keep it."""
    mock = ezrouter_mock_fresh
    resp = httpx.get(
        f"{mock.root_url}/v1/models?key={mock.key}&api_key={mock.key}",
        headers={"authorization": f"Bearer {mock.key}"},
    )
    assert resp.status_code == 200
    entry = mock.journal.last
    assert mock.key not in repr(vars(entry)) and mock.key not in entry.query
    assert "[redacted]" in entry.query.replace("%5B", "[").replace("%5D", "]")
