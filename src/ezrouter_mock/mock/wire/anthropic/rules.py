"""Rules across a whole Anthropic request, checked after its fields parse: every
tool_use answered by a tool_result (and nothing else), cache breakpoints in order, and
the thinking block an answered tool call must start with."""

from __future__ import annotations

from ...core.errors import bad_request
from ...core.model import (
    ChatRequest,
    Message,
    ThinkingPart,
    ToolCallPart,
    ToolResultPart,
)


def check_pairing(messages: list[Message], raw: list) -> None:
    """Every tool_use id is unique in the conversation, every tool_result answers a
    tool_use of the assistant turn right before it, and every tool_use is answered
    in the next user turn (as Anthropic requires)."""
    seen: set[str] = set()
    for i, message in enumerate(messages):
        for j, part in enumerate(message.parts):
            if isinstance(part, ToolCallPart):
                if part.id in seen:
                    raise bad_request(
                        f"messages[{i}].content[{j}].id",
                        f"tool_use ids must be unique; {part.id!r} is used twice",
                    )
                seen.add(part.id)
    for i, message in enumerate(messages):
        results = [
            (j, p) for j, p in enumerate(message.parts) if isinstance(p, ToolResultPart)
        ]
        calls = {}
        if i > 0 and messages[i - 1].role == "assistant":
            calls = {
                p.id: p for p in messages[i - 1].parts if isinstance(p, ToolCallPart)
            }
        for _, part in results:
            call = calls.get(part.tool_call_id)
            if call is None:
                at = next(
                    k
                    for k, b in enumerate(raw[i]["content"])
                    if isinstance(b, dict)
                    and b.get("type") == "tool_result"
                    and b.get("tool_use_id") == part.tool_call_id
                )
                raise bad_request(
                    f"messages[{i}].content[{at}].tool_use_id",
                    f"tool_result refers to {part.tool_call_id!r}, which is not "
                    "a tool_use id in the previous assistant message",
                )
            part.tool_name = call.name
        if message.role == "assistant" and i + 1 < len(messages):
            answered = {
                p.tool_call_id
                for p in messages[i + 1].parts
                if isinstance(p, ToolResultPart)
            }
            for part in message.parts:
                if isinstance(part, ToolCallPart) and part.id not in answered:
                    raise bad_request(
                        f"messages[{i + 1}].content",
                        f"tool_use {part.id!r} in messages[{i}] has no matching "
                        "tool_result block",
                    )


def check_breakpoints(req: ChatRequest) -> None:
    marks = [t.cache for t in req.tools] + [p.cache for p in req.system]
    for message in req.messages:
        marks += [getattr(p, "cache", None) for p in message.parts]
    found = [m for m in marks if m is not None]
    if len(found) > 4:
        raise bad_request(
            "cache_control",
            f"at most 4 blocks may carry cache_control, found {len(found)}",
        )
    ttls = [m.ttl for m in found]
    if any(later > earlier for earlier, later in zip(ttls, ttls[1:], strict=False)):
        raise bad_request(
            "cache_control.ttl", 'a "1h" breakpoint may not come after a "5m" one'
        )


def check_thinking_loop(req: ChatRequest) -> None:
    """With thinking on, an assistant turn whose tool calls are being answered must
    start with its thinking block, as Anthropic requires (call after the profile is
    applied, so models that ignore thinking are not held to it)."""
    if req.thinking is None or len(req.messages) < 2:
        return
    last, previous = req.messages[-1], req.messages[-2]
    answering = any(isinstance(p, ToolResultPart) for p in last.parts)
    calls = any(isinstance(p, ToolCallPart) for p in previous.parts)
    if answering and calls and previous.role == "assistant":
        if not previous.parts or not isinstance(previous.parts[0], ThinkingPart):
            index = len(req.messages) - 2
            raise bad_request(
                f"messages[{index}].content[0]",
                "with thinking enabled, an assistant message with tool_use must start "
                "with its thinking or redacted_thinking block; send it back unchanged",
            )
