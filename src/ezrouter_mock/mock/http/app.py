"""The Starlette application: state of one mock, and routes generated per surface.

Each request goes: request id + journal record (middleware.py) -> auth (auth.py) ->
body checks (body.py) -> the surface parses it under the policy -> queued faults
(faults.py) -> engine -> the surface renders JSON or SSE (sse.py). Errors of any kind
become ezrouter's envelope; nothing a client sends can produce a traceback or a 5xx
(queued faults aside).
"""

from __future__ import annotations

import json
import logging
import threading

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..core.engine import Engine
from ..core.errors import GatewayError
from ..core.policy import Policy
from ..wire import SURFACES, Surface, TokenCounter
from .auth import authenticate
from .body import read_json
from .faults import FaultQueue, raise_fault
from .journal import Journal
from .middleware import RequestContext, RequestIds
from .settings import MockSettings
from .sse import StreamDropped, stream

log = logging.getLogger("ezrouter_mock")


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
        models = self.policy.models
        self.catalogs = {
            s.NAME: json.dumps(s.catalog(models)).encode() for s in SURFACES
        }
        self.catalog_entries = {
            s.NAME: {m.id: json.dumps(s.catalog_entry(m)).encode() for m in models}
            for s in SURFACES
        }

    @property
    def profile(self):
        """The profile in force (documented divergences turned off applied)."""
        return self.policy.profile

    def error_response(self, err: GatewayError, request_id: str) -> Response:
        return Response(
            err.body(request_id, self.policy.codes),
            status_code=err.status,
            media_type="application/json",
            headers=err.headers,
        )


def _json(data: dict | bytes, status: int = 200) -> Response:
    body = (
        data
        if isinstance(data, bytes)
        else json.dumps(data, ensure_ascii=False).encode()
    )
    return Response(body, status_code=status, media_type="application/json")


def _request_id(request: Request) -> str:
    return request.scope["ezrouter.request_id"]


def surface_routes(state: MockState, surface: Surface) -> list[Route]:
    """Every route one surface serves, from its contract (wire/surface.py)."""
    settings = state.settings

    async def read(request: Request) -> dict:
        authenticate(request.headers, state.keys, surface.KEY_HEADERS)
        return await read_json(
            request, settings.max_body_bytes, settings.max_json_depth, state.journal
        )

    async def chat(request: Request) -> Response:
        body = await read(request)
        surface.check("chat", body, request.query_params)
        req = surface.parse(body, request.headers, state.policy)
        sse = state.policy.streams(req)
        request.scope["ezrouter.record"].stream = sse
        fault = state.faults.take(streaming=sse)
        await raise_fault(request, fault, settings.hang_seconds, state.closing)
        resp = state.engine.respond(req)
        if not sse:
            return _json(surface.render_json(req, resp))
        err = GatewayError(
            surface.STREAM_FAILURE, "the upstream stream failed (queued fault)"
        )
        return stream(
            surface.render_sse(req, resp),
            fault,
            surface.error_frame(err, _request_id(request), state.policy.codes),
            settings.pacing,
        )

    async def models(request: Request) -> Response:
        authenticate(request.headers, state.keys, surface.KEY_HEADERS)
        surface.check("models", None, request.query_params)
        return _json(state.catalogs[surface.NAME])

    async def model(request: Request) -> Response:
        authenticate(request.headers, state.keys, surface.KEY_HEADERS)
        model_id = request.path_params["model_id"]
        found = state.catalog_entries[surface.NAME].get(model_id)
        if found is None:
            raise GatewayError(
                404, f"model {model_id!r} is not in the catalog", param="model"
            )
        return _json(found)

    async def info(request: Request) -> Response:
        if request.method == "HEAD":
            return Response(status_code=200)
        return _json(surface.INFO or {})

    routes = [
        Route(surface.CHAT_PATH, chat, methods=["POST"]),
        Route(surface.MODELS_PATH, models, methods=["GET"]),
        Route(surface.MODELS_PATH + "/{model_id:path}", model, methods=["GET"]),
    ]
    routes += [Route(p, info, methods=["GET", "HEAD"]) for p in surface.INFO_PATHS]
    if isinstance(surface, TokenCounter):

        async def count(request: Request) -> Response:
            body = await read(request)
            surface.check("count", body, request.query_params)
            req = surface.parse_count(body, request.headers, state.policy)
            return _json(surface.count_json(state.engine.count_input(req)))

        routes.append(Route(surface.COUNT_PATH, count, methods=["POST"]))
    return routes


def build_app(state: MockState) -> RequestContext:
    bases = {s.NAME: s.BASE for s in SURFACES}

    async def root(request: Request) -> Response:
        return _json({"gateway": "ezrouter mock", "surfaces": bases})

    async def on_gateway_error(request: Request, exc: GatewayError) -> Response:
        return state.error_response(exc, _request_id(request))

    async def on_http_error(request: Request, exc: HTTPException) -> Response:
        message = {
            404: f"no route for {request.url.path}; "
            f"the surfaces are {' and '.join(bases.values())}",
            405: f"{request.method} is not allowed on {request.url.path}",
        }.get(exc.status_code, str(exc.detail))
        err = GatewayError(
            exc.status_code,
            message,
            param="path" if exc.status_code == 404 else "method",
        )
        return state.error_response(err, _request_id(request))

    async def on_crash(request: Request, exc: Exception) -> Response:
        if isinstance(exc, StreamDropped):  # deliberate: the response already started
            return Response(status_code=500)
        log.exception("mock gateway bug while handling %s", request.url.path)
        return state.error_response(
            GatewayError(500, "the mock gateway failed unexpectedly"),
            _request_id(request),
        )

    routes = [Route("/", root, methods=["GET", "HEAD"])]
    for surface in SURFACES:
        routes += surface_routes(state, surface)
    app = Starlette(
        routes=routes,
        exception_handlers={
            GatewayError: on_gateway_error,
            HTTPException: on_http_error,
            Exception: on_crash,
        },
    )
    app.router.redirect_slashes = False
    return RequestContext(app, state.journal, state.new_request_id)
