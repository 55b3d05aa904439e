"""Pure ASGI middleware: a request id on each response, a journal record per request."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable

from .journal import Journal, RecordedRequest, redact, redact_query

REQUEST_ID_HEADER = "x-oneapi-request-id"


class RequestIds:
    """ezrouter-style request ids: a UTC timestamp, a per-instance prefix, a counter.

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

    def __call__(self) -> str:
        self._counter += 1
        stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime(self._clock()))
        return f"{stamp}{self._prefix}{self._counter:08d}"


class RequestContext:
    """Stamps each request with an id (``scope["ezrouter.request_id"]``, echoed in
    the ``x-oneapi-request-id`` header) and a journal record
    (``scope["ezrouter.record"]``)."""

    def __init__(self, app, journal: Journal, new_id: Callable[[], str]):
        self.app = app
        self.journal = journal
        self.new_id = new_id

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request_id = self.new_id()
        headers = {
            k.decode("latin-1"): v.decode("latin-1")
            for k, v in scope.get("headers", [])
        }
        record = RecordedRequest(
            scope["method"],
            scope["path"],
            redact_query(scope.get("query_string", b"").decode("latin-1")),
            redact(headers),
            request_id=request_id,
        )
        scope["ezrouter.request_id"] = request_id
        scope["ezrouter.record"] = record
        self.journal.append(record)

        async def send_with_id(message):
            if message["type"] == "http.response.start":
                record.status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [
                    (REQUEST_ID_HEADER.encode(), request_id.encode())
                ]
            await send(message)

        await self.app(scope, receive, send_with_id)
