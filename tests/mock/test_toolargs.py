"""Caps on what a caller's schema can make the mock build
(mock/core/generators/toolargs.py): odd but valid schema numbers give a valid value
(issue 11, finding 3), sizes are capped and each cap is reported (finding 6), and a
pattern over the caller's own text is matched in linear time (finding 5)."""

from __future__ import annotations

import json
import threading

import jsonschema_rs
import pytest
from support.schemas import FANOUT, one_property

from ezrouter_mock.mock.core.generators import toolargs
from ezrouter_mock.mock.core.generators.toolargs import generate, generate_capped

#: Far above what any cap allows, far below what the uncapped schemas built.
MAX_JSON = 512 * 1024


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "integer", "minimum": 10**400},
        {"type": "number", "minimum": 10**400},
        {"type": "number", "multipleOf": 1e-320},
        {"type": "number", "minimum": 0.1, "multipleOf": 1e-320},
        {"type": "integer", "exclusiveMaximum": -(10**30)},
        {"type": "object", "required": 5},
        {"type": "object", "allOf": [{"required": None}]},
    ],
)
def test_odd_numbers_and_required_values_give_a_valid_value(schema):
    value = generate({"type": "object", "properties": {"n": schema}, "required": ["n"]})
    if "required" not in schema and "allOf" not in schema:
        assert jsonschema_rs.validator_for(schema).is_valid(value["n"]), value


@pytest.mark.parametrize(
    "schema,note",
    [
        (one_property({"type": "array", "minItems": 1_000_000}), "minItems 1000000"),
        (
            one_property({"type": "string", "minLength": 10_000_000}),
            "minLength 10000000",
        ),
        (
            one_property({"type": "object", "minProperties": 100_000}),
            "minProperties 100000",
        ),
        (one_property({"type": "array", "minItems": 10**400}), "minItems"),
        (FANOUT, f"more than {toolargs.MAX_VALUES} values"),
    ],
)
def test_sizes_are_capped_and_reported(schema, note):
    value, notes = generate_capped(schema, "weather in Paris", "t")
    assert any(note in n for n in notes), notes
    assert len(json.dumps(value)) < MAX_JSON


def test_a_schema_within_the_caps_reports_nothing():
    schema = one_property({"type": "array", "items": {"type": "string"}, "minItems": 3})
    value, notes = generate_capped(schema, "hi")
    assert notes == [] and len(value["a"]) == 3


def test_a_pattern_over_the_callers_text_finishes():
    """``query`` takes its value from the user's text, so ``^(a+)+$`` is matched
    against 5,000 characters of it: hours with backtracking."""
    schema = one_property({"type": "string", "pattern": "^(a+)+$"})
    schema["properties"]["query"] = schema["properties"].pop("a")
    schema["required"] = ["query"]
    out: list = []
    worker = threading.Thread(
        target=lambda: out.append(generate(schema, "a" * 5000 + "!", "t")),
        daemon=True,
    )
    worker.start()
    worker.join(10)
    assert not worker.is_alive()
    assert set(out[0]["query"]) == {"a"}
