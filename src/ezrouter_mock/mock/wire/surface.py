"""The contract every wire format implements: the HTTP layer has no per-surface code.

A surface is a package (``anthropic/``, ``openai/``) whose ``__init__`` provides these
names; the routes are generated from the list in ``__init__.py`` of this package, so a
third wire format is one new package and one line there.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol, runtime_checkable

from ..core.errors import ErrorCodes, GatewayError
from ..core.model import ChatRequest, ChatResponse
from ..core.policy import Policy


@runtime_checkable
class Surface(Protocol):
    NAME: str  # the profile's surface id
    BASE: str  # the base path a client is configured with ("/v1", "/anthropic")
    CHAT_PATH: str  # POST: one generation
    MODELS_PATH: str  # GET: the catalog; GET MODELS_PATH/{id}: one model
    INFO_PATHS: tuple[str, ...]  # GET/HEAD paths that answer INFO (may be empty)
    INFO: dict | None
    KEY_HEADERS: tuple[str, ...]  # request headers that may carry the API key
    STREAM_FAILURE: int  # status reported by a queued mid-stream failure

    def check(
        self, operation: str, body: dict | None, query: Mapping[str, str]
    ) -> None:
        """Reject, before parsing, what the upstream API's own spec rejects (a 400
        naming the field). ``operation`` is "chat", "count" or "models"; ``body`` is
        None for a GET, whose query is then checked."""
        ...

    def parse(
        self, body: dict, headers: Mapping[str, str], policy: Policy
    ) -> ChatRequest:
        """A request body -> the internal request, the policy applied. Raises
        GatewayError (a 400 naming the field) for anything the surface refuses."""
        ...

    def render_json(self, req: ChatRequest, resp: ChatResponse) -> dict:
        """The answer as one JSON object."""
        ...

    def render_sse(self, req: ChatRequest, resp: ChatResponse) -> list[bytes]:
        """The answer as encoded SSE frames, in order."""
        ...

    def error_frame(
        self, err: GatewayError, request_id: str, codes: ErrorCodes
    ) -> bytes:
        """A failure after the stream has started, as one SSE frame."""
        ...

    def catalog(self, models) -> dict:
        """The model list, in this surface's shape."""
        ...

    def catalog_entry(self, model) -> dict:
        """One model, in this surface's shape."""
        ...


@runtime_checkable
class TokenCounter(Surface, Protocol):
    """A surface that also counts a request's input tokens without answering it."""

    COUNT_PATH: str

    def parse_count(
        self, body: dict, headers: Mapping[str, str], policy: Policy
    ) -> ChatRequest: ...

    def count_json(self, total: int) -> dict: ...
