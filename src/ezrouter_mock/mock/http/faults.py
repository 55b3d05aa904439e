"""Faults a test can queue to exercise retry and error-handling code.

``mock.faults.push(status=529)`` makes the next generation request fail with 529;
``push(hang=True)`` makes it hang until the client gives up;
``push(break_stream="error")`` or ``"drop"`` breaks the next *streamed* answer
half-way with an error event or a dropped connection. Nothing a snippet does can
turn these on: they are Python-only.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass, field

from ..core.errors import GatewayError

RETRYABLE = (408, 409, 429, 500, 502, 503, 504, 529)


@dataclass
class Fault:
    status: int | None = None
    hang: bool = False
    break_stream: str | None = None  # "error" | "drop"
    message: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def streaming_only(self) -> bool:
        return self.break_stream is not None


class FaultQueue:
    """FIFO of faults, consumed one per request. Thread-safe: tests push from their
    thread while the server pops on its event loop."""

    def __init__(self) -> None:
        self._queue: deque[Fault] = deque()
        self._lock = threading.Lock()

    def push(
        self,
        status: int | None = None,
        *,
        hang: bool = False,
        break_stream: str | None = None,
        times: int = 1,
        message: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        chosen = sum([status is not None, hang, break_stream is not None])
        if chosen != 1:
            raise ValueError(
                "push exactly one of status=..., hang=True or break_stream=..."
            )
        if status is not None and not (400 <= status <= 599):
            raise ValueError(f"status must be a 4xx or 5xx code, got {status}")
        if break_stream not in (None, "error", "drop"):
            raise ValueError('break_stream must be "error" or "drop"')
        if times < 1:
            raise ValueError("times must be at least 1")
        fault = Fault(status, hang, break_stream, message, dict(headers or {}))
        with self._lock:
            self._queue.extend([fault] * times)

    def take(self, streaming: bool) -> Fault | None:
        """The next fault for this request (stream breaks wait for a stream)."""
        with self._lock:
            if not self._queue:
                return None
            head = self._queue[0]
            if head.streaming_only and not streaming:
                return None
            return self._queue.popleft()

    def clear(self) -> None:
        with self._lock:
            self._queue.clear()

    def __len__(self) -> int:
        return len(self._queue)


def raise_fault(fault: Fault | None) -> bool:
    """Raise the error of a queued status fault; True for a hang fault (the caller
    waits until the client leaves, the server closes or the hang time passes, then
    answers :data:`HANG_ERROR`). Stream breaks are left to the stream writer."""
    if fault is None or fault.break_stream:
        return False
    if fault.hang:
        return True
    raise GatewayError(
        fault.status,
        fault.message or "queued fault: simulated upstream failure",
        headers=fault.headers,
    )


def hang_error() -> GatewayError:
    return GatewayError(504, "the upstream did not answer in time (queued hang fault)")
