"""Tool calls: schema-valid arguments, tool_choice modes, and answers that use the
tool result."""

from __future__ import annotations

import json

import jsonschema
import pytest
from support.http import CHAT, MESSAGES, answer, endpoint

from ezrouter_mock.mock.core.generators.toolargs import generate

WEATHER = {
    "name": "get_weather",
    "description": "Get the current weather for a city",
    "input_schema": {
        "type": "object",
        "properties": {
            "city": {"type": "string", "description": "City name"},
            "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
            "days": {"type": "integer", "minimum": 1, "maximum": 7},
        },
        "required": ["city"],
    },
}
CLOCK = {
    "name": "get_time",
    "description": "Current time in a timezone",
    "input_schema": {"type": "object", "properties": {"tz": {"type": "string"}}},
}


create = endpoint(
    MESSAGES,
    {
        "model": "claude-opus-4-7",
        "max_tokens": 500,
        "tools": [WEATHER, CLOCK],
        "messages": [
            {"role": "user", "content": "What's the weather in Paris in fahrenheit?"}
        ],
    },
)


def test_auto_calls_the_matching_tool_with_valid_input(ezrouter_mock):
    msg = create(ezrouter_mock)
    assert msg["stop_reason"] == "tool_use"
    block = msg["content"][-1]
    assert block["type"] == "tool_use" and block["id"].startswith("toolu_")
    assert block["name"] == "get_weather"
    jsonschema.validate(block["input"], WEATHER["input_schema"])
    assert block["input"]["city"] == "Paris"
    assert block["input"]["unit"] == "fahrenheit"


def test_tool_choice_modes(ezrouter_mock):
    assert (
        create(ezrouter_mock, tool_choice={"type": "none"})["stop_reason"] == "end_turn"
    )
    forced = create(ezrouter_mock, tool_choice={"type": "tool", "name": "get_time"})
    assert forced["content"][-1]["name"] == "get_time"
    unrelated = [{"role": "user", "content": "Write a haiku"}]
    assert create(ezrouter_mock, messages=unrelated)["stop_reason"] == "end_turn"
    assert (
        create(ezrouter_mock, messages=unrelated, tool_choice={"type": "any"})[
            "stop_reason"
        ]
        == "tool_use"
    )


def test_answer_after_tool_result_uses_it(ezrouter_mock):
    first = create(ezrouter_mock)
    call = first["content"][-1]
    result = json.dumps({"temperature": 64, "conditions": "light rain"})
    msgs = [
        {"role": "user", "content": "What's the weather in Paris in fahrenheit?"},
        {"role": "assistant", "content": first["content"]},
        {
            "role": "user",
            "content": [
                {"type": "tool_result", "tool_use_id": call["id"], "content": result}
            ],
        },
    ]
    final = create(ezrouter_mock, messages=msgs)
    assert final["stop_reason"] == "end_turn"
    text = final["content"][0]["text"]
    assert "light rain" in text and "64" in text and "get_weather" in text


def test_tool_use_without_result_is_rejected(ezrouter_mock):
    first = create(ezrouter_mock)
    msgs = [
        {"role": "user", "content": "weather in Paris?"},
        {"role": "assistant", "content": first["content"]},
        {"role": "user", "content": "never mind"},
    ]
    body = {"max_tokens": 100, "tools": [WEATHER], "messages": msgs}
    error = create(ezrouter_mock, expect=400, **body)["error"]
    assert "tool_result" in error["message"]


def test_openai_tool_round_trip(ezrouter_mock):
    from ezrouter_mock.mock.http.server import MockServer, MockSettings

    tool = {
        "type": "function",
        "function": {
            "name": WEATHER["name"],
            "description": WEATHER["description"],
            "parameters": WEATHER["input_schema"],
        },
    }
    with MockServer(settings=MockSettings(divergences_off={"always_sse"})) as mock:
        msgs = [{"role": "user", "content": "Weather in Rome?"}]
        first = answer(
            mock,
            CHAT,
            {
                "model": "deepseek-v4-pro",
                "messages": msgs,
                "tools": [tool],
                "tool_choice": "required",
            },
        )
        choice = first["choices"][0]
        assert choice["finish_reason"] == "tool_calls"
        call = choice["message"]["tool_calls"][0]
        assert call["id"].startswith("call_")
        args = json.loads(call["function"]["arguments"])
        jsonschema.validate(args, WEATHER["input_schema"])
        assert args["city"] == "Rome"
        msgs += [
            choice["message"],
            {"role": "tool", "tool_call_id": call["id"], "content": "sunny, 25C"},
        ]
        final = answer(
            mock,
            CHAT,
            {"model": "deepseek-v4-pro", "messages": msgs, "tools": [tool]},
        )
        assert final["choices"][0]["finish_reason"] == "stop"
        assert "sunny, 25C" in final["choices"][0]["message"]["content"]


SCHEMAS = [
    {
        "type": "object",
        "properties": {
            "ids": {
                "type": "array",
                "items": {"type": "integer", "multipleOf": 5, "exclusiveMinimum": 7},
                "minItems": 3,
                "uniqueItems": True,
            }
        },
        "required": ["ids"],
    },
    {
        "type": "object",
        "properties": {
            "when": {"type": "string", "format": "date-time"},
            "mail": {"type": "string", "format": "email"},
        },
        "required": ["when", "mail"],
    },
    {
        "type": "object",
        "properties": {
            "run": {"type": "string", "pattern": "^wf_[a-z0-9-]{6,}$"},
            "code": {"type": "string", "pattern": "^[A-Z]{3}-\\d{2}$", "maxLength": 6},
        },
        "required": ["run", "code"],
    },
    {
        "type": "object",
        "properties": {"node": {"$ref": "#/$defs/node"}},
        "required": ["node"],
        "$defs": {
            "node": {
                "type": "object",
                "properties": {
                    "name": {"type": "string", "minLength": 12},
                    "weight": {"type": "number", "maximum": -2.5},
                },
                "required": ["name", "weight"],
                "additionalProperties": False,
            }
        },
    },
    {
        "type": "object",
        "properties": {
            "v": {"anyOf": [{"type": "null"}, {"type": "boolean"}]},
            "k": {"const": "fixed"},
            "opt": {"type": ["null", "string"], "enum": ["a", "b", None]},
        },
        "required": ["v", "k", "opt"],
    },
    {
        "type": "object",
        "allOf": [
            {"properties": {"a": {"type": "integer"}}, "required": ["a"]},
            {"properties": {"b": {"type": "boolean"}}, "required": ["b"]},
        ],
    },
    {
        "type": "object",
        "properties": {
            "tags": {
                "type": "object",
                "additionalProperties": {"type": "string"},
                "minProperties": 2,
            }
        },
        "required": ["tags"],
    },
    {
        "type": "object",
        "properties": {
            "names": {
                "type": "array",
                "items": {"type": "string"},
                "minItems": 3,
                "uniqueItems": True,
            },
            "picks": {
                "type": "array",
                "items": {"enum": ["x", "y", "z"]},
                "minItems": 3,
                "uniqueItems": True,
            },
        },
        "required": ["names", "picks"],
    },
]


@pytest.mark.parametrize("schema", SCHEMAS)
def test_generated_arguments_validate(schema):
    value = generate(schema, "Please plan a trip to Lisbon for 3 days")
    jsonschema.validate(value, schema)
    assert generate(schema, "Please plan a trip to Lisbon for 3 days") == value
