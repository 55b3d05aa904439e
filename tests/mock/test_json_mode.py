"""JSON mode on the OpenAI surface: response_format json_object and json_schema."""

from __future__ import annotations

import json

import jsonschema
import pytest
from support.http import CHAT, answer

from ezrouter_mock.mock.http.server import MockServer, MockSettings


@pytest.fixture(scope="module")
def mock():
    with MockServer(settings=MockSettings(divergences_off={"always_sse"})) as server:
        yield server


def _content(mock, messages, response_format, model="deepseek-v4-pro"):
    body = {"model": model, "messages": messages, "response_format": response_format}
    return answer(mock, CHAT, body)["choices"][0]["message"]["content"]


def test_json_object_follows_the_example_in_the_prompt(mock):
    example = '{"city": "Paris", "population": 2100000, "sights": ["Louvre"]}'
    system = "Reply in JSON like " + example
    messages = [
        {"role": "system", "content": system},
        {"role": "user", "content": "Describe Rome"},
    ]
    data = json.loads(_content(mock, messages, {"type": "json_object"}))
    assert set(data) == {"city", "population", "sights"}
    assert isinstance(data["population"], int) and isinstance(data["sights"], list)
    assert data["city"] == "Rome"


def test_json_object_without_example_is_still_an_object(mock):
    messages = [{"role": "user", "content": "Give me JSON about Rome"}]
    assert isinstance(
        json.loads(_content(mock, messages, {"type": "json_object"})), dict
    )


def test_json_schema_output_validates(mock):
    schema = {
        "type": "object",
        "properties": {
            "title": {"type": "string"},
            "year": {"type": "integer", "minimum": 1900},
        },
        "required": ["title", "year"],
    }
    fmt = {"type": "json_schema", "json_schema": {"name": "film", "schema": schema}}
    text = _content(mock, [{"role": "user", "content": "A film about Rome"}], fmt)
    jsonschema.validate(json.loads(text), schema)


def test_plain_text_without_response_format(mock):
    text = _content(
        mock, [{"role": "user", "content": "A film about Rome"}], {"type": "text"}
    )
    with pytest.raises(ValueError):
        json.loads(text)
