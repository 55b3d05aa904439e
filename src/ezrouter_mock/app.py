"""The Starlette application: routing, auth, body checks, faults and streaming.

Each request goes: request id + journal entry (ASGI middleware) -> auth -> body read
with size/type/encoding/depth checks -> surface parse -> engine (profile, answer) ->
surface render as JSON or SSE. Errors of any kind become ezrouter's envelope; nothing
a client sends can produce a traceback or a 5xx (queued faults aside).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from . import anthropic_surface, openai_surface
from .engine import Engine
from .errors import GatewayError, bad_request, codes_from_profile
from .faults import Fault, FaultQueue
from .journal import Entry, Journal, redact
from .model import ChatRequest

REQUEST_ID_HEADER = "x-oneapi-request-id"
JOURNAL_BODY_LIMIT = 1024 * 1024  # bodies above this are summarised in the journal
log = logging.getLogger("ezrouter_mock")


@dataclass
class MockSettings:
    """Knobs for a mock instance.

    ``divergences_off``: documented ezrouter divergences to turn off, by id.
    ``pacing``: seconds between stream events (0 = as fast as possible).
    ``clock``: time source for cache TTLs, injectable so tests can jump ahead.
    """

    divergences_off: set[str] = field(default_factory=set)
    pacing: float = 0.0
    max_body_bytes: int = 8 * 1024 * 1024
    max_json_depth: int = 64
    journal_size: int = 1000
    hang_seconds: float = 600.0
    clock: Callable[[], float] | None = None


class StreamDropped(Exception):
    """Raised inside a stream to cut the connection (a queued ``drop`` fault)."""


class _QuietDrops(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        while exc is not None:
            if isinstance(exc, StreamDropped):
                return False
            exc = (
                exc.__cause__
                or exc.__context__
                or (
                    exc.exceptions[0]
                    if isinstance(exc, BaseExceptionGroup) and exc.exceptions
                    else None
                )
            )
        return True


logging.getLogger("uvicorn.error").addFilter(_QuietDrops())


class Gateway:
    """State shared by one mock instance: profile, engine, keys, faults, journal."""

    def __init__(self, profile, keys: list[str], settings: MockSettings | None = None):
        self.settings = settings or MockSettings()
        if self.settings.divergences_off:
            profile = profile.without_divergences(set(self.settings.divergences_off))
        self.profile = profile
        self.keys = frozenset(keys)
        self.engine = Engine(profile, self.settings.clock)
        self.faults = FaultQueue()
        self.journal = Journal(self.settings.journal_size)
        self.codes = codes_from_profile(profile)
        self.closing = threading.Event()
        self._counter = 0
        self._prefix = os.urandom(3).hex()
        models = profile.models
        self.openai_models = json.dumps(openai_surface.models_json(models)).encode()
        self.anthropic_models = json.dumps(
            anthropic_surface.models_json(models)
        ).encode()
        self.openai_model = {
            m.id: json.dumps(openai_surface.model_json(m)).encode() for m in models
        }
        self.anthropic_model = {
            m.id: json.dumps(anthropic_surface.model_json(m)).encode() for m in models
        }

    def new_request_id(self) -> str:
        self._counter += 1
        stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime())
        return f"{stamp}{self._prefix}{self._counter:08d}"

    # -- helpers used by handlers ------------------------------------------------
    def error_response(self, err: GatewayError, request_id: str) -> Response:
        return Response(
            err.body(request_id, self.codes),
            status_code=err.status,
            media_type="application/json",
            headers=err.headers,
        )

    def authenticate(self, request: Request, allow_x_api_key: bool) -> None:
        key = None
        auth = request.headers.get("authorization")
        if auth:
            scheme, _, value = auth.partition(" ")
            if scheme.lower() == "bearer" and value.strip():
                key = value.strip()
        if key is None and allow_x_api_key:
            key = request.headers.get("x-api-key") or None
        if key is None:
            hint = "Authorization: Bearer <key>" + (
                " or x-api-key: <key>" if allow_x_api_key else ""
            )
            raise GatewayError(
                401, f"no API key was sent; send it as {hint}", param="authorization"
            )
        if key not in self.keys:
            raise GatewayError(
                401,
                "invalid API key: the key is not known to this gateway",
                param="authorization",
            )

    async def read_json(self, request: Request) -> dict:
        limit = self.settings.max_body_bytes
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise GatewayError(
                413, f"request body is larger than {limit} bytes", param="body"
            )
        ctype = request.headers.get("content-type", "")
        if ctype.split(";")[0].strip().lower() != "application/json":
            raise GatewayError(
                415,
                f"Content-Type must be application/json, got {ctype or 'none'!r}",
                param="content-type",
            )
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise GatewayError(
                    413, f"request body is larger than {limit} bytes", param="body"
                )
            chunks.append(chunk)
        raw = b"".join(chunks)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise bad_request(
                "body", f"the body is not valid UTF-8 (byte {exc.start})"
            ) from None
        if not text.strip():
            raise bad_request("body", "the body is empty; send a JSON object")
        try:
            data = json.loads(text)
        except RecursionError:
            raise bad_request("body", "the JSON is nested too deeply") from None
        except ValueError as exc:
            raise bad_request("body", f"the body is not valid JSON: {exc}") from None
        if not isinstance(data, dict):
            raise bad_request("body", "the body must be a JSON object")
        _check_depth(data, self.settings.max_json_depth)
        entry = request.scope["ezrouter.entry"]
        if len(raw) <= JOURNAL_BODY_LIMIT:
            entry.json = data
        else:  # keep the journal's memory bounded: large bodies are summarised
            entry.json = {"omitted": f"{len(raw)} bytes", "keys": sorted(data)}
        return data

    def check_catalog(self, body: dict) -> None:
        """An id outside the catalog gets the 403 before any other body check: the
        gateway picks a route by model first, so a client with a default model the
        catalog lacks (Claude Code's) must see that cause, not an unrelated 400."""
        model = body.get("model")
        if isinstance(model, str):
            self.engine.check_model_id(model)

    async def apply_fault(self, request: Request, fault: Fault | None) -> None:
        if fault is None or fault.break_stream:
            return
        if fault.hang:
            deadline = time.monotonic() + self.settings.hang_seconds
            while time.monotonic() < deadline and not self.closing.is_set():
                await asyncio.sleep(0.05)
                if await _disconnected(request):
                    break
            raise GatewayError(
                504, "the upstream did not answer in time (queued hang fault)"
            )
        raise GatewayError(
            fault.status,
            fault.message or "queued fault: simulated upstream failure",
            headers=fault.headers,
        )

    def stream(
        self, frames: list[bytes], fault: Fault | None, error_frame: bytes
    ) -> Response:
        pacing = self.settings.pacing
        cut = len(frames) // 2 if fault is not None and fault.break_stream else None

        async def body():
            if not pacing:  # as fast as possible: one write instead of one per event
                yield b"".join(frames[:cut])
            else:
                for index, frame in enumerate(frames[:cut]):
                    if index:
                        await asyncio.sleep(pacing)
                    yield frame
            if cut is not None:
                if fault.break_stream == "error":
                    yield error_frame
                    return
                raise StreamDropped()

        return StreamingResponse(
            body(),
            media_type="text/event-stream",
            headers={"cache-control": "no-cache"},
        )


_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_depth(data: object, limit: int) -> None:
    """Reject JSON nested deeper than ``limit`` and strings holding lone surrogates
    (valid JSON escapes, but not Unicode text), without recursion."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            raise bad_request(
                "body", f"the JSON is nested more than {limit} levels deep"
            )
        if isinstance(value, dict):
            for key, item in value.items():
                if _SURROGATE.search(key):
                    raise bad_request(
                        "body", "a key holds an unpaired surrogate escape"
                    )
                stack.append((item, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
        elif isinstance(value, str) and _SURROGATE.search(value):
            raise bad_request(
                "body", "a string holds an unpaired surrogate escape (\\ud800-\\udfff)"
            )


async def _disconnected(request: Request) -> bool:
    try:
        return await asyncio.wait_for(request.is_disconnected(), 0.01)
    except TimeoutError:
        return False


def _json(data: dict | bytes, status: int = 200) -> Response:
    body = (
        data
        if isinstance(data, bytes)
        else json.dumps(data, ensure_ascii=False).encode()
    )
    return Response(body, status_code=status, media_type="application/json")


def build_app(gateway: Gateway) -> Starlette:
    gw = gateway

    def rid(request: Request) -> str:
        return request.scope["ezrouter.request_id"]

    async def surface_root(request: Request) -> Response:
        if request.method == "HEAD":
            return Response(status_code=200)
        return _json(
            {
                "surface": "anthropic",
                "status": "ok",
                "messages": "/anthropic/v1/messages",
            }
        )

    async def root(request: Request) -> Response:
        return _json(
            {
                "gateway": "ezrouter mock",
                "surfaces": {"openai": "/v1", "anthropic": "/anthropic"},
            }
        )

    async def anthropic_messages(request: Request) -> Response:
        gw.authenticate(request, allow_x_api_key=True)
        body = await gw.read_json(request)
        gw.check_catalog(body)
        req = anthropic_surface.parse(body, request.headers)
        gw.engine.apply_profile(req)
        anthropic_surface.check_thinking_loop(req)
        return await _answer(request, req, anthropic=True)

    async def anthropic_count(request: Request) -> Response:
        gw.authenticate(request, allow_x_api_key=True)
        body = await gw.read_json(request)
        gw.check_catalog(body)
        req = anthropic_surface.parse(body, request.headers, count_only=True)
        req.features["count_tokens"] = "model"
        gw.engine.apply_profile(req)
        return _json(anthropic_surface.count_tokens_json(gw.engine.count_input(req)))

    async def openai_chat(request: Request) -> Response:
        gw.authenticate(request, allow_x_api_key=False)
        body = await gw.read_json(request)
        gw.check_catalog(body)
        req = openai_surface.parse(body, gw.engine.caps.divergence)
        gw.engine.apply_profile(req)
        return await _answer(request, req, anthropic=False)

    async def _answer(request: Request, req: ChatRequest, anthropic: bool) -> Response:
        sse = req.stream or (not anthropic and gw.engine.caps.divergence("always_sse"))
        request.scope["ezrouter.entry"].stream = sse
        fault = gw.faults.take(streaming=sse)
        await gw.apply_fault(request, fault)
        resp = gw.engine.respond(req)
        if anthropic:
            if not sse:
                return _json(anthropic_surface.render_json(resp))
            err = GatewayError(529, "the upstream stream failed (queued fault)")
            return gw.stream(
                anthropic_surface.render_sse(resp),
                fault,
                anthropic_surface.error_frame(err, rid(request)),
            )
        if not sse:
            return _json(openai_surface.render_json(resp))
        err = GatewayError(502, "the upstream stream failed (queued fault)")
        return gw.stream(
            openai_surface.render_sse(resp, req.broken),
            fault,
            openai_surface.error_frame(err, rid(request), gw.codes),
        )

    async def openai_models(request: Request) -> Response:
        gw.authenticate(request, allow_x_api_key=False)
        return _json(gw.openai_models)

    async def openai_model(request: Request) -> Response:
        gw.authenticate(request, allow_x_api_key=False)
        return _json(_catalog_entry(gw.openai_model, request))

    async def anthropic_models(request: Request) -> Response:
        gw.authenticate(request, allow_x_api_key=True)
        return _json(gw.anthropic_models)

    async def anthropic_model(request: Request) -> Response:
        gw.authenticate(request, allow_x_api_key=True)
        return _json(_catalog_entry(gw.anthropic_model, request))

    async def on_gateway_error(request: Request, exc: GatewayError) -> Response:
        return gw.error_response(exc, rid(request))

    async def on_http_error(request: Request, exc: HTTPException) -> Response:
        message = {
            404: f"no route for {request.url.path}; "
            "the surfaces are /v1 and /anthropic",
            405: f"{request.method} is not allowed on {request.url.path}",
        }.get(exc.status_code, str(exc.detail))
        err = GatewayError(
            exc.status_code,
            message,
            param="path" if exc.status_code == 404 else "method",
        )
        return gw.error_response(err, rid(request))

    async def on_crash(request: Request, exc: Exception) -> Response:
        if isinstance(exc, StreamDropped):  # deliberate: the response already started
            return Response(status_code=500)
        log.exception("mock gateway bug while handling %s", request.url.path)
        return gw.error_response(
            GatewayError(500, "the mock gateway failed unexpectedly"), rid(request)
        )

    routes = [
        Route("/", root, methods=["GET", "HEAD"]),
        Route("/anthropic", surface_root, methods=["GET", "HEAD"]),
        Route("/anthropic/", surface_root, methods=["GET", "HEAD"]),
        Route("/anthropic/v1/messages", anthropic_messages, methods=["POST"]),
        Route("/anthropic/v1/messages/count_tokens", anthropic_count, methods=["POST"]),
        Route("/anthropic/v1/models", anthropic_models, methods=["GET"]),
        Route("/anthropic/v1/models/{model_id:path}", anthropic_model, methods=["GET"]),
        Route("/v1/chat/completions", openai_chat, methods=["POST"]),
        Route("/v1/models", openai_models, methods=["GET"]),
        Route("/v1/models/{model_id:path}", openai_model, methods=["GET"]),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={
            GatewayError: on_gateway_error,
            HTTPException: on_http_error,
            Exception: on_crash,
        },
    )
    app.router.redirect_slashes = False
    return RequestContext(app, gw)


class RequestContext:
    """Pure ASGI middleware: request id header on every response, journal entry."""

    def __init__(self, app, gateway: Gateway):
        self.app = app
        self.gateway = gateway

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request_id = self.gateway.new_request_id()
        headers = {
            k.decode("latin-1"): v.decode("latin-1")
            for k, v in scope.get("headers", [])
        }
        entry = Entry(
            scope["method"],
            scope["path"],
            scope.get("query_string", b"").decode("latin-1"),
            redact(headers),
            request_id=request_id,
        )
        scope["ezrouter.request_id"] = request_id
        scope["ezrouter.entry"] = entry
        self.gateway.journal.append(entry)

        async def send_with_id(message):
            if message["type"] == "http.response.start":
                entry.status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [
                    (REQUEST_ID_HEADER.encode(), request_id.encode())
                ]
            await send(message)

        await self.app(scope, receive, send_with_id)


def _catalog_entry(entries: dict[str, bytes], request: Request) -> bytes:
    """One model's listing, or the 404 both surfaces give for an id they do not list."""
    model_id = request.path_params["model_id"]
    found = entries.get(model_id)
    if found is None:
        raise GatewayError(
            404, f"model {model_id!r} is not in the catalog", param="model"
        )
    return found
