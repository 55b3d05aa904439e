"""The ezrouter error envelope.

ezrouter documents one envelope for every non-2xx answer on both surfaces:
``{"error": {"code": ..., "message": ..., "type": ...}}``, with the request id embedded
in the message as ``(request id: ...)``. Everything that can go wrong in the mock raises
:class:`GatewayError`; the app turns it into that envelope in exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import jsontext

# Defaults used when the profile lists no error code for a status. The 401 and 403 rows
# are documented by ezrouter; the others are assumptions in the same style.
_DEFAULTS: dict[int, tuple[str, str]] = {
    400: ("invalid_request", "new_api_error"),
    401: ("invalid_api_key", "authentication_error"),
    403: ("access_denied", "new_api_error"),
    404: ("not_found", "new_api_error"),
    405: ("method_not_allowed", "new_api_error"),
    413: ("request_too_large", "new_api_error"),
    415: ("unsupported_media_type", "new_api_error"),
    429: ("rate_limit_exceeded", "upstream_error"),
    500: ("internal_error", "upstream_error"),
    502: ("bad_gateway", "upstream_error"),
    503: ("service_unavailable", "upstream_error"),
    504: ("gateway_timeout", "upstream_error"),
    529: ("overloaded", "upstream_error"),
}


#: HTTP status -> (code, type), from the profile's error table (see policy.py)
ErrorCodes = dict[int, tuple[str, str]]


@dataclass
class GatewayError(Exception):
    """An error answer: HTTP status plus the envelope fields.

    ``param`` names the offending request field (``messages[0].content``); it is put
    at the front of the message so a reader sees which field was wrong.
    """

    status: int
    message: str
    code: str | None = None
    type: str | None = None
    param: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def resolved(
        self, codes: dict[int, tuple[str, str]] | None = None
    ) -> tuple[str, str]:
        """(code, type): explicit values, else the profile's table, else defaults."""
        fallback = (
            "error",
            "upstream_error" if self.status >= 500 else "new_api_error",
        )
        code, etype = (codes or {}).get(self.status) or _DEFAULTS.get(
            self.status, fallback
        )
        return self.code or code, self.type or etype

    def envelope(self, request_id: str, codes: dict | None = None) -> dict:
        code, etype = self.resolved(codes)
        text = self.message
        if self.param and not text.startswith(self.param):
            text = f"{self.param}: {text}"
        return {
            "error": {
                "code": code,
                "message": f"{text} (request id: {request_id})",
                "type": etype,
            }
        }

    def body(self, request_id: str, codes: dict | None = None) -> bytes:
        return jsontext.dumps(self.envelope(request_id, codes))


def bad_request(param: str, message: str) -> GatewayError:
    """A 400 that names the field at fault."""
    return GatewayError(400, message, param=param)
