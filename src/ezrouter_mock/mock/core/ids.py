"""Wire ids derived from a digest, so the same request always gets the same ids."""

from __future__ import annotations

import hashlib

_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def base62(seed: str, length: int = 22) -> str:
    number = int(hashlib.sha256(seed.encode()).hexdigest(), 16)
    out = []
    for _ in range(length):
        number, rem = divmod(number, 62)
        out.append(_ALPHABET[rem])
    return "".join(out)


def make(prefix: str, seed: str, salt: str = "") -> str:
    """``msg_01...``-style id: prefix, ``01`` and 22 base62 characters."""
    return f"{prefix}01{base62(seed + '/' + salt)}"
