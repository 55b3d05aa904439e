"""Reading a request body: size, content type, encoding, JSON, nesting depth.

Each check fails with ezrouter's envelope and a message that names the problem, so no
body a client sends can reach the parsers in a shape they do not expect.
"""

from __future__ import annotations

from ..core import jsontext
from ..core.errors import GatewayError, bad_request
from .journal import Journal
from .request import Request


def _too_large(max_bytes: int) -> GatewayError:
    return GatewayError(
        413, f"request body is larger than {max_bytes} bytes", param="body"
    )


def read_json(
    request: Request, max_bytes: int, max_depth: int, journal: Journal
) -> dict:
    """The body as a JSON object; its bytes are kept on the request's journal record.

    A body declared larger than ``max_bytes`` was never read (413 first); one that
    turned out larger while it arrived (chunked) is a 413 after the type check."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(max_bytes)
    ctype = request.headers.get("content-type", "")
    media, *params = (p.strip().lower() for p in ctype.split(";"))
    charset = next((p[8:].strip('"') for p in params if p.startswith("charset=")), "")
    if media != "application/json" or charset not in ("", "utf-8", "utf8"):
        raise GatewayError(
            415,
            f"Content-Type must be application/json (UTF-8), got {ctype or 'none'!r}",
            param="content-type",
        )
    if request.too_large:
        raise _too_large(max_bytes)
    raw = request.body
    journal.keep_body(request.record, raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise bad_request(
            "body", f"the body is not valid UTF-8 (byte {exc.start})"
        ) from None
    if not text.strip():
        raise bad_request("body", "the body is empty; send a JSON object")
    try:
        data = jsontext.loads(text, max_depth)
    except jsontext.JSONTextError as exc:
        raise bad_request("body", str(exc)) from None
    if not isinstance(data, dict):
        raise bad_request("body", "the body must be a JSON object")
    return data
