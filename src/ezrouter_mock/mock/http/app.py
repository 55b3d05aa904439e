"""State of one mock, and its routes, generated per surface from ``wire.SURFACES``.

Each request goes: request id + journal record -> route -> auth (auth.py) -> body
checks (body.py) -> the surface's spec check and parse under the policy -> queued
faults (faults.py) -> engine -> the surface renders JSON or SSE (reply.py). Errors of
any kind become ezrouter's envelope; nothing a client sends can produce a traceback or
a 5xx (queued faults aside).

A route returns a reply, or an awaitable of one when it must wait (a hang fault) or
when its work is moved off the event loop: a body over :data:`OFFLOAD_BYTES`, or one
holding a JSON Schema keyword that makes generation costly (:data:`COSTLY`), is
checked, parsed and answered in a worker thread, so that it cannot hold up the small
requests other clients send meanwhile. Everything else is answered inline (the fast
path: no thread hop).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor

from ..core import jsontext
from ..core.engine import Engine
from ..core.errors import GatewayError
from ..core.policy import Policy
from ..wire import SURFACES, Surface, TokenCounter
from .auth import authenticate
from .body import read_json
from .faults import FaultQueue, hang_error, raise_fault
from .journal import Journal, RecordedRequest, redact, redact_query
from .reply import Reply, StreamReply
from .request import Request, RequestIds
from .settings import MockSettings

log = logging.getLogger("ezrouter_mock")

#: bodies larger than this are handled in a worker thread, not on the event loop
OFFLOAD_BYTES = 256 * 1024
#: JSON Schema keywords whose generation (references, patterns, sizes) is costly
COSTLY = (b'"$ref"', b'"pattern"', b'"minItems"', b'"minLength"', b'"minProperties"')

Answer = Reply | StreamReply
Route = Callable[[Request], Answer | Awaitable[Answer]]


class MockState:
    """State shared by one mock instance: policy, engine, keys, faults, journal, and
    each surface's catalog rendered once."""

    def __init__(self, profile, keys: list[str], settings: MockSettings | None = None):
        self.settings = settings or MockSettings()
        self.policy = Policy(profile, self.settings.divergences_off)
        self.keys = frozenset(keys)
        self.engine = Engine(self.settings.clock, self.settings.wall_clock)
        self.faults = FaultQueue()
        self.journal = Journal(self.settings.journal_size, self.settings.journal_bytes)
        self.new_request_id = RequestIds(self.settings.wall_clock)
        self.closing = threading.Event()
        for surface in SURFACES:  # compile each surface's spec now, not on a request
            surface.check("models", None, {})
        models = self.policy.models
        self.catalogs = {s.NAME: jsontext.dumps(s.catalog(models)) for s in SURFACES}
        self.catalog_entries = {
            s.NAME: {m.id: jsontext.dumps(s.catalog_entry(m)) for m in models}
            for s in SURFACES
        }

    @property
    def profile(self):
        """The profile in force (documented divergences turned off applied)."""
        return self.policy.profile

    def error_reply(self, err: GatewayError, request_id: str) -> Reply:
        return Reply(
            err.status, err.body(request_id, self.policy.codes), headers=err.headers
        )


def _json(data: dict | bytes, status: int = 200) -> Reply:
    return Reply(status, data if isinstance(data, bytes) else jsontext.dumps(data))


def _costly(body: bytes) -> bool:
    return len(body) > OFFLOAD_BYTES or any(k in body for k in COSTLY)


def surface_routes(
    state: MockState, surface: Surface, workers: ThreadPoolExecutor
) -> dict[tuple[str, str], Route]:
    """Every route one surface serves, from its contract (wire/surface.py), keyed by
    (method, path); a path ending in ``/`` also matches every path below it."""
    settings = state.settings

    def read(request: Request) -> dict:
        authenticate(request.headers, state.keys, surface.KEY_HEADERS)
        return read_json(
            request, settings.max_body_bytes, settings.max_json_depth, state.journal
        )

    def work(request: Request) -> Answer | None:
        """The whole answer, or None for a queued hang (the caller waits first)."""
        body = read(request)
        state.policy.check_catalog(body)
        surface.check("chat", body, request.query_params)
        req = surface.parse(body, request.headers, state.policy)
        sse = state.policy.streams(req)
        request.record.stream = sse
        fault = state.faults.take(streaming=sse)
        if raise_fault(fault):
            return None
        resp = state.engine.respond(req)
        if not sse:
            return _json(surface.render_json(req, resp))

        def error_frame() -> bytes:
            err = GatewayError(
                surface.STREAM_FAILURE, "the upstream stream failed (queued fault)"
            )
            return surface.error_frame(err, request.request_id, state.policy.codes)

        return StreamReply(
            surface.render_sse(req, resp), fault, error_frame, settings.pacing
        )

    async def hang(request: Request, answer: Answer | None = None) -> Answer:
        if answer is None and request.wait_gone is not None:
            await request.wait_gone(settings.hang_seconds)
            raise hang_error()
        return answer

    async def offloaded(request: Request) -> Answer:
        loop = asyncio.get_running_loop()
        return await hang(request, await loop.run_in_executor(workers, work, request))

    def chat(request: Request) -> Answer | Awaitable[Answer]:
        if _costly(request.body):
            return offloaded(request)
        answer = work(request)
        return answer if answer is not None else hang(request)

    def models(request: Request) -> Reply:
        authenticate(request.headers, state.keys, surface.KEY_HEADERS)
        surface.check("models", None, request.query_params)
        return _json(state.catalogs[surface.NAME])

    def model(request: Request) -> Reply:
        authenticate(request.headers, state.keys, surface.KEY_HEADERS)
        model_id = request.path[len(surface.MODELS_PATH) + 1 :]
        found = state.catalog_entries[surface.NAME].get(model_id)
        if found is None:
            raise GatewayError(
                404, f"model {model_id!r} is not in the catalog", param="model"
            )
        return _json(found)

    def info(request: Request) -> Reply:
        if request.method == "HEAD":
            return Reply(200, b"", None)
        return _json(jsontext.dumps(surface.INFO or {}))

    routes: dict[tuple[str, str], Route] = {
        ("POST", surface.CHAT_PATH): chat,
        ("GET", surface.MODELS_PATH): models,
        ("GET", surface.MODELS_PATH + "/"): model,
    }
    for path in surface.INFO_PATHS:
        routes[("GET", path)] = routes[("HEAD", path)] = info
    if isinstance(surface, TokenCounter):

        def counted(request: Request) -> Reply:
            body = read(request)
            state.policy.check_catalog(body)
            surface.check("count", body, request.query_params)
            req = surface.parse_count(body, request.headers, state.policy)
            return _json(surface.count_json(state.engine.count_input(req)))

        def count(request: Request) -> Reply | Awaitable[Reply]:
            if _costly(request.body):
                return asyncio.get_running_loop().run_in_executor(
                    workers, counted, request
                )
            return counted(request)

        routes[("POST", surface.COUNT_PATH)] = count
    return routes


class App:
    """Routes a parsed request, stamps it with an id and a journal record, and turns
    every error into ezrouter's envelope. Runs on the server's event loop."""

    def __init__(self, state: MockState):
        self.state = state
        # One worker: costly requests wait for each other, never the loop for them.
        # A single C call (parsing or validating a body of megabytes) holds the GIL
        # for tens of ms; with two workers the loop could wait for two such calls in a
        # row, one from each, and a light request for more than 100 ms.
        self.workers = ThreadPoolExecutor(1, thread_name_prefix="ezrouter-mock-work")
        bases = {s.NAME: s.BASE for s in SURFACES}
        self.bases = " and ".join(bases.values())
        root = jsontext.dumps({"gateway": "ezrouter mock", "surfaces": bases})
        routes: dict[tuple[str, str], Route] = {}
        routes[("GET", "/")] = routes[("HEAD", "/")] = lambda request: _json(root)
        for surface in SURFACES:
            for key, route in surface_routes(state, surface, self.workers).items():
                routes.setdefault(key, route)
        self.routes = routes
        self.paths: dict[str, set[str]] = {}
        for method, path in routes:
            self.paths.setdefault(path, set()).add(method)
            if method == "GET":
                self.paths[path].add("HEAD")
        # Only a surface's model lookup takes a path parameter (MODELS_PATH/{id});
        # an info path such as "/anthropic/" is exact, so "/anthropic/v1/v1/messages"
        # (an SDK base URL with one /v1 too many) is a 404, not a 405.
        self.prefixes = sorted(
            {s.MODELS_PATH + "/" for s in SURFACES}, key=len, reverse=True
        )

    def _route(self, request: Request) -> Route:
        path, method = request.path, request.method
        route = self.routes.get((method, path))
        if route is not None:
            return route
        allowed = self.paths.get(path)
        if allowed is None:
            key = next(
                (p for p in self.prefixes if path.startswith(p) and path != p), ""
            )
            allowed = self.paths.get(key)
            path = key
        if allowed is None:
            raise GatewayError(
                404,
                f"no route for {request.path}; the surfaces are {self.bases}",
                param="path",
            )
        route = self.routes.get((method, path))
        if route is None and method == "HEAD":
            route = self.routes.get(("GET", path))
        if route is None:
            raise GatewayError(
                405,
                f"{method} is not allowed on {request.path}",
                param="method",
                headers={"allow": ", ".join(sorted(allowed))},
            )
        return route

    def handle(self, request: Request) -> Answer | Awaitable[Answer]:
        """The answer to ``request``, or an awaitable of it; never raises."""
        state = self.state
        request.request_id = state.new_request_id()
        request.record = RecordedRequest(
            request.method,
            request.path,
            redact_query(request.query),
            redact(request.headers),
            request_id=request.request_id,
        )
        state.journal.append(request.record)
        try:
            answer = self._route(request)(request)
        except Exception as exc:  # noqa: BLE001 - every error becomes an envelope
            return self._error(exc, request)
        if isinstance(answer, Reply | StreamReply):
            return answer
        return self._guarded(answer, request)

    async def _guarded(self, pending: Awaitable[Answer], request: Request) -> Answer:
        try:
            return await pending
        except Exception as exc:  # noqa: BLE001
            return self._error(exc, request)

    def _error(self, exc: Exception, request: Request) -> Reply:
        if not isinstance(exc, GatewayError):
            log.error("mock gateway bug while handling %s", request.path, exc_info=exc)
            exc = GatewayError(500, "the mock gateway failed unexpectedly")
        return self.state.error_reply(exc, request.request_id)

    def refuse(self, status: int, message: str) -> tuple[Reply, str]:
        """An answer to what is not a request (malformed HTTP, a head too large, a
        client too slow); it gets a request id but no journal record."""
        request_id = self.state.new_request_id()
        return self.state.error_reply(
            GatewayError(status, message), request_id
        ), request_id
