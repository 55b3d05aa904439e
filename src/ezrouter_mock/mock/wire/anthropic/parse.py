"""Parsing Anthropic Messages (and count_tokens) bodies into the internal model.

Errors are 400s that name the field, in Anthropic's own validation order: tool names,
block roles, tool_use / tool_result pairing, cache breakpoints, the thinking loop.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

from ...core import signatures
from ...core.errors import bad_request
from ...core.model import (
    CacheMark,
    ChatRequest,
    MediaPart,
    Message,
    TextPart,
    Thinking,
    ThinkingPart,
    Tool,
    ToolCallPart,
    ToolChoice,
    ToolResultPart,
)
from ...core.policy import Policy
from .. import fields as F
from ..spec_check import check_json_schema
from .rules import check_breakpoints, check_pairing, check_thinking_loop

SURFACE = "anthropic"
MIN_THINKING_BUDGET = 1024
_TOOL_NAME_CHARS = set(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"
)
# Anthropic-defined tools that run on Anthropic's side; the gateway has no equivalent.
_SERVER_TOOL_PREFIXES = (
    "web_search",
    "web_fetch",
    "code_execution",
    "computer",
    "bash",
    "text_editor",
    "memory",
    "tool_search",
    "mcp",
)


def parse(body: dict, headers: Mapping[str, str], policy: Policy) -> ChatRequest:
    """A Messages body -> ChatRequest under the policy. Raises GatewayError."""
    req = policy.apply(_request(body, headers, count_only=False))
    check_thinking_loop(req)
    return req


def parse_count(body: dict, headers: Mapping[str, str], policy: Policy) -> ChatRequest:
    """A count_tokens body (no ``max_tokens``, never streamed) -> ChatRequest."""
    req = _request(body, headers, count_only=True)
    req.features["count_tokens"] = "model"
    return policy.apply(req)


def _request(body: dict, headers: Mapping[str, str], *, count_only: bool):
    model = F.get(body, "model", "", "str", required=True)
    features: dict[str, str] = {"text": "model"}
    max_tokens = None
    if not count_only:
        max_tokens = F.positive_int(body, "max_tokens", "", required=True)
        features["max_tokens"] = "max_tokens"
    raw_messages = F.get(body, "messages", "", "list", required=True)
    if not raw_messages:
        raise bad_request("messages", "at least one message is required")

    system = _system(body.get("system"), features)
    tools = _tools(body, features)
    choice = _tool_choice(body, tools, features)
    messages = _messages(raw_messages, features)

    stop = F.str_list(body, "stop_sequences", "")
    if stop:
        features["stop_sequences"] = "stop_sequences"
    stream = bool(F.get(body, "stream", "", "bool"))
    if stream and not count_only:
        features["streaming"] = "stream"
    for key, high in (("temperature", 1.0), ("top_p", 1.0)):
        if F.number_in(body, key, "", 0.0, high) is not None:
            features.setdefault("sampling", key)
    top_k = F.get(body, "top_k", "", "int")
    if top_k is not None:
        features.setdefault("sampling", "top_k")
    F.get(body, "metadata", "", "dict")

    thinking = _thinking(body, max_tokens, choice, features)
    mcp = body.get("mcp_servers")
    if mcp not in (None, []):
        features["mcp_servers"] = "mcp_servers"
        F.get(body, "mcp_servers", "", "list")
    beta = headers.get("anthropic-beta")
    if beta:
        features["anthropic_beta"] = "anthropic-beta"

    req = ChatRequest(
        surface=SURFACE,
        model=model,
        messages=messages,
        system=system,
        max_tokens=max_tokens,
        stop=stop,
        stream=stream,
        tools=tools,
        tool_choice=choice,
        thinking=thinking,
        features=features,
    )
    check_breakpoints(req)
    return req


def _cache_mark(block: dict, path: str, features: dict[str, str]) -> CacheMark | None:
    raw = block.get("cache_control")
    if raw is None:
        return None
    where = F.join(path, "cache_control")
    raw = F.obj(raw, where)
    if raw.get("type") != "ephemeral":
        raise bad_request(F.join(where, "type"), 'must be "ephemeral"')
    ttl = raw.get("ttl", "5m")
    if ttl not in ("5m", "1h"):
        raise bad_request(F.join(where, "ttl"), f'must be "5m" or "1h", got {ttl!r}')
    features.setdefault("cache_explicit", where)
    return CacheMark(3600 if ttl == "1h" else 300)


def _system(raw: object, features: dict[str, str]) -> list[TextPart]:
    if raw is None:
        return []
    features["system"] = "system"
    if isinstance(raw, str):
        return [TextPart(raw)] if raw else []
    if not isinstance(raw, list):
        raise bad_request("system", "expected a string or an array of text blocks")
    parts = []
    for i, block in enumerate(raw):
        path = f"system[{i}]"
        block = F.obj(block, path)
        if block.get("type") != "text":
            raise bad_request(
                F.join(path, "type"), 'system blocks must have type "text"'
            )
        text = F.get(block, "text", path, "str", required=True)
        parts.append(TextPart(text, _cache_mark(block, path, features)))
    return parts


def _tools(body: dict, features: dict[str, str]) -> list[Tool]:
    raw = F.get(body, "tools", "", "list")
    if not raw:
        return []
    tools: list[Tool] = []
    seen: set[str] = set()
    for i, block in enumerate(raw):
        path = f"tools[{i}]"
        block = F.obj(block, path)
        kind = block.get("type")
        if kind not in (None, "custom"):
            if not isinstance(kind, str):
                raise bad_request(F.join(path, "type"), "expected a string")
            if kind.startswith(_SERVER_TOOL_PREFIXES):
                features.setdefault("server_tools", F.join(path, "type"))
                continue
            raise bad_request(F.join(path, "type"), f"unknown tool type {kind!r}")
        name = F.get(block, "name", path, "str", required=True)
        if not name or len(name) > 128 or not set(name) <= _TOOL_NAME_CHARS:
            raise bad_request(
                F.join(path, "name"),
                "must be 1-128 characters of letters, digits, _ or -",
            )
        if name in seen:
            raise bad_request(F.join(path, "name"), f"tool name {name!r} is used twice")
        seen.add(name)
        description = F.get(block, "description", path, "str") or ""
        schema = F.get(block, "input_schema", path, "dict", required=True)
        if schema.get("type") != "object":
            raise bad_request(F.join(path, "input_schema.type"), 'must be "object"')
        check_json_schema(schema, F.join(path, "input_schema"))
        tools.append(
            Tool(name, description, schema, _cache_mark(block, path, features))
        )
    if tools:
        features["tools"] = "tools"
    return tools


def _tool_choice(body: dict, tools: list[Tool], features: dict[str, str]) -> ToolChoice:
    raw = F.get(body, "tool_choice", "", "dict")
    if raw is None:
        return ToolChoice("auto")
    mode = raw.get("type")
    if mode not in ("auto", "any", "tool", "none"):
        raise bad_request(
            "tool_choice.type", f"must be one of auto, any, tool, none; got {mode!r}"
        )
    F.get(raw, "disable_parallel_tool_use", "tool_choice", "bool")
    name = None
    if mode == "tool":
        name = F.get(raw, "name", "tool_choice", "str", required=True)
        if name not in {t.name for t in tools}:
            raise bad_request("tool_choice.name", f"no tool named {name!r} in tools")
    elif mode in ("any",) and not tools:
        raise bad_request(
            "tool_choice", 'tool_choice "any" needs at least one tool in tools'
        )
    features[
        {
            "auto": "tool_choice_auto",
            "any": "tool_choice_any",
            "tool": "tool_choice_tool",
            "none": "tool_choice_none",
        }[mode]
    ] = "tool_choice"
    return ToolChoice(mode, name)


def _thinking(
    body: dict, max_tokens: int | None, choice: ToolChoice, features
) -> Thinking | None:
    raw = F.get(body, "thinking", "", "dict")
    if raw is None:
        return None
    mode = raw.get("type")
    if mode == "disabled":
        return None
    if mode == "adaptive":
        features["thinking_adaptive"] = "thinking"
        result = Thinking("adaptive")
    elif mode == "enabled":
        budget = F.get(raw, "budget_tokens", "thinking", "int", required=True)
        if budget < MIN_THINKING_BUDGET:
            raise bad_request(
                "thinking.budget_tokens",
                f"must be at least {MIN_THINKING_BUDGET}, got {budget}",
            )
        if max_tokens is not None and budget >= max_tokens:
            raise bad_request(
                "thinking.budget_tokens",
                f"must be less than max_tokens ({max_tokens}), got {budget}",
            )
        features["thinking_enabled"] = "thinking"
        result = Thinking("enabled", budget=budget)
    else:
        raise bad_request(
            "thinking.type",
            f'must be "enabled", "adaptive" or "disabled"; got {mode!r}',
        )
    if choice.mode in ("any", "tool"):
        raise bad_request(
            "tool_choice", "thinking cannot be used when tool_choice forces tool use"
        )
    return result


def _messages(raw: list, features: dict[str, str]) -> list[Message]:
    messages: list[Message] = []
    for i, item in enumerate(raw):
        path = f"messages[{i}]"
        item = F.obj(item, path)
        role = F.get(item, "role", path, "str", required=True)
        if role not in ("user", "assistant"):
            raise bad_request(
                F.join(path, "role"), f'must be "user" or "assistant", got {role!r}'
            )
        content = item.get("content")
        last = i == len(raw) - 1
        if isinstance(content, str):
            if not content and not (last and role == "assistant"):
                raise bad_request(F.join(path, "content"), "must not be empty")
            parts = [TextPart(content)] if content else []
        elif isinstance(content, list):
            if not content and not (last and role == "assistant"):
                raise bad_request(F.join(path, "content"), "must not be empty")
            parts = [
                _block(block, role, F.join(F.join(path, "content"), j), features)
                for j, block in enumerate(content)
            ]
        elif content is None:
            raise bad_request(F.join(path, "content"), "this field is required")
        else:
            raise bad_request(
                F.join(path, "content"),
                "expected a string or an array of content blocks",
            )
        messages.append(Message(role, [p for p in parts if p is not None]))
    check_pairing(messages, raw)
    return messages


def _block(block: object, role: str, path: str, features: dict[str, str]):
    block = F.obj(block, path)
    kind = F.get(block, "type", path, "str", required=True)
    mark = None
    if kind == "text":
        text = F.get(block, "text", path, "str", required=True)
        return TextPart(text, _cache_mark(block, path, features))
    if kind in ("image", "document"):
        source = F.get(block, "source", path, "dict", required=True)
        payload = (
            source.get("data")
            or source.get("url")
            or json.dumps(source, sort_keys=True)
        )
        if not isinstance(payload, str):
            raise bad_request(
                F.join(path, "source"), "expected data or url to be a string"
            )
        features.setdefault(
            "image_blocks" if kind == "image" else "document_blocks", path
        )
        mark = _cache_mark(block, path, features)
        digest = hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[
            :16
        ]
        return MediaPart(kind, len(payload), digest, mark)
    if kind == "tool_use":
        _require_role(kind, role, "assistant", path)
        call_id = F.get(block, "id", path, "str", required=True)
        name = F.get(block, "name", path, "str", required=True)
        args = F.get(block, "input", path, "dict", required=True)
        return ToolCallPart(call_id, name, args, _cache_mark(block, path, features))
    if kind == "tool_result":
        _require_role(kind, role, "user", path)
        call_id = F.get(block, "tool_use_id", path, "str", required=True)
        is_error = bool(F.get(block, "is_error", path, "bool"))
        return ToolResultPart(
            call_id,
            _result_text(block.get("content"), F.join(path, "content")),
            is_error,
            cache=_cache_mark(block, path, features),
        )
    if kind == "thinking":
        _require_role(kind, role, "assistant", path)
        text = F.get(block, "thinking", path, "str", required=True)
        signature = F.get(block, "signature", path, "str", required=True)
        if not signatures.verify(text, signature):
            raise bad_request(
                F.join(path, "signature"),
                "the thinking block was modified or its signature is invalid",
            )
        return ThinkingPart(text, signature)
    if kind == "redacted_thinking":
        _require_role(kind, role, "assistant", path)
        data = F.get(block, "data", path, "str", required=True)
        return ThinkingPart(data, redacted=True)
    if kind in (
        "server_tool_use",
        "web_search_tool_result",
        "web_fetch_tool_result",
        "code_execution_tool_result",
        "mcp_tool_use",
        "mcp_tool_result",
    ):
        features.setdefault("server_tools", F.join(path, "type"))
        return None
    raise bad_request(F.join(path, "type"), f"unsupported content block type {kind!r}")


def _require_role(kind: str, role: str, allowed: str, path: str) -> None:
    """One rule and one wording for every block type that is tied to a role."""
    if role != allowed:
        raise bad_request(
            F.join(path, "type"),
            f"{kind} blocks may only appear in {allowed} messages",
        )


def _result_text(content: object, path: str) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if not isinstance(content, list):
        raise bad_request(path, "expected a string or an array of content blocks")
    texts = []
    for i, block in enumerate(content):
        block = F.obj(block, F.join(path, i))
        kind = block.get("type")
        if kind == "text":
            texts.append(F.get(block, "text", F.join(path, i), "str", required=True))
        elif kind not in ("image", "document", "search_result"):
            raise bad_request(
                F.join(F.join(path, i), "type"),
                f"unsupported block type {kind!r} in tool_result",
            )
    return "\n".join(texts)
