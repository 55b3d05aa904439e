"""What the Anthropic API's own spec rejects, checked before the request is parsed.

Anthropic serves a ``?beta=true`` variant of each operation with its own, wider
schema (Claude Code sends it, with fields such as ``context_management``), so the
query picks the schema.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..spec_check import for_surface

_OPERATIONS = {"chat": "messages", "count": "count_tokens", "models": "models"}


def check(operation: str, body: dict | None, query: Mapping[str, str]) -> None:
    spec = for_surface(__package__)
    name = _OPERATIONS[operation]
    if body is None:
        spec.check_query(name, dict(query))
        return
    if query.get("beta", "").lower() == "true":
        name += "_beta"
    spec.check_body(name, body)
