"""The feature vocabulary, written once: id, the surfaces it applies to, a title.

Everything else is derived from :data:`FEATURE_TABLE`: ``FEATURES`` (id -> surfaces),
``FEATURE_TITLES`` (id -> title), the ``FeatureId`` type the schema validates against.
Adding a feature is one line here plus its entries in profile.yaml.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

SURFACES: tuple[str, ...] = ("anthropic", "openai")
SUPPORTS: tuple[str, ...] = ("works", "ignored", "rejected", "broken")
STATUSES: tuple[str, ...] = ("verified", "documented", "conflicting", "assumed")

Support = Literal["works", "ignored", "rejected", "broken"]
Status = Literal["verified", "documented", "conflicting", "assumed"]
Surface = Literal["anthropic", "openai"]


class Feature(NamedTuple):
    id: str
    surfaces: tuple[str, ...]
    title: str  # a short human label (docs tables, probe output)


_BOTH = SURFACES
_ANTHROPIC = ("anthropic",)
_OPENAI = ("openai",)

FEATURE_TABLE: tuple[Feature, ...] = (
    Feature("text", _BOTH, "Plain text"),
    Feature("system", _BOTH, "System prompt"),
    Feature("max_tokens", _BOTH, "max_tokens"),
    Feature("sampling", _BOTH, "temperature / top_p"),
    Feature("stop_sequences", _BOTH, "Stop sequences"),
    Feature("streaming", _BOTH, "Streaming"),
    Feature("tools", _BOTH, "Tools"),
    Feature("tool_choice_auto", _BOTH, "tool_choice auto"),
    Feature("tool_choice_any", _BOTH, "tool_choice any / required"),
    Feature("tool_choice_tool", _BOTH, "tool_choice named tool"),
    Feature("tool_choice_none", _BOTH, "tool_choice none"),
    Feature("tool_call_deltas", _OPENAI, "Tool-call deltas in the stream"),
    Feature("thinking_enabled", _BOTH, "Thinking (enabled)"),
    Feature("thinking_adaptive", _ANTHROPIC, "Thinking (adaptive)"),
    Feature("reasoning_effort", _OPENAI, "reasoning_effort"),
    Feature("cache_explicit", _ANTHROPIC, "Prompt cache (cache_control)"),
    Feature("cache_automatic", _BOTH, "Prompt cache (automatic)"),
    Feature("json_mode", _OPENAI, "JSON mode"),
    Feature("image_blocks", _BOTH, "Image input"),
    Feature("document_blocks", _ANTHROPIC, "Document blocks"),
    Feature("mcp_servers", _ANTHROPIC, "MCP servers"),
    Feature("server_tools", _ANTHROPIC, "Server tools"),
    Feature("anthropic_beta", _ANTHROPIC, "anthropic-beta header"),
    Feature("count_tokens", _ANTHROPIC, "count_tokens"),
)

#: Feature id -> the surfaces it applies to (fixed vocabulary shared by mock and probe).
FEATURES: dict[str, tuple[str, ...]] = {f.id: f.surfaces for f in FEATURE_TABLE}
#: Feature id -> a short human label (docs tables, probe output).
FEATURE_TITLES: dict[str, str] = {f.id: f.title for f in FEATURE_TABLE}
FEATURE_IDS: tuple[str, ...] = tuple(FEATURES)
FeatureId = Literal[FEATURE_IDS]  # type: ignore[valid-type]
