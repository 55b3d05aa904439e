"""Validate mock responses against the upstream OpenAPI specs.

The specs live beside the repository (``../shared/specs`` from the repo root), not
inside it, so tests locate them relative to the root and skip when they are absent.
Two quirks of the specs are handled here rather than in each test:

* the OpenAI spec is OpenAPI 3.1 but still marks optional values with the 3.0
  keyword ``nullable: true``, which JSON Schema ignores; it is rewritten into
  ``anyOf [..., null]`` once, at load time;
* both specs use ``oneOf`` + ``discriminator`` for tagged unions; plain ``oneOf``
  reports "not valid under any of the given schemas", so the validator follows the
  discriminator's mapping and reports the errors of the one branch that applies.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError, validators
from jsonschema._keywords import oneOf as _plain_one_of
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

REPO_ROOT = Path(__file__).resolve().parents[2]
SPECS_DIR = REPO_ROOT.parent / "shared" / "specs"
SPEC_FILES = {
    "anthropic": "anthropic-openapi.json",
    "openai": "openai-openapi.json",
}


def spec_path(surface: str) -> Path:
    return SPECS_DIR / SPEC_FILES[surface]


def specs_missing_reason() -> str | None:
    """A one-line skip reason when a spec file is not where CI puts it, else None."""
    for surface in SPEC_FILES:
        if not spec_path(surface).is_file():
            return f"OpenAPI spec not found at {spec_path(surface)}"
    return None


def _rewrite_nullable(node: Any) -> Any:
    """Turn OpenAPI 3.0 ``nullable: true`` into JSON Schema ``anyOf [..., null]``."""
    if isinstance(node, list):
        return [_rewrite_nullable(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _rewrite_nullable(value) for key, value in node.items()}
    if node.pop("nullable", False) is True:
        return {"anyOf": [node, {"type": "null"}]}
    return node


def _discriminated_one_of(validator, one_of, instance, schema) -> Iterator:
    """``oneOf`` that follows an explicit discriminator mapping when there is one."""
    disc = schema.get("discriminator")
    mapping = (disc or {}).get("mapping")
    if mapping and validator.is_type(instance, "object"):
        prop = disc["propertyName"]
        tag = instance.get(prop)
        if tag not in mapping:
            yield ValidationError(
                f"{prop}={tag!r} is not one of the spec's variants {sorted(mapping)}"
            )
            return
        yield from validator.descend(instance, {"$ref": mapping[tag]})
        return
    yield from _plain_one_of(validator, one_of, instance, schema)


_Validator = validators.extend(Draft202012Validator, {"oneOf": _discriminated_one_of})


@cache
def _registry(surface: str) -> Registry:
    doc = json.loads(spec_path(surface).read_text(encoding="utf-8"))
    if surface == "openai":
        doc = _rewrite_nullable(doc)
    resource = Resource.from_contents(doc, default_specification=DRAFT202012)
    return Registry().with_resource(f"urn:spec:{surface}", resource)


@cache
def _validator(surface: str, schema_name: str):
    ref = f"urn:spec:{surface}#/components/schemas/{schema_name}"
    registry = _registry(surface)
    registry.resolver().lookup(ref)  # fail loudly on a misspelt schema name
    return _Validator({"$ref": ref}, registry=registry)


def schema_errors(surface: str, schema_name: str, instance: Any) -> list[str]:
    """Every violation of ``components.schemas.<schema_name>``, as readable lines."""
    errors = _validator(surface, schema_name).iter_errors(instance)
    return [f"{e.json_path}: {e.message}" for e in errors]


def assert_valid(surface: str, schema_name: str, instance: Any) -> None:
    problems = schema_errors(surface, schema_name, instance)
    assert not problems, f"not a valid {surface} {schema_name}:\n" + "\n".join(
        problems[:20]
    )


# ezrouter documents one error envelope for every non-2xx answer on both surfaces
# (gateway-facts section 10). It is neither Anthropic's ErrorResponse (which has a
# top-level "type": "error") nor OpenAI's Error (which requires "param"; ezrouter
# only sends it on some upstream_error variants), so errors are checked against
# this documented shape instead of the upstream specs.
EZROUTER_ERROR_ENVELOPE = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "type"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string", "pattern": r"\(request id: [^)]+\)"},
                "type": {"type": "string"},
            },
        }
    },
}


def envelope_errors(body: Any) -> list[str]:
    validator = Draft202012Validator(EZROUTER_ERROR_ENVELOPE)
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(body)]
