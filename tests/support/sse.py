"""One SSE parser for the tests: what a conforming client dispatches, and nothing more.

Follows the WHATWG event-stream rules the SDKs implement: events end at a blank line,
`:` lines are comments, `data:` lines join with newlines, one leading space is dropped.
"""

from __future__ import annotations

import json
from typing import Any


def events(text: str) -> list[tuple[str | None, str]]:
    """Split an SSE body into (event name, data) pairs, one per dispatched event."""
    out: list[tuple[str | None, str]] = []
    name: str | None = None
    data: list[str] = []
    for line in text.splitlines():
        if not line:
            if data:
                out.append((name, "\n".join(data)))
            name, data = None, []
        elif line.startswith(":"):
            continue
        elif line.startswith("event:"):
            name = line[len("event:") :].strip()
        elif line.startswith("data:"):
            data.append(line[len("data:") :].removeprefix(" "))
    if data:
        out.append((name, "\n".join(data)))
    return out


def json_events(text: str) -> list[tuple[str | None, Any]]:
    """`events` with each data decoded as JSON, except OpenAI's closing `[DONE]`."""
    return [(n, d if d == "[DONE]" else json.loads(d)) for n, d in events(text)]
