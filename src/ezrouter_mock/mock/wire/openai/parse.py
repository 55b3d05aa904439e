"""Parsing OpenAI Chat Completions bodies into the internal model.

Errors are 400s that name the field. ezrouter's documented quirks on the way in live
here: the reasoning-effort mapping and (when the policy says so) earlier turns'
``reasoning_content`` dropped before the model sees it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from ...core import jsontext
from ...core.errors import bad_request
from ...core.model import (
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

SURFACE = "openai"
# ezrouter: low/medium are served as high, xhigh as max (thinking-mode page).
EFFORT_MAP = {
    "minimal": "high",
    "low": "high",
    "medium": "high",
    "high": "high",
    "max": "max",
    "xhigh": "max",
}


def parse(body: dict, headers: Mapping[str, str], policy: Policy) -> ChatRequest:
    """A Chat Completions body -> ChatRequest under the policy. Raises GatewayError."""
    model = F.get(body, "model", "", "str", required=True)
    raw_messages = F.get(body, "messages", "", "list", required=True)
    if not raw_messages:
        raise bad_request("messages", "at least one message is required")
    features: dict[str, str] = {"text": "model", "cache_automatic": "messages"}
    system, messages = _messages(
        raw_messages, features, policy.drops_reasoning(SURFACE)
    )

    max_tokens = F.positive_int(body, "max_completion_tokens", "", nullable=True)
    key = "max_completion_tokens"
    if max_tokens is None:
        max_tokens = F.positive_int(body, "max_tokens", "", nullable=True)
        key = "max_tokens"
    if max_tokens is not None:
        features["max_tokens"] = key
    if F.number_in(body, "temperature", "", 0.0, 2.0) is not None:
        features["sampling"] = "temperature"
    if F.number_in(body, "top_p", "", 0.0, 1.0) is not None:
        features.setdefault("sampling", "top_p")
    stop = F.str_list(body, "stop", "", max_items=4)
    if stop:
        features["stop_sequences"] = "stop"
    stream = bool(F.get(body, "stream", "", "bool", nullable=True))
    if stream:
        features["streaming"] = "stream"
    F.get(body, "stream_options", "", "dict", nullable=True)
    n = F.get(body, "n", "", "int", nullable=True)
    if n not in (None, 1):
        raise bad_request("n", f"only n=1 is supported, got {n}")
    for name in ("user", "user_id"):
        F.get(body, name, "", "str", nullable=True)

    tools = _tools(body, features)
    choice = _tool_choice(body, tools, features)
    if tools:
        features["tool_call_deltas"] = "tools"
    json_mode, json_schema = _response_format(body, features)
    thinking = _thinking(body, features)

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
        json_mode=json_mode,
        json_schema=json_schema,
        features=features,
    )
    return policy.apply(req)


def _text_of(content: object, path: str, features: dict[str, str], allow_media: bool):
    """Content (string or parts) -> list of internal parts."""
    if isinstance(content, str):
        return [TextPart(content)]
    if not isinstance(content, list):
        raise bad_request(path, "expected a string or an array of content parts")
    parts = []
    for j, item in enumerate(content):
        where = F.join(path, j)
        item = F.obj(item, where)
        kind = F.get(item, "type", where, "str", required=True)
        if kind == "text":
            parts.append(TextPart(F.get(item, "text", where, "str", required=True)))
        elif kind == "image_url" and allow_media:
            inner = F.get(item, "image_url", where, "dict", required=True)
            url = F.get(inner, "url", F.join(where, "image_url"), "str", required=True)
            features.setdefault("image_blocks", where)
            digest = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[
                :16
            ]
            parts.append(MediaPart("image", len(url), digest))
        else:
            raise bad_request(
                F.join(where, "type"), f"unsupported content part type {kind!r}"
            )
    return parts


def _messages(raw: list, features: dict[str, str], drop_reasoning: bool):
    system: list[TextPart] = []
    messages: list[Message] = []
    open_calls: dict[str, str] = {}  # id -> name, from the latest assistant turn
    pending_from: int | None = None
    for i, item in enumerate(raw):
        path = f"messages[{i}]"
        item = F.obj(item, path)
        role = F.get(item, "role", path, "str", required=True)
        F.get(item, "name", path, "str", nullable=True)
        content = item.get("content")
        if role != "tool" and open_calls and pending_from is not None:
            missing = ", ".join(sorted(open_calls))
            raise bad_request(
                f"messages[{i}]",
                f"the assistant message messages[{pending_from}] has tool_calls "
                "without tool "
                f"messages answering them ({missing})",
            )
        if role in ("system", "developer"):
            if content is None:
                raise bad_request(F.join(path, "content"), "this field is required")
            system += [
                p for p in _text_of(content, F.join(path, "content"), features, False)
            ]
            features["system"] = path
        elif role == "user":
            if content is None:
                raise bad_request(F.join(path, "content"), "this field is required")
            parts = _text_of(content, F.join(path, "content"), features, True)
            if not parts:
                raise bad_request(F.join(path, "content"), "must not be empty")
            messages.append(Message("user", parts))
        elif role == "assistant":
            parts = []
            reasoning = F.get(item, "reasoning_content", path, "str", nullable=True)
            if reasoning and not drop_reasoning:
                parts.append(ThinkingPart(reasoning, billed=True))
            if content is not None:
                parts += _text_of(content, F.join(path, "content"), features, False)
            calls = F.get(item, "tool_calls", path, "list", nullable=True) or []
            open_calls = {}
            for j, call in enumerate(calls):
                where = F.join(F.join(path, "tool_calls"), j)
                call = F.obj(call, where)
                call_id = F.get(call, "id", where, "str", required=True)
                fn = F.get(call, "function", where, "dict", required=True)
                name = F.get(
                    fn, "name", F.join(where, "function"), "str", required=True
                )
                args_text = F.get(
                    fn, "arguments", F.join(where, "function"), "str", required=True
                )
                try:
                    args = jsontext.loads(args_text) if args_text.strip() else {}
                except jsontext.JSONTextError as exc:
                    raise bad_request(
                        F.join(where, "function.arguments"), f"is {exc}"
                    ) from None
                if not isinstance(args, dict):
                    raise bad_request(
                        F.join(where, "function.arguments"), "must encode a JSON object"
                    )
                parts.append(ToolCallPart(call_id, name, args))
                open_calls[call_id] = name
            pending_from = i if open_calls else None
            if not parts and content is None:
                raise bad_request(
                    F.join(path, "content"),
                    "an assistant message needs content or tool_calls",
                )
            messages.append(Message("assistant", parts))
        elif role == "tool":
            call_id = F.get(item, "tool_call_id", path, "str", required=True)
            if call_id not in open_calls:
                raise bad_request(
                    F.join(path, "tool_call_id"),
                    f"{call_id!r} does not answer a tool call of the preceding "
                    "assistant message",
                )
            if content is None:
                raise bad_request(F.join(path, "content"), "this field is required")
            text = "".join(
                p.text
                for p in _text_of(content, F.join(path, "content"), features, False)
            )
            result = ToolResultPart(call_id, text, tool_name=open_calls.pop(call_id))
            if (
                messages
                and messages[-1].role == "user"
                and all(isinstance(p, ToolResultPart) for p in messages[-1].parts)
            ):
                messages[-1].parts.append(result)
            else:
                messages.append(Message("user", [result]))
        else:
            raise bad_request(
                F.join(path, "role"),
                f"unknown role {role!r}; "
                "use system, developer, user, assistant or tool",
            )
    if not messages:
        raise bad_request(
            "messages", "at least one user or assistant message is required"
        )
    return system, messages


def _tools(body: dict, features: dict[str, str]) -> list[Tool]:
    raw = F.get(body, "tools", "", "list", nullable=True)
    if not raw:
        return []
    tools = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        path = f"tools[{i}]"
        item = F.obj(item, path)
        if item.get("type", "function") != "function":
            raise bad_request(
                F.join(path, "type"), f'must be "function", got {item.get("type")!r}'
            )
        fn = F.get(item, "function", path, "dict", required=True)
        where = F.join(path, "function")
        name = F.get(fn, "name", where, "str", required=True)
        if not name or len(name) > 64:
            raise bad_request(F.join(where, "name"), "must be 1-64 characters")
        if name in seen:
            raise bad_request(
                F.join(where, "name"), f"tool name {name!r} is used twice"
            )
        seen.add(name)
        description = F.get(fn, "description", where, "str", nullable=True) or ""
        params = F.get(fn, "parameters", where, "dict", nullable=True)
        if params is not None:
            check_json_schema(params, F.join(where, "parameters"))
        tools.append(
            Tool(name, description, params or {"type": "object", "properties": {}})
        )
    features["tools"] = "tools"
    return tools


def _tool_choice(body: dict, tools: list[Tool], features: dict[str, str]) -> ToolChoice:
    raw = body.get("tool_choice")
    if raw is None:
        return ToolChoice("auto")
    if isinstance(raw, str):
        modes = {"auto": "auto", "none": "none", "required": "any"}
        if raw not in modes:
            raise bad_request(
                "tool_choice",
                f'must be "auto", "none", "required" or a named function; got {raw!r}',
            )
        mode, name = modes[raw], None
    elif isinstance(raw, dict):
        fn = F.get(raw, "function", "tool_choice", "dict", required=True)
        name = F.get(fn, "name", "tool_choice.function", "str", required=True)
        if name not in {t.name for t in tools}:
            raise bad_request(
                "tool_choice.function.name", f"no tool named {name!r} in tools"
            )
        mode = "tool"
    else:
        raise bad_request("tool_choice", "expected a string or an object")
    if mode in ("any", "tool") and not tools:
        raise bad_request(
            "tool_choice", "forcing a tool call needs at least one tool in tools"
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


def _response_format(body: dict, features: dict[str, str]):
    raw = F.get(body, "response_format", "", "dict", nullable=True)
    if raw is None:
        return False, None
    kind = raw.get("type")
    if kind == "text":
        return False, None
    if kind == "json_object":
        features["json_mode"] = "response_format"
        return True, None
    if kind == "json_schema":
        spec = F.get(raw, "json_schema", "response_format", "dict", required=True)
        schema = F.get(
            spec, "schema", "response_format.json_schema", "dict", nullable=True
        )
        if schema is not None:
            check_json_schema(schema, "response_format.json_schema.schema")
        features["json_mode"] = "response_format"
        return True, schema or {"type": "object"}
    raise bad_request(
        "response_format.type",
        f'must be "text", "json_object" or "json_schema"; got {kind!r}',
    )


def _thinking(body: dict, features: dict[str, str]) -> Thinking | None:
    effort = F.get(body, "reasoning_effort", "", "str", nullable=True)
    if effort is not None and effort != "none" and effort not in EFFORT_MAP:
        raise bad_request(
            "reasoning_effort",
            f"must be one of none, {', '.join(EFFORT_MAP)}; got {effort!r}",
        )
    raw = F.get(body, "thinking", "", "dict", nullable=True)
    enabled = False
    if raw is not None:
        kind = raw.get("type")
        if kind not in ("enabled", "disabled"):
            raise bad_request(
                "thinking.type", f'must be "enabled" or "disabled"; got {kind!r}'
            )
        enabled = kind == "enabled"
        if enabled:
            features["thinking_enabled"] = "thinking"
    if effort not in (None, "none"):
        features["reasoning_effort"] = "reasoning_effort"
        enabled = True
    if not enabled:
        return None
    return Thinking("enabled", effort=EFFORT_MAP.get(effort or "high", "high"))
