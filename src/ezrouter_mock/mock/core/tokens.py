"""Deterministic token counting.

Real tokenizers are model-specific and not public for every model; the mock only needs
counts that are stable, plausible (roughly one token per word or punctuation mark) and
consistent between ``count_tokens``, billed usage and truncation. A token is a run of
word characters (long words count once per started 8 characters) or one other
non-space character, together with the whitespace before it.
"""

from __future__ import annotations

import re

_PIECE = re.compile(r"\s*(?:\w{1,8}|[^\w\s])|\s+$")


def pieces(text: str) -> list[str]:
    """Split text into token-sized pieces whose concatenation is the text."""
    return _PIECE.findall(text)


def chunks(text: str, size: int = 4) -> list[str]:
    """Stream deltas: the text in groups of ``size`` token pieces."""
    parts = pieces(text)
    return ["".join(parts[i : i + size]) for i in range(0, len(parts), size)]


def count(text: str) -> int:
    return len(pieces(text)) if text else 0


def truncate(text: str, limit: int) -> str:
    """The longest prefix of ``text`` that is at most ``limit`` tokens."""
    if limit <= 0:
        return ""
    parts = pieces(text)
    return "".join(parts[:limit])


def media_tokens(size: int) -> int:
    """An image or document costs a fixed base plus a share of its payload size."""
    return 85 + size // 750
