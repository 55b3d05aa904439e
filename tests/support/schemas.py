"""Tool schemas a caller may send that would make the mock build huge arguments.

Shared by the generator's own tests (mock/test_toolargs.py) and the end-to-end ones
(mock/test_bad_input.py), which check the same caps reach the answer.
"""

from __future__ import annotations


def one_property(schema: dict) -> dict:
    """An object schema whose one required property `a` is `schema`."""
    return {"type": "object", "properties": {"a": schema}, "required": ["a"]}


# Every property refers back to the whole schema: 4^depth values if nothing caps it.
FANOUT = {
    "type": "object",
    "properties": {k: {"$ref": "#"} for k in "abcd"},
    "required": list("abcd"),
}
