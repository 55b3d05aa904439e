"""What the OpenAI API's own spec rejects, checked before the request is parsed."""

from __future__ import annotations

from collections.abc import Mapping

from ..spec_check import for_surface

_OPERATIONS = {"chat": "chat_completions", "models": "models"}


def check(operation: str, body: dict | None, query: Mapping[str, str]) -> None:
    spec = for_surface(__package__)
    if body is None:
        spec.check_query(_OPERATIONS[operation], dict(query))
    else:
        spec.check_body(_OPERATIONS[operation], body)
