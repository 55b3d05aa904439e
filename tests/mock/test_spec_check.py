"""Strict validation against the vendored upstream request schemas
(mock/wire/spec_check.py): a 400 names the field path, a missed union discriminator
lists the accepted values, query text is read as its schema's type, and a caller's own
JSON Schema must be a valid one (issue 11, findings 3 and 9)."""

from __future__ import annotations

import pytest

from ezrouter_mock.mock.core.errors import GatewayError
from ezrouter_mock.mock.wire.spec_check import (
    SpecValidator,
    check_json_schema,
    for_surface,
)

ANTHROPIC = "ezrouter_mock.mock.wire.anthropic"
OPENAI = "ezrouter_mock.mock.wire.openai"
A_BODY = {
    "model": "claude-sonnet-4-6",
    "max_tokens": 100,
    "messages": [{"role": "user", "content": "Hi"}],
}
O_BODY = {"model": "deepseek-v4-flash", "messages": [{"role": "user", "content": "Hi"}]}


def _rejects(check, *args) -> str:
    with pytest.raises(GatewayError) as caught:
        check(*args)
    assert caught.value.status == 400
    return f"{caught.value.param}: {caught.value.message}"


@pytest.mark.parametrize(
    "extra,needle",
    [
        ({"stop_sequences": "x"}, 'stop_sequences: "x" is not of type "array"'),
        ({"top_k": -1}, "top_k: -1 is less than the minimum of 0"),
        ({"metadata": {"a": 1}}, "metadata.a: is not a field"),
        ({"temperature": "hot"}, "temperature:"),
        ({"frobnicate": 1}, "frobnicate: is not a field"),
        (
            {"messages": [{"role": "user", "content": [{"type": "hologram"}]}]},
            "messages[0].content[0].type: must be one of",
        ),
    ],
)
def test_anthropic_body_rejections_name_the_path(extra, needle):
    spec = for_surface(ANTHROPIC)
    assert needle in _rejects(spec.check_body, "messages", {**A_BODY, **extra})


def test_anthropic_count_tokens_has_its_own_schema():
    spec = for_surface(ANTHROPIC)
    count = {k: v for k, v in A_BODY.items() if k != "max_tokens"}
    spec.check_body("count_tokens", count)
    assert "max_tokens: is required" in _rejects(spec.check_body, "messages", count)


@pytest.mark.parametrize(
    "extra,needle",
    [
        ({"seed": "x"}, 'seed: "x" is not of type "integer"'),
        ({"logprobs": "yes"}, "logprobs:"),
        ({"service_tier": "gold"}, "service_tier:"),
        ({"messages": []}, "messages:"),
    ],
)
def test_openai_body_rejections_name_the_path(extra, needle):
    spec = for_surface(OPENAI)
    assert needle in _rejects(spec.check_body, "chat_completions", {**O_BODY, **extra})


def test_query_text_is_read_as_its_schema_type():
    spec = for_surface(ANTHROPIC)
    spec.check_query("models", {"limit": "20", "after_id": "x"})
    assert "limit: 0 is less than the minimum of 1" in _rejects(
        spec.check_query, "models", {"limit": "0"}
    )
    assert "limit: must be an integer" in _rejects(
        spec.check_query, "models", {"limit": "ten"}
    )


def test_a_tiny_document_shows_the_rules():
    """The same rules on a schema small enough to read."""
    spec = SpecValidator(
        {
            "components": {"schemas": {"N": {"type": "integer", "minimum": 1}}},
            "operations": {
                "op": {
                    "body": {
                        "type": "object",
                        "required": ["n"],
                        "additionalProperties": False,
                        "properties": {
                            "n": {"$ref": "#/components/schemas/N"},
                            "part": {
                                "anyOf": [
                                    {
                                        "type": "object",
                                        "properties": {"type": {"const": "a"}},
                                        "required": ["type"],
                                    },
                                    {
                                        "type": "object",
                                        "properties": {"type": {"const": "b"}},
                                        "required": ["type"],
                                    },
                                ]
                            },
                        },
                    }
                }
            },
        }
    )
    spec.check_body("op", {"n": 1, "part": {"type": "b"}})
    assert _rejects(spec.check_body, "op", {}) == "n: is required"
    assert "n: 0 is less than" in _rejects(spec.check_body, "op", {"n": 0})
    assert _rejects(spec.check_body, "op", {"n": 1, "x": 2}).startswith("x: is not")
    assert _rejects(spec.check_body, "op", {"n": 1, "part": {"type": "c"}}) == (
        "part.type: must be one of 'a', 'b'"
    )


@pytest.mark.parametrize(
    "schema,path",
    [
        ({"type": "object", "required": 5}, "tools[0].input_schema.required"),
        ({"type": "object", "required": None}, "tools[0].input_schema.required"),
        (
            {"type": "object", "allOf": [{"required": 5}]},
            "tools[0].input_schema.allOf[0].required",
        ),
        ({"type": "bogus"}, "tools[0].input_schema.type"),
    ],
)
def test_a_callers_schema_must_be_a_json_schema(schema, path):
    message = _rejects(check_json_schema, schema, "tools[0].input_schema")
    assert message.startswith(f"{path}: is not a valid JSON Schema"), message


def test_a_valid_callers_schema_passes():
    check_json_schema(
        {"type": "object", "properties": {"n": {"minimum": 10**400}}}, "schema"
    )
