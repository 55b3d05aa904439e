"""Reject what the upstream API would reject, by the upstream's own OpenAPI spec.

Each wire format ships the request schemas of the operations it serves, cut from the
upstream OpenAPI spec (``request_schemas.json`` beside it, written by
``tools/vendor_specs.py``). A body or query that fails its schema gets a 400 in the
surface's envelope naming the field path, before any generation. The validator is
jsonschema-rs: a maintained JSON Schema engine that compiles each schema once and
checks a typical request in microseconds. A caller's own JSON Schemas (tool inputs,
structured output) are checked against the JSON Schema meta-schema the same way.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

import jsonschema_rs

from ..core.errors import bad_request

#: How much of one validation message the answer quotes.
_MESSAGE_LIMIT = 300


class SpecValidator:
    """The compiled request schemas of one wire format, by operation name."""

    def __init__(self, document: dict):
        components = document["components"]
        self._body = {}
        self._query = {}
        for name, op in document["operations"].items():
            if "body" in op:
                self._body[name] = _compile(op["body"], components)
            if "query" in op:
                self._query[name] = (_compile(op["query"], components), op["query"])

    def check_body(self, operation: str, body: dict) -> None:
        """Raise a 400 naming the first field of ``body`` the spec rejects."""
        validator = self._body[operation]
        if validator.is_valid(body):
            return
        error = _most_specific(validator.iter_errors(body))
        raise bad_request(*_where_and_what(error))

    def check_query(self, operation: str, params: dict[str, str]) -> None:
        """Raise a 400 naming the first query parameter the spec rejects; values
        arrive as text and are read as the type their schema names."""
        compiled = self._query.get(operation)
        if compiled is None or not params:
            return
        validator, schema = compiled
        typed = {}
        for name, text in params.items():
            kind = schema["properties"].get(name, {}).get("type")
            typed[name] = _typed(name, text, kind)
        if not validator.is_valid(typed):
            error = _most_specific(validator.iter_errors(typed))
            raise bad_request(*_where_and_what(error))


def check_json_schema(schema: object, path: str) -> None:
    """A caller's JSON Schema must itself be a valid JSON Schema (as upstream
    requires of tool input schemas and structured-output schemas)."""
    try:
        jsonschema_rs.meta.validate(schema)
    except jsonschema_rs.ValidationError as exc:
        where = _path(exc.instance_path)
        raise bad_request(
            f"{path}.{where}" if where else path,
            f"is not a valid JSON Schema: {_message(exc)}",
        ) from None
    except (jsonschema_rs.ReferencingError, ValueError) as exc:
        raise bad_request(path, f"is not a valid JSON Schema: {exc}") from None


@cache
def for_surface(package: str) -> SpecValidator:
    """The validator of the wire format in ``package`` (compiled once per process)."""
    text = resources.files(package).joinpath("request_schemas.json").read_text("utf-8")
    return SpecValidator(json.loads(text))


def _compile(schema: dict, components: dict):
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "components": components,
    }
    return jsonschema_rs.validator_for(document)


def _most_specific(errors) -> jsonschema_rs.ValidationError:
    """The error deepest in the instance: the field a reader has to fix."""
    return _best(max(errors, key=lambda e: len(e.instance_path)))


def _best(error, depth: int = 0):
    """Inside an anyOf/oneOf, follow the branch the caller most likely meant: one
    whose discriminator (a ``type`` constant or enum) matched, with the fewest
    errors. When every branch missed its discriminator at the same place, the answer
    lists the values that place accepts."""
    branches = [b for b in (getattr(error.kind, "context", None) or []) if b]
    if not branches or depth > 16:
        return error
    here = len(error.instance_path)
    matched = [b for b in branches if not any(_missed(e, here) for e in b)]
    if matched:
        branch = min(matched, key=len)
        return _best(max(branch, key=lambda e: len(e.instance_path)), depth + 1)
    choices = [e for b in branches for e in b if _is_choice(e)]
    if not choices:
        return error
    deepest = max(len(e.instance_path) for e in choices)
    choices = [e for e in choices if len(e.instance_path) == deepest]
    if len({tuple(e.instance_path) for e in choices}) == 1:
        return _Choices(choices)
    return error


def _is_choice(error) -> bool:
    return type(error.kind).__name__ in ("Constant", "Enum")


def _missed(error, here: int) -> bool:
    """The branch is not the one meant: its discriminator or its basic type (at the
    union's own place) does not fit the value."""
    wrong_type = (
        type(error.kind).__name__ == "Type" and len(error.instance_path) == here
    )
    return wrong_type or _is_choice(error)


class _Choices:
    """Several branches each wanted other values at the same place."""

    kind = None  # not one validator error, but read where one is

    def __init__(self, errors):
        self.instance_path = errors[0].instance_path
        allowed: set[str] = set()
        for e in errors:
            kind = e.kind
            values = [kind.expected_value] if hasattr(kind, "expected_value") else []
            values += list(getattr(kind, "options", None) or [])
            allowed.update(repr(v) for v in values)
        self.message = "must be one of " + ", ".join(sorted(allowed))


def _where_and_what(error) -> tuple[str, str]:
    """The field path and the message; a missing field is named in the path itself."""
    kind = type(error.kind).__name__
    missing = getattr(error.kind, "property", None)
    if kind == "Required" and isinstance(missing, str):
        return _path([*error.instance_path, missing]), "is required"
    extra = getattr(error.kind, "unexpected", None)
    if kind == "AdditionalProperties" and extra:
        return (
            _path([*error.instance_path, extra[0]]),
            "is not a field of this request in the upstream API's schema",
        )
    return _path(error.instance_path), _message(error)


def _path(parts) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "body"


def _message(error) -> str:
    text = error.message
    return text if len(text) <= _MESSAGE_LIMIT else text[:_MESSAGE_LIMIT] + "..."


def _typed(name: str, text: str, kind: object) -> object:
    if kind == "integer":
        try:
            return int(text)
        except ValueError:
            raise bad_request(name, f"must be an integer, got {text!r}") from None
    if kind == "number":
        try:
            return float(text)
        except ValueError:
            raise bad_request(name, f"must be a number, got {text!r}") from None
    if kind == "boolean":
        if text not in ("true", "false"):
            raise bad_request(name, f"must be true or false, got {text!r}")
        return text == "true"
    return text
