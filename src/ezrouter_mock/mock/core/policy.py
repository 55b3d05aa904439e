"""The one place where profile facts become per-request behaviour.

The surfaces and the engine never read the profile: they receive a :class:`Policy`.
It answers, per model, surface and feature, whether the gateway serves a feature
(``works``), drops it silently (``ignored``: the field is stripped here), refuses it
(``rejected``: a 400 naming the field) or serves it wrongly (``broken``: flagged on the
request for the renderer); it says which documented divergences are on, and which
error code and type each HTTP status carries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .errors import GatewayError, bad_request
from .model import ChatRequest, MediaPart, ToolChoice

_FEATURE_LABELS = {
    "mcp_servers": "MCP servers are not supported on the gateway",
    "server_tools": "server tools (web search, code execution, ...) are not "
    "supported on the gateway",
    "image_blocks": "image content blocks are not supported",
    "document_blocks": "document content blocks are not supported",
}


class Policy:
    """Memoised profile lookups: O(1) per request, whatever the catalog size.

    ``divergences_off`` turns documented divergences off by id (an unknown id is an
    error); the affected cells then behave as upstream does.
    """

    def __init__(self, profile, divergences_off: Iterable[str] = ()) -> None:
        off = set(divergences_off)
        if off:
            profile = profile.without_divergences(off)
        self.profile = profile  # the one in force, divergences turned off applied
        self._models = {m.id: m for m in profile.models}
        self._divergences = {d.id: d for d in profile.divergences}
        self._memo: dict[tuple[str, str, str], str] = {}
        self.codes = _error_codes(profile)
        self.models = profile.models

    # -- facts ---------------------------------------------------------------------
    def support(self, model_id: str, surface: str, feature: str) -> str:
        """works | ignored | rejected | broken. An unknown model, surface or feature
        is a KeyError: a surface that records a feature the profile does not know
        is a bug, never silently "works"."""
        key = (model_id, surface, feature)
        found = self._memo.get(key)
        if found is None:
            found = self.profile.support(model_id, surface, feature)
            self._memo[key] = found
        return found

    def divergence_on(self, div_id: str, surface: str) -> bool:
        """Whether a documented divergence is on for this surface."""
        div = self._divergences[div_id]
        return div.enabled and div.surface in (None, surface)

    def streams(self, req: ChatRequest) -> bool:
        """Whether the answer goes out as SSE: asked for, or forced (always_sse)."""
        return req.stream or self.divergence_on("always_sse", req.surface)

    def drops_reasoning(self, surface: str) -> bool:
        """Whether earlier turns' reasoning is dropped before the model sees it."""
        return self.divergence_on("reasoning_content_dropped", surface)

    # -- per request -----------------------------------------------------------------
    def check_model(self, req: ChatRequest) -> None:
        self.check_model_id(req.model)

    def check_catalog(self, body: dict) -> None:
        """An id outside the catalog gets the 403 before any other body check: the
        gateway picks a route by model first, so a client with a default model the
        catalog lacks (Claude Code's) must see that cause, not an unrelated 400."""
        model = body.get("model")
        if isinstance(model, str):
            self.check_model_id(model)

    def check_model_id(self, model_id: str) -> None:
        """The profile's 403 for an id outside the catalog."""
        if model_id not in self._models:
            raise GatewayError(
                403,
                f"model {model_id!r} is not in the gateway catalog; "
                "pick an id from GET /v1/models",
                param="model",
            )

    def apply(self, req: ChatRequest) -> ChatRequest:
        """Reject, strip or flag each feature the request uses, as the profile says."""
        self.check_model(req)
        req.features.setdefault("text", "model")
        for feature, field in list(req.features.items()):
            support = self.support(req.model, req.surface, feature)
            if support == "rejected":
                label = _FEATURE_LABELS.get(feature, f"{feature} is not supported")
                raise bad_request(
                    field, f"{label} for model {req.model} on the {req.surface} surface"
                )
            if support == "ignored":
                _IGNORE.get(feature, _noop)(req)
            elif support == "broken":
                req.broken.add(feature)
        # the automatic cache runs only where the profile says it works, at the
        # granularity the profile gives the model (kv-cache: claude counts to the token)
        req.auto_cache = "cache_automatic" in req.features and (
            self.support(req.model, req.surface, "cache_automatic") == "works"
        )
        req.auto_cache_chunk = self._models[req.model].auto_cache_chunk
        return req


def _error_codes(profile) -> dict[int, tuple[str, str]]:
    """HTTP status -> (code, type) from the profile's error table (first row wins)."""
    table: dict[int, tuple[str, str]] = {}
    for err in profile.errors:
        if err.code and err.type and err.http not in table:
            table[err.http] = (err.code, err.type)
    return table


# -- what "ignored" strips ------------------------------------------------------------


def _noop(req: ChatRequest) -> None:
    return None


def _strip_tools(req: ChatRequest) -> None:
    req.tools = []
    req.tool_choice = ToolChoice("auto")


def _choice_auto(req: ChatRequest) -> None:
    req.tool_choice = ToolChoice("auto")


def _strip_thinking(req: ChatRequest) -> None:
    req.thinking = None


def _strip_cache_marks(req: ChatRequest) -> None:
    for tool in req.tools:
        tool.cache = None
    for part in req.system:
        part.cache = None
    for message in req.messages:
        for part in message.parts:
            if hasattr(part, "cache"):
                part.cache = None


def _strip_media(kind: str) -> Callable[[ChatRequest], None]:
    def strip(req: ChatRequest) -> None:
        for message in req.messages:
            message.parts = [
                p
                for p in message.parts
                if not (isinstance(p, MediaPart) and p.kind == kind)
            ]

    return strip


_IGNORE: dict[str, Callable[[ChatRequest], None]] = {
    "system": lambda req: setattr(req, "system", []),
    "max_tokens": lambda req: setattr(req, "max_tokens", None),
    "stop_sequences": lambda req: setattr(req, "stop", []),
    "tools": _strip_tools,
    "tool_choice_auto": _choice_auto,
    "tool_choice_any": _choice_auto,
    "tool_choice_tool": _choice_auto,
    "tool_choice_none": _choice_auto,
    "thinking_enabled": _strip_thinking,
    "thinking_adaptive": _strip_thinking,
    "reasoning_effort": _strip_thinking,
    "cache_explicit": _strip_cache_marks,
    "json_mode": lambda req: (
        setattr(req, "json_mode", False),
        setattr(req, "json_schema", None),
    ),
    "image_blocks": _strip_media("image"),
    "document_blocks": _strip_media("document"),
}
