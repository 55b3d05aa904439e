"""Writing an answer as Server-Sent Events, with optional pacing and a queued break.

A ``break_stream`` fault cuts the frames half-way and then either sends the surface's
error frame or drops the connection (:class:`StreamDropped`, which uvicorn would log
as a crash: :func:`quiet_dropped_streams` keeps those deliberate drops out of the log).
"""

from __future__ import annotations

import asyncio
import logging

from starlette.responses import Response, StreamingResponse

from .faults import Fault


class StreamDropped(Exception):
    """Raised inside a stream to cut the connection (a queued ``drop`` fault)."""


def stream(
    frames: list[bytes], fault: Fault | None, error_frame: bytes, pacing: float
) -> Response:
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
        body(), media_type="text/event-stream", headers={"cache-control": "no-cache"}
    )


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


_FILTER = _QuietDrops()


def quiet_dropped_streams() -> None:
    """Keep deliberate drops out of uvicorn's error log (idempotent)."""
    logger = logging.getLogger("uvicorn.error")
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)
