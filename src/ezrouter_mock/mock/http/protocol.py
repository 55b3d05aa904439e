"""One HTTP/1.1 connection: httptools parses, the app answers, one write per answer.

Requests on a connection are answered in order (keep-alive and pipelining); a body
may come with a length or chunked, and ``Expect: 100-continue`` is honoured. What is
not HTTP gets a 400 and the connection is closed; a head over the size or count caps
gets a 431. Three clocks guard the connection: an idle one between requests, one for
the request head once it has started, one for the body once the head is in. A client
that lets one run out is disconnected (with a 408 when a request had started), so
slow or silent clients cannot hold the server's connections for ever.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from urllib.parse import unquote

import httptools

from .app import App
from .reply import (
    Reply,
    StreamReply,
    chunk,
    encode_reply,
    encode_stream,
    stream_head,
    stream_tail,
)
from .request import Request
from .settings import MockSettings

log = logging.getLogger("ezrouter_mock")

_CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"
IDLE, HEAD, BODY = "idle", "head", "body"
#: pipelined requests held while one is answered before the connection stops reading
MAX_QUEUED = 8


class _Stop(Exception):
    """Raised inside a parser callback to stop parsing this connection's input."""


class Connections:
    """What the connections of one server share: the app, the settings, and the set of
    open connections and pending hangs (so that stopping the server can end them)."""

    def __init__(self, app: App, settings: MockSettings):
        self.app = app
        self.settings = settings
        self.open: set[Connection] = set()
        self.hangs: set[asyncio.Future] = set()

    def protocol(self) -> Connection:
        return Connection(self)


class Connection(asyncio.Protocol):
    def __init__(self, shared: Connections):
        self.shared = shared
        self.settings = shared.settings
        self.app = shared.app
        self.loop = asyncio.get_running_loop()
        self.parser = httptools.HttpRequestParser(self)
        self.transport: asyncio.Transport | None = None
        self.queue: deque[Request | tuple[int, str]] = deque()
        self.busy = False
        self.gone = False
        self.discard = False  # input after a refused request is ignored
        self.paused = False
        self.phase = IDLE
        self.deadline = 0.0
        self.timer: asyncio.TimerHandle | None = None
        self.timer_at = 0.0
        self.waiters: set[asyncio.Future] = set()
        self._start()

    def _start(self) -> None:
        self.url = b""
        self.headers: dict[str, str] = {}
        self.head_bytes = 0
        self.header_count = 0
        self.body: list[bytes] = []
        self.body_size = 0

    # -- asyncio.Protocol ----------------------------------------------------------
    def connection_made(self, transport) -> None:
        self.transport = transport
        self.shared.open.add(self)
        self._arm(self.settings.idle_timeout)

    def connection_lost(self, exc) -> None:
        self.gone = True
        self.shared.open.discard(self)
        if self.timer is not None:
            self.timer.cancel()
        for waiter in self.waiters:
            if not waiter.done():
                waiter.set_result(None)

    def data_received(self, data: bytes) -> None:
        if self.discard:
            return
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserCallbackError:
            if not self.discard:  # a bug in a callback, not a refusal
                log.exception("mock gateway bug while reading a request")
                self._refuse(400, "the request could not be read")
        except httptools.HttpParserUpgrade:
            self._refuse(400, "protocol upgrades are not supported")
        except httptools.HttpParserError as exc:
            self._refuse(400, f"malformed HTTP request: {exc}")
        self._next()
        if self.busy and len(self.queue) >= MAX_QUEUED and not self.paused:
            self.transport.pause_reading()  # a flood of pipelined requests waits
            self.paused = True

    # -- parser callbacks ----------------------------------------------------------
    def on_message_begin(self) -> None:
        self._start()
        self.phase = HEAD
        if not self.busy:
            self._arm(self.settings.head_timeout)

    def on_url(self, url: bytes) -> None:
        self.url += url
        self._count(len(url))

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count(len(name) + len(value))
        self.header_count += 1
        if self.header_count > self.settings.max_headers:
            self._refuse(431, f"more than {self.settings.max_headers} request headers")
            raise _Stop
        key = name.decode("latin-1").lower()
        if key not in self.headers:
            self.headers[key] = value.decode("latin-1")

    def _count(self, size: int) -> None:
        self.head_bytes += size
        if self.head_bytes > self.settings.max_header_bytes:
            limit = self.settings.max_header_bytes
            self._refuse(431, f"the request head is larger than {limit} bytes")
            raise _Stop

    def on_headers_complete(self) -> None:
        self.phase = BODY
        if not self.busy:
            self._arm(self.settings.body_timeout)
        declared = self.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.settings.max_body_bytes:
            self._too_large()
        if self.headers.get("expect", "").lower() == "100-continue" and not (
            self.busy or self.queue
        ):
            self.transport.write(_CONTINUE)

    def on_body(self, body: bytes) -> None:
        self.body_size += len(body)
        if self.body_size > self.settings.max_body_bytes:
            self._too_large()
        self.body.append(body)

    def _too_large(self) -> None:
        """Answer now without reading the body (the route says 413), then close."""
        request = self._request()
        request.too_large, request.keep_alive = True, False
        self.queue.append(request)
        self.discard = True
        raise _Stop

    def on_message_complete(self) -> None:
        request = self._request()
        request.body = b"".join(self.body) if len(self.body) != 1 else self.body[0]
        request.keep_alive = self.parser.should_keep_alive()
        self.queue.append(request)
        self.phase = IDLE
        self.body = []

    def _request(self) -> Request:
        url = self.url
        if b"?" in url or b"%" in url or b"#" in url:
            parsed = httptools.parse_url(url)
            path = unquote(parsed.path.decode("latin-1"))
            query = (parsed.query or b"").decode("latin-1")
        else:
            path, query = url.decode("latin-1"), ""
        request = Request(self.parser.get_method().decode(), path, query, self.headers)
        request.wait_gone = self.wait_gone
        return request

    # -- answering, in order -------------------------------------------------------
    def _refuse(self, status: int, message: str) -> None:
        self.queue.append((status, message))
        self.discard = True

    def _next(self) -> None:
        """Answer queued requests in order until one needs to wait."""
        while self.queue and not self.busy and not self.gone:
            item = self.queue.popleft()
            if isinstance(item, tuple):
                reply, request_id = self.app.refuse(*item)
                self.transport.write(encode_reply(reply, request_id, False))
                self.transport.close()
                return
            answer = self.app.handle(item)
            if isinstance(answer, Reply) or (
                isinstance(answer, StreamReply) and not answer.pacing
            ):
                if not self._write(item, answer):
                    return
            else:
                self.busy = True
                self.loop.create_task(self._answer_later(item, answer))
                return
        if self.paused and not self.queue and not self.gone:
            self.paused = False
            self.transport.resume_reading()
        if not self.busy and not self.gone:
            self._arm(
                {
                    IDLE: self.settings.idle_timeout,
                    HEAD: self.settings.head_timeout,
                }.get(self.phase, self.settings.body_timeout)
            )

    def _write(self, request: Request, answer: Reply | StreamReply) -> bool:
        """Write a whole answer; False when the connection is then closed."""
        request.record.status = answer.status
        keep = request.keep_alive
        if isinstance(answer, Reply):
            data = encode_reply(
                answer, request.request_id, keep, request.method == "HEAD"
            )
        else:
            data = encode_stream(answer, request.request_id, keep)
            keep = keep and not answer.drops
        self.transport.write(data)
        if not keep:
            self.transport.close()
        return keep

    async def _answer_later(self, request: Request, pending) -> None:
        try:
            answer = (
                pending if isinstance(pending, Reply | StreamReply) else await pending
            )
            if self.gone:
                return
            if isinstance(answer, StreamReply) and answer.pacing:
                keep = await self._write_paced(request, answer)
            else:
                keep = self._write(request, answer)
        except asyncio.CancelledError:
            return
        except Exception:
            log.exception("mock gateway bug while answering %s", request.path)
            self.transport.close()
            return
        self.busy = False
        if keep:
            self._next()

    async def _write_paced(self, request: Request, stream: StreamReply) -> bool:
        """Head and first event, then one write per event, ``pacing`` apart."""
        request.record.status = stream.status
        keep = request.keep_alive and not stream.drops
        frames = stream.frames[: stream.cut]
        self.transport.write(stream_head(stream, request.request_id, keep))
        for index, frame in enumerate(frames):
            if index:
                await asyncio.sleep(stream.pacing)
            if self.gone:
                return False
            self.transport.write(chunk(frame))
        self.transport.write(stream_tail(stream))
        if not keep:
            self.transport.close()
        return keep

    async def wait_gone(self, timeout: float) -> None:
        """Wait until the client disconnects, the server stops or ``timeout`` passes."""
        if self.gone:
            return
        waiter = self.loop.create_future()
        self.waiters.add(waiter)
        self.shared.hangs.add(waiter)
        try:
            await asyncio.wait_for(asyncio.shield(waiter), timeout)
        except TimeoutError:
            pass
        finally:
            self.waiters.discard(waiter)
            self.shared.hangs.discard(waiter)

    # -- the connection's clock ----------------------------------------------------
    def _arm(self, seconds: float) -> None:
        """Set the deadline; the one timer is moved only when it must fire sooner."""
        self.deadline = self.loop.time() + seconds
        if self.timer is not None and self.timer_at <= self.deadline:
            return
        if self.timer is not None:
            self.timer.cancel()
        self.timer_at = self.deadline
        self.timer = self.loop.call_at(self.deadline, self._on_timer)

    def _on_timer(self) -> None:
        self.timer = None
        if self.gone or self.busy:
            return  # the end of the answer sets the next deadline
        if self.loop.time() < self.deadline:
            self.timer_at = self.deadline
            self.timer = self.loop.call_at(self.deadline, self._on_timer)
            return
        if self.phase == IDLE:
            self.transport.close()
            return
        what = "request head" if self.phase == HEAD else "request body"
        self.discard = True
        self.queue.append((408, f"the {what} did not arrive in time"))
        self._next()
