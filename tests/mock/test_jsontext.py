"""Bounded JSON parsing (mock/core/jsontext.py): JSON a caller controls, even JSON
inside a string of the body, ends in a JSONTextError, never a RecursionError (issue 11,
findings 3 and 4)."""

from __future__ import annotations

import pytest

from ezrouter_mock.mock.core import jsontext
from ezrouter_mock.mock.core.generators import replies

DEEP = "[" * 5000 + "]" * 5000


@pytest.mark.parametrize(
    "text,needle",
    [
        (DEEP, "nested more than"),
        ('{"a": ' * 3000 + "1" + "}" * 3000, "nested more than"),
        ('{"n": NaN}', "NaN"),
        ('{"n": Infinity}', "Infinity"),
        ('{"n": -Infinity}', "Infinity"),
        ('{"n": 1e400}', "too large"),
        ('{"s": "\\ud800"}', "surrogate"),
        ('{"\\udfff": 1}', "surrogate"),
        ("{not json", "not valid JSON"),
    ],
)
def test_hostile_json_text_is_a_plain_error(text, needle):
    with pytest.raises(jsontext.JSONTextError, match=needle):
        jsontext.loads(text)


def test_depth_limit_is_exact():
    assert jsontext.loads("[" * 64 + "]" * 64, max_depth=64) is not None
    with pytest.raises(jsontext.JSONTextError):
        jsontext.loads("[" * 65 + "]" * 65, max_depth=64)


def test_ordinary_json_parses_unchanged():
    text = '{"a": [1, 2.5, -3e10, "é", null, true], "b": {"c": "\\ud83d\\ude00"}}'
    assert jsontext.loads(text) == {
        "a": [1, 2.5, -3e10, "é", None, True],
        "b": {"c": "\U0001f600"},
    }


def test_readers_of_json_inside_strings_survive_deep_nesting():
    """A tool result or a JSON-mode example nested thousands deep is read as text."""
    assert isinstance(replies.summarise(DEEP), str)
    assert replies.example_object("reply in JSON like {" + '"a":' * 3000 + "}") is None
