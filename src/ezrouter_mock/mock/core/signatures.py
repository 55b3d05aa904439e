"""Signatures for thinking blocks.

Anthropic returns a ``signature`` with each thinking block and rejects a conversation
whose thinking text was edited. The mock signs the text with an HMAC, so the same text
always gets the same signature (answers stay deterministic) and any edit is caught.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

_SECRET = b"ezrouter-mock thinking signature v1"


def sign(thinking: str) -> str:
    mac = hmac.new(_SECRET, thinking.encode("utf-8"), hashlib.sha256).digest()
    return base64.b64encode(b"\x01" + mac).decode("ascii")


def verify(thinking: str, signature: str) -> bool:
    """True when ``signature`` is the one :func:`sign` gives; any other string,
    non-ASCII included, is simply not a match (compared as bytes, in constant time)."""
    given = signature.encode("utf-8", "surrogatepass")
    return hmac.compare_digest(sign(thinking).encode("ascii"), given)
