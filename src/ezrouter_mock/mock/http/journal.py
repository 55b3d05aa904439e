"""A journal of the requests the mock received, bounded in bytes, for tests to inspect.

Entries keep method, path, query, headers and the raw body bytes; credentials are
redacted wherever a client may put them (auth headers, and query parameters such as
``?key=`` or ``?api_key=``). The body is kept as the bytes received, cut at a per-entry
limit, and parsed only when a test reads ``entry.json``: a parsed copy of a body of
many small objects costs ten to twenty times its size, so storing the bytes keeps a
full journal within its byte budget however the bodies are shaped.
"""

from __future__ import annotations

import json
import re
import threading
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

REDACTED = "[redacted]"
SECRET_HEADERS = {"authorization", "x-api-key", "proxy-authorization", "cookie"}
_SECRET_PARAM = re.compile(r"key|token|secret|auth|passw|signature|session", re.I)

#: Bytes of one body the journal keeps; a longer body is kept cut, and parses to None.
#: A coding agent's request is large (Claude Code's first one is about 115 KB, with
#: its tool schemas) and grows each turn; 1 MiB keeps such bodies readable while the
#: journal's byte budget still bounds the whole.
BODY_LIMIT = 1024 * 1024
#: What one entry costs besides its body (method, path, headers, bookkeeping).
ENTRY_OVERHEAD = 1024


@dataclass
class RecordedRequest:
    """One request as the mock received it (credentials redacted)."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    raw: bytes = b""
    body_size: int = 0
    status: int | None = None
    request_id: str = ""
    stream: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def truncated(self) -> bool:
        return self.body_size > len(self.raw)

    @property
    def json(self) -> object:
        """The body as JSON, or None when there was none, it was cut or is not JSON."""
        if not self.raw or self.truncated:
            return None
        try:
            return json.loads(self.raw)
        except (ValueError, RecursionError):
            return None

    @property
    def body(self) -> object:
        return self.json

    @property
    def cost(self) -> int:
        return ENTRY_OVERHEAD + len(self.raw)


def redact(headers) -> dict[str, str]:
    return {
        k: (REDACTED if k.lower() in SECRET_HEADERS else v) for k, v in headers.items()
    }


def redact_query(query: str) -> str:
    """The query string with the value of every credential-like parameter hidden."""
    if not query or not _SECRET_PARAM.search(query):
        return query
    pairs = parse_qsl(query, keep_blank_values=True)
    return urlencode(
        [(k, REDACTED if _SECRET_PARAM.search(k) else v) for k, v in pairs],
        safe="[]",
    )


class Journal:
    """List-like: ``len(j)``, ``j[-1]``, iteration, ``j.last``, ``j.clear()``.

    Bounded twice: at most ``max_entries`` entries and ``max_bytes`` bytes in all;
    the oldest entries go first when either is reached."""

    def __init__(self, max_entries: int = 1000, max_bytes: int = 32 * 1024 * 1024):
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: deque[RecordedRequest] = deque()
        self._bytes = 0
        self._lock = threading.Lock()

    def append(self, entry: RecordedRequest) -> None:
        with self._lock:
            self._entries.append(entry)
            self._bytes += entry.cost
            self._evict()

    def keep_body(self, entry: RecordedRequest, raw: bytes) -> None:
        """Attach the body received for ``entry`` (cut at :data:`BODY_LIMIT`)."""
        kept = raw[:BODY_LIMIT]
        with self._lock:
            before = entry.cost
            entry.raw, entry.body_size = kept, len(raw)
            if any(e is entry for e in reversed(self._entries)):
                self._bytes += entry.cost - before
                self._evict()

    def _evict(self) -> None:
        while self._entries and (
            len(self._entries) > self.max_entries or self._bytes > self.max_bytes
        ):
            self._bytes -= self._entries.popleft().cost

    @property
    def size_bytes(self) -> int:
        return self._bytes

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    @property
    def last(self) -> RecordedRequest | None:
        with self._lock:
            return self._entries[-1] if self._entries else None

    def __len__(self) -> int:
        return len(self._entries)

    def __getitem__(self, index):
        with self._lock:
            items = list(self._entries) if isinstance(index, slice) else None
            return items[index] if items is not None else self._entries[index]

    def __iter__(self):
        with self._lock:
            return iter(list(self._entries))

    def __repr__(self) -> str:
        return f"Journal({len(self)} entries, {self._bytes} bytes)"
