"""The internal representation both surfaces parse into and render from.

A surface module turns its wire format into a :class:`ChatRequest`, the engine answers
with a :class:`ChatResponse`, and the same surface renders that answer back as JSON or
SSE. Nothing here knows either wire format, so the engine never does either.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Role = Literal["user", "assistant"]
StopReason = Literal["end_turn", "max_tokens", "stop_sequence", "tool_use"]


@dataclass
class CacheMark:
    """A cache breakpoint (Anthropic ``cache_control``); ttl in seconds."""

    ttl: int = 300


@dataclass
class TextPart:
    text: str
    cache: CacheMark | None = None


@dataclass
class MediaPart:
    """An image or document block; the engine only counts it, it never reads it."""

    kind: Literal["image", "document"]
    size: int  # characters of payload (base64 data or URL), used for token counting
    digest: str  # hash of the payload, so a cached prefix notices a different image
    cache: CacheMark | None = None


@dataclass
class ToolCallPart:
    """A tool call made by the assistant. ``id`` is the wire id, kept for pairing."""

    id: str
    name: str
    input: dict
    cache: CacheMark | None = None


@dataclass
class ToolResultPart:
    tool_call_id: str
    content: str
    is_error: bool = False
    tool_name: str | None = None  # resolved by the surface from the paired call
    cache: CacheMark | None = None


@dataclass
class ThinkingPart:
    """Reasoning text. ``signature`` is the Anthropic-style proof it was not edited."""

    thinking: str
    signature: str | None = None
    billed: bool = (
        False  # prior-turn Anthropic thinking is not input; kept reasoning is
    )
    #: an Anthropic ``redacted_thinking`` block: ``thinking`` holds its opaque data
    redacted: bool = False


Part = TextPart | MediaPart | ToolCallPart | ToolResultPart | ThinkingPart


@dataclass
class Message:
    role: Role
    parts: list[Part]


@dataclass
class Tool:
    name: str
    description: str
    schema: dict
    cache: CacheMark | None = None


@dataclass
class ToolChoice:
    mode: Literal["auto", "any", "tool", "none"] = "auto"
    name: str | None = None


@dataclass
class Thinking:
    """Requested reasoning. ``effort`` is already mapped to ezrouter's levels."""

    mode: Literal["enabled", "adaptive"]
    budget: int | None = None
    effort: str = "high"


@dataclass
class ChatRequest:
    surface: str
    model: str
    messages: list[Message]
    system: list[TextPart] = field(default_factory=list)
    max_tokens: int | None = None
    stop: list[str] = field(default_factory=list)
    stream: bool = False
    tools: list[Tool] = field(default_factory=list)
    tool_choice: ToolChoice = field(default_factory=ToolChoice)
    thinking: Thinking | None = None
    json_mode: bool = False
    json_schema: dict | None = None
    # feature id -> request field that used it; checked against the profile
    features: dict[str, str] = field(default_factory=dict)
    # set by the policy from the profile
    broken: set[str] = field(default_factory=set)
    auto_cache: bool = False
    # granularity of automatic cache reads in tokens; None: whole blocks, to the token
    auto_cache_chunk: int | None = None


@dataclass
class Usage:
    input_tokens: int  # uncached input (Anthropic meaning)
    output_tokens: int
    cache_read: int = 0
    cache_creation: int = 0
    cache_creation_1h: int = 0
    reasoning_tokens: int = 0

    @property
    def prompt_tokens(self) -> int:
        """All input, cached or not (the OpenAI meaning, which ezrouter documents)."""
        return self.input_tokens + self.cache_read + self.cache_creation


@dataclass
class ChatResponse:
    id_seed: str  # hex digest; each surface turns it into its own id format
    model: str
    parts: list[Part]
    stop_reason: StopReason
    usage: Usage
    stop_sequence: str | None = None
    created: int = 0  # unix seconds by the instance's wall clock (OpenAI `created`)
