"""The knobs of one mock instance."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class MockSettings:
    """Knobs for a mock instance.

    ``divergences_off``: documented ezrouter divergences to turn off, by id.
    ``pacing``: seconds between stream events (0 = as fast as possible).
    ``clock``: time source for cache TTLs, injectable so tests can jump ahead.
    ``idle_timeout``: seconds a kept-alive connection may wait for its next request
    (longer than httpx's 5 s pool expiry, so a client never reuses a connection the
    mock is closing at that very moment).
    ``head_timeout``: seconds a request's line and headers may take to arrive, once
    its first byte has.
    ``body_timeout``: seconds a request's body may take to arrive after its headers.
    ``max_header_bytes`` / ``max_headers``: the largest request head (URL and headers,
    in bytes) and the most header lines accepted; beyond either the answer is a 431.
    ``wall_clock``: the time the wire shows (``created``, the stamp and prefix of
    request ids); the docs tests pin it so a printed response is the same every run.
    """

    divergences_off: set[str] = field(default_factory=set)
    pacing: float = 0.0
    max_body_bytes: int = 8 * 1024 * 1024
    max_json_depth: int = 64
    journal_size: int = 1000
    journal_bytes: int = 32 * 1024 * 1024
    hang_seconds: float = 600.0
    clock: Callable[[], float] | None = None
    idle_timeout: float = 15.0
    head_timeout: float = 10.0
    body_timeout: float = 30.0
    max_header_bytes: int = 64 * 1024
    max_headers: int = 100
    wall_clock: Callable[[], float] = time.time
