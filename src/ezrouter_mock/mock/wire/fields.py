"""Small typed accessors for request bodies that raise a 400 naming the field.

Both surfaces validate their JSON by hand with these, so every message says exactly
which field is wrong (``messages[2].content[0].text: expected a string``).
"""

from __future__ import annotations

from ..core.errors import bad_request

_MISSING = object()


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def obj(value: object, path: str) -> dict:
    if not isinstance(value, dict):
        raise bad_request(path, f"expected an object, got {_kind(value)}")
    return value


def get(
    body: dict,
    key: str,
    path: str,
    kind: str,
    required: bool = False,
    nullable: bool = False,
):
    """``body[key]`` checked against ``kind`` (str/int/number/bool/list/dict/any).
    On every request's path: the field's path is only built for an error."""
    value = body.get(key, _MISSING)
    if value is _MISSING or value is None:
        if value is None and nullable:
            return None
        if required:
            why = "this field is required"
            if value is None:
                why += " and may not be null"
            raise bad_request(join(path, key), why)
        return None
    if kind == "any":
        return value
    if isinstance(value, _TYPES[kind]) and not (
        isinstance(value, bool) and kind in ("int", "number")
    ):
        return value
    raise bad_request(join(path, key), f"expected {_NAMES[kind]}, got {_kind(value)}")


_TYPES = {
    "str": str,
    "int": int,
    "number": (int, float),
    "bool": bool,
    "list": list,
    "dict": dict,
}
_NAMES = {
    "str": "a string",
    "int": "an integer",
    "number": "a number",
    "bool": "a boolean",
    "list": "an array",
    "dict": "an object",
}


def number_in(body: dict, key: str, path: str, low: float, high: float):
    value = get(body, key, path, "number")
    if value is not None and not (low <= value <= high):
        raise bad_request(
            join(path, key), f"must be between {low:g} and {high:g}, got {value!r}"
        )
    return value


def positive_int(
    body: dict, key: str, path: str, required: bool = False, nullable: bool = False
):
    value = get(body, key, path, "int", required=required, nullable=nullable)
    if value is not None and value < 1:
        raise bad_request(join(path, key), f"must be at least 1, got {value}")
    return value


def str_list(
    body: dict, key: str, path: str, max_items: int | None = None
) -> list[str]:
    value = body.get(key)
    where = join(path, key)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise bad_request(
            where, f"expected a string or an array of strings, got {_kind(value)}"
        )
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise bad_request(join(where, i), f"expected a string, got {_kind(item)}")
    if max_items is not None and len(value) > max_items:
        raise bad_request(
            where, f"at most {max_items} entries are allowed, got {len(value)}"
        )
    return value
