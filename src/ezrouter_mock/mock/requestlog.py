"""One line per request a running mock serves, so a reader sees their calls arrive.

    POST /anthropic/v1/messages  claude-sonnet-4-6  200  3 ms
    POST /v1/chat/completions  glm-5.1  200  2 ms  stream

The line is built from the journal record the HTTP layer keeps anyway (method, path,
the body's ``model``, the status), never from headers, so no key can reach it. It is
written when the answer's status is set, that is when the answer starts: the time is
until the answer (for a stream, until its first bytes; the stream itself may run on).

It hooks in from outside the HTTP layer: :func:`log_requests` swaps the mock's journal,
before the mock starts, for a :class:`LoggingJournal` that stamps each record as it is
appended and watches that record's ``status``. Only the records of a mock that logs pay
for the watching.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from typing import TextIO

from .http.journal import Journal, RecordedRequest


class _Watched(RecordedRequest):
    """A journal record that reports itself once its status is set."""

    def __setattr__(self, name: str, value: object) -> None:
        object.__setattr__(self, name, value)
        if name == "status" and value is not None:
            listener = self.extra.pop("ezrouter.on_status", None)
            if listener is not None:
                listener(self)


class LoggingJournal(Journal):
    """A :class:`Journal` that calls ``on_answer(record, seconds)`` once per request."""

    def __init__(
        self,
        on_answer: Callable[[RecordedRequest, float], None],
        max_entries: int = 1000,
        max_bytes: int = 32 * 1024 * 1024,
    ):
        super().__init__(max_entries, max_bytes)
        self._on_answer = on_answer

    def append(self, entry: RecordedRequest) -> None:
        started = time.perf_counter()

        def answered(record: RecordedRequest) -> None:
            self._on_answer(record, time.perf_counter() - started)

        if type(entry) is RecordedRequest:
            entry.__class__ = _Watched
        entry.extra["ezrouter.on_status"] = answered
        super().append(entry)
        if entry.status is not None:  # answered before it was journaled
            entry.extra.pop("ezrouter.on_status", None)
            answered(entry)


#: ``"model": "..."`` in a body the journal kept cut (Claude Code sends ~100 KB).
_MODEL = re.compile(rb'"model"\s*:\s*"([^"\\]{1,200})"')


def model_of(record: RecordedRequest) -> str:
    """The ``model`` the request body names, or ``-``."""
    body = record.json
    model = body.get("model") if isinstance(body, dict) else None
    if model is None and record.truncated:
        found = _MODEL.search(record.raw)
        model = found.group(1).decode("utf-8", "replace") if found else None
    return model if isinstance(model, str) and model else "-"


def format_line(record: RecordedRequest, seconds: float) -> str:
    """``METHOD PATH  MODEL  STATUS  N ms`` (and ``stream`` for an SSE answer)."""
    line = (
        f"{record.method} {record.path}  {model_of(record)}  {record.status}  "
        f"{seconds * 1000:.0f} ms"
    )
    return line + ("  stream" if record.stream else "")


def log_requests(mock, stream: TextIO | None = None) -> None:
    """Make ``mock`` (a :class:`MockServer`, not started yet) write a line per request
    to ``stream`` (default: stdout)."""

    def write(record: RecordedRequest, seconds: float) -> None:
        out = stream or sys.stdout
        try:
            out.write(format_line(record, seconds) + "\n")
            out.flush()
        except (OSError, ValueError):  # stdout closed or a broken pipe: stop logging
            pass

    old = mock.state.journal
    mock.state.journal = LoggingJournal(write, old.max_entries, old.max_bytes)
