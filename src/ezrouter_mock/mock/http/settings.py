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
    wall_clock: Callable[[], float] = time.time
