"""What a route answers, and the bytes that answer is on the wire.

A :class:`Reply` is a whole response (status, body, extra headers); a
:class:`StreamReply` is an answer as Server-Sent Events, possibly paced and possibly
broken by a queued fault. Both are encoded here in as few pieces as the pacing
allows: a JSON answer is one buffer (status line, headers and body), and so is a whole
stream when the pacing is 0, so each costs one write and one packet.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import formatdate
from http import HTTPStatus

from .faults import Fault

REQUEST_ID_HEADER = "x-oneapi-request-id"

_STATUS = {
    s.value: b"HTTP/1.1 %d %s\r\n" % (s.value, s.phrase.encode()) for s in HTTPStatus
}
_JSON = b"application/json"
_SSE_HEAD = (
    b"content-type: text/event-stream; charset=utf-8\r\n"
    b"cache-control: no-cache\r\ntransfer-encoding: chunked\r\n"
)
_LAST_CHUNK = b"0\r\n\r\n"
_date = [0, b""]


@dataclass(slots=True)
class Reply:
    """A complete answer. ``content_type`` None sends no body headers but a length."""

    status: int = 200
    body: bytes = b""
    content_type: bytes | None = _JSON
    headers: dict[str, str] | None = None


@dataclass(slots=True)
class StreamReply:
    """An answer as SSE frames. A ``break_stream`` fault cuts the frames half-way,
    then either sends ``error_frame()`` (built only then) or drops the connection."""

    frames: list[bytes]
    fault: Fault | None
    error_frame: Callable[[], bytes]
    pacing: float = 0.0
    status: int = 200

    @property
    def cut(self) -> int | None:
        broken = self.fault is not None and self.fault.break_stream
        return len(self.frames) // 2 if broken else None

    @property
    def drops(self) -> bool:
        return self.fault is not None and self.fault.break_stream == "drop"


def _date_header() -> bytes:
    now = int(time.time())
    if now != _date[0]:
        _date[1] = formatdate(now, usegmt=True).encode()
        _date[0] = now
    return _date[1]


def _head(status: int, request_id: str, keep_alive: bool) -> bytes:
    line = _STATUS.get(status) or b"HTTP/1.1 %d Error\r\n" % status
    head = b"%sdate: %s\r\nserver: ezrouter-mock\r\n%s: %s\r\n" % (
        line,
        _date_header(),
        REQUEST_ID_HEADER.encode(),
        request_id.encode(),
    )
    return head if keep_alive else head + b"connection: close\r\n"


def _extra(headers: dict[str, str] | None) -> bytes:
    if not headers:
        return b""
    return "".join(f"{k}: {v}\r\n" for k, v in headers.items()).encode("latin-1")


def encode_reply(
    reply: Reply, request_id: str, keep_alive: bool, head_only: bool = False
) -> bytes:
    """The whole response as one buffer (no body for a HEAD request)."""
    body = reply.body
    out = _head(reply.status, request_id, keep_alive) + _extra(reply.headers)
    if reply.content_type is not None:
        out += b"content-type: %s\r\n" % reply.content_type
    out += b"content-length: %d\r\n\r\n" % len(body)
    return out if head_only else out + body


def chunk(data: bytes) -> bytes:
    """One chunk of a chunked body (empty data gives nothing: that would end it)."""
    return b"%x\r\n%s\r\n" % (len(data), data) if data else b""


def stream_head(stream: StreamReply, request_id: str, keep_alive: bool) -> bytes:
    return _head(stream.status, request_id, keep_alive) + _SSE_HEAD + b"\r\n"


def stream_tail(stream: StreamReply) -> bytes:
    """What follows the frames: the error frame and the last chunk, or (for a drop)
    nothing, the connection being closed instead."""
    if stream.drops:
        return b""
    tail = chunk(stream.error_frame()) if stream.cut is not None else b""
    return tail + _LAST_CHUNK


def encode_stream(stream: StreamReply, request_id: str, keep_alive: bool) -> bytes:
    """A whole unpaced stream as one buffer: head, the frames in one chunk, the tail."""
    frames = stream.frames[: stream.cut]
    return (
        stream_head(stream, request_id, keep_alive)
        + chunk(b"".join(frames))
        + stream_tail(stream)
    )
