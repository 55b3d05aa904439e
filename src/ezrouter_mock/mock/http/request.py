"""One parsed HTTP request as the routes see it, and ezrouter-style request ids."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from .journal import RecordedRequest


@dataclass(slots=True, eq=False)
class Request:
    """``headers`` has lower-case names (the first of repeated names wins); ``path``
    is percent-decoded, ``query`` is the raw query string. ``too_large`` is set when
    the body was not read because it is over the limit (declared or counted)."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes = b""
    too_large: bool = False
    keep_alive: bool = True
    request_id: str = ""
    record: RecordedRequest | None = None
    #: resolves when the client has gone or the server closes, or after ``timeout``
    wait_gone: Callable[[float], Awaitable[None]] | None = None
    _params: dict[str, str] | None = field(default=None, repr=False)

    @property
    def query_params(self) -> dict[str, str]:
        """The query as a mapping (the last of repeated names wins)."""
        if self._params is None:
            self._params = dict(parse_qsl(self.query, keep_blank_values=True))
        return self._params


class RequestIds:
    """ezrouter-style request ids: a UTC timestamp, a per-instance prefix, a counter.
    The timestamp is formatted once per second, not once per request.

    The prefix is random unless the wall clock is pinned (``MockSettings.wall_clock``,
    as the docs tests do): then it derives from that instant, so an instance started
    for one snippet numbers its requests the same way every run."""

    def __init__(self, wall_clock: Callable[[], float] = time.time) -> None:
        self._counter = 0
        self._clock = wall_clock
        if wall_clock is time.time:
            self._prefix = os.urandom(3).hex()
        else:
            seed = repr(wall_clock()).encode()
            self._prefix = hashlib.sha256(seed).hexdigest()[:6]
        self._second = -1
        self._stamp = ""

    def __call__(self) -> str:
        self._counter += 1
        now = int(self._clock())
        if now != self._second:
            self._stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime(now))
            self._second = now
        return f"{self._stamp}{self._prefix}{self._counter:08d}"
