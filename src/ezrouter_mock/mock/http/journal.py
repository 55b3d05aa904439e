"""A bounded journal of the requests the mock received, for tests to inspect.

Records keep method, path, query, headers (credentials redacted) and the parsed JSON
body. The journal is a ring buffer, so appending is O(1) and memory is flat however
long the server runs.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass, field

REDACTED = "[redacted]"
SECRET_HEADERS = {"authorization", "x-api-key", "proxy-authorization", "cookie"}


@dataclass
class RecordedRequest:
    """One request as the mock received it (credentials redacted)."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    json: object = None
    status: int | None = None
    request_id: str = ""
    stream: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def body(self) -> object:
        return self.json


def redact(headers) -> dict[str, str]:
    return {
        k: (REDACTED if k.lower() in SECRET_HEADERS else v) for k, v in headers.items()
    }


class Journal:
    """List-like: ``len(j)``, ``j[-1]``, iteration, ``j.last``, ``j.clear()``."""

    def __init__(self, maxlen: int = 1000) -> None:
        self._entries: deque[RecordedRequest] = deque(maxlen=maxlen)
        self._lock = threading.Lock()

    def append(self, entry: RecordedRequest) -> None:
        with self._lock:
            self._entries.append(entry)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

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
        return f"Journal({len(self)} entries)"
