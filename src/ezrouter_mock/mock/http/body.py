"""Reading a request body: size, content type, encoding, JSON, nesting depth.

Each check fails with ezrouter's envelope and a message that names the problem, so no
body a client sends can reach the parsers in a shape they do not expect.
"""

from __future__ import annotations

import json
import re

from starlette.requests import Request

from ..core.errors import GatewayError, bad_request

JOURNAL_BODY_LIMIT = 1024 * 1024  # bodies above this are summarised in the journal
_SURROGATE = re.compile("[\ud800-\udfff]")


async def read_json(request: Request, max_bytes: int, max_depth: int) -> dict:
    """The body as a JSON object; also recorded on the request's journal record."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise GatewayError(
            413, f"request body is larger than {max_bytes} bytes", param="body"
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
        if size > max_bytes:
            raise GatewayError(
                413, f"request body is larger than {max_bytes} bytes", param="body"
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
    check_depth(data, max_depth)
    record = request.scope["ezrouter.record"]
    if len(raw) <= JOURNAL_BODY_LIMIT:
        record.json = data
    else:  # keep the journal's memory bounded: large bodies are summarised
        record.json = {"omitted": f"{len(raw)} bytes", "keys": sorted(data)}
    return data


def check_depth(data: object, limit: int) -> None:
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
