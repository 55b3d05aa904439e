"""API keys: where a surface accepts them, and the 401s for a missing or unknown one."""

from __future__ import annotations

from collections.abc import Mapping

from ..core.errors import GatewayError


def authenticate(
    headers: Mapping[str, str], keys: frozenset[str], key_headers: tuple[str, ...]
) -> None:
    """Raise a 401 unless one of ``key_headers`` carries a known key.

    ``authorization`` must be ``Bearer <key>``; any other header (``x-api-key``)
    carries the bare key. Headers are tried in order.
    """
    key = None
    for name in key_headers:
        value = headers.get(name)
        if not value:
            continue
        if name == "authorization":
            scheme, _, token = value.partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                key = token.strip()
        else:
            key = value
        if key is not None:
            break
    if key is None:
        hint = " or ".join(
            "Authorization: Bearer <key>"
            if name == "authorization"
            else f"{name}: <key>"
            for name in key_headers
        )
        raise GatewayError(
            401, f"no API key was sent; send it as {hint}", param="authorization"
        )
    if key not in keys:
        raise GatewayError(
            401,
            "invalid API key: the key is not known to this gateway",
            param="authorization",
        )
