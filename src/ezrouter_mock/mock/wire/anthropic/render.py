"""Anthropic Messages answers: a Message object, or the SSE event sequence the
anthropic SDK's stream helpers expect (``message_start``, ``ping``, per block
``content_block_start`` / ``*_delta`` / ``content_block_stop`` with ordered indexes,
``message_delta`` with cumulative usage, ``message_stop``), plus the catalog."""

from __future__ import annotations

import json

from ...core import ids, jsontext, tokens
from ...core.errors import ErrorCodes, GatewayError
from ...core.model import (
    ChatRequest,
    ChatResponse,
    ThinkingPart,
    ToolCallPart,
)
from .parse import SURFACE


def message_id(resp: ChatResponse) -> str:
    return ids.make("msg_", resp.id_seed)


def _block_json(part, resp: ChatResponse, index: int) -> dict:
    if isinstance(part, ThinkingPart):
        return {
            "type": "thinking",
            "thinking": part.thinking,
            "signature": part.signature,
        }
    if isinstance(part, ToolCallPart):
        return {
            "type": "tool_use",
            "id": tool_id(resp, index),
            "name": part.name,
            "input": part.input,
            "caller": {"type": "direct"},
        }
    return {"type": "text", "text": part.text, "citations": None}


def tool_id(resp: ChatResponse, index: int) -> str:
    return ids.make("toolu_", resp.id_seed, f"tool{index}")


def usage_json(resp: ChatResponse) -> dict:
    u = resp.usage
    return {
        "input_tokens": u.input_tokens,
        "output_tokens": u.output_tokens,
        "cache_creation_input_tokens": u.cache_creation,
        "cache_read_input_tokens": u.cache_read,
        "cache_creation": {
            "ephemeral_5m_input_tokens": u.cache_creation - u.cache_creation_1h,
            "ephemeral_1h_input_tokens": u.cache_creation_1h,
        },
        "inference_geo": None,
        "server_tool_use": None,
        "service_tier": "standard",
    }


def _deltas(text: str) -> list[str]:
    return tokens.chunks(text) or [""]


def render_json(req: ChatRequest, resp: ChatResponse) -> dict:
    return {
        "id": message_id(resp),
        "type": "message",
        "role": "assistant",
        "model": resp.model,
        "content": [_block_json(p, resp, i) for i, p in enumerate(resp.parts)],
        "stop_reason": resp.stop_reason,
        "stop_sequence": resp.stop_sequence,
        "stop_details": None,
        "container": None,
        "usage": usage_json(resp),
    }


def _frame(event: str, data: dict) -> bytes:
    return b"event: %s\ndata: %s\n\n" % (event.encode(), jsontext.dumps(data))


def render_sse(req: ChatRequest, resp: ChatResponse) -> list[bytes]:
    """The full event sequence for one answer, as encoded SSE frames."""
    start_usage = usage_json(resp)
    start_usage["output_tokens"] = min(1, resp.usage.output_tokens)
    frames = [
        _frame(
            "message_start",
            {
                "type": "message_start",
                "message": {
                    "id": message_id(resp),
                    "type": "message",
                    "role": "assistant",
                    "model": resp.model,
                    "content": [],
                    "stop_reason": None,
                    "stop_sequence": None,
                    "stop_details": None,
                    "container": None,
                    "usage": start_usage,
                },
            },
        ),
        _frame("ping", {"type": "ping"}),
    ]
    for index, part in enumerate(resp.parts):
        if isinstance(part, ThinkingPart):
            start = {"type": "thinking", "thinking": "", "signature": ""}
            deltas = [
                {"type": "thinking_delta", "thinking": c}
                for c in _deltas(part.thinking)
            ]
            deltas.append({"type": "signature_delta", "signature": part.signature})
        elif isinstance(part, ToolCallPart):
            start = {
                "type": "tool_use",
                "id": tool_id(resp, index),
                "name": part.name,
                "input": {},
                "caller": {"type": "direct"},
            }
            raw = json.dumps(part.input, ensure_ascii=False)
            step = max(1, len(raw) // 3 + 1)
            deltas = [
                {"type": "input_json_delta", "partial_json": raw[i : i + step]}
                for i in range(0, len(raw), step)
            ]
        else:
            start = {"type": "text", "text": "", "citations": None}
            deltas = [
                {"type": "text_delta", "text": c} for c in _deltas(part.text) if c
            ]
        frames.append(
            _frame(
                "content_block_start",
                {"type": "content_block_start", "index": index, "content_block": start},
            )
        )
        frames += [
            _frame(
                "content_block_delta",
                {"type": "content_block_delta", "index": index, "delta": d},
            )
            for d in deltas
        ]
        frames.append(
            _frame("content_block_stop", {"type": "content_block_stop", "index": index})
        )
    usage = usage_json(resp)
    for key in ("cache_creation", "service_tier", "inference_geo"):
        usage.pop(key)
    frames.append(
        _frame(
            "message_delta",
            {
                "type": "message_delta",
                "delta": {
                    "stop_reason": resp.stop_reason,
                    "stop_sequence": resp.stop_sequence,
                    "stop_details": None,
                    "container": None,
                },
                "usage": usage,
            },
        )
    )
    frames.append(_frame("message_stop", {"type": "message_stop"}))
    return frames


def error_frame(err: GatewayError, request_id: str, codes: ErrorCodes) -> bytes:
    """A mid-stream failure, in Anthropic's in-stream error event shape (assumption:
    ezrouter does not document how it reports errors after a stream has started).
    The event names an Anthropic error type, so ezrouter's ``codes`` do not apply."""
    kind = {529: "overloaded_error", 429: "rate_limit_error"}.get(
        err.status, "api_error"
    )
    return _frame(
        "error",
        {
            "type": "error",
            "error": {
                "type": kind,
                "message": f"{err.message} (request id: {request_id})",
            },
        },
    )


def count_json(total: int) -> dict:
    return {"input_tokens": total}


def catalog(models) -> dict:
    """Models whose ``surfaces`` include anthropic (the profile's endpoint types)."""
    data = [catalog_entry(m) for m in models if SURFACE in m.surfaces]
    return {
        "data": data,
        "has_more": False,
        "first_id": data[0]["id"] if data else None,
        "last_id": data[-1]["id"] if data else None,
    }


def catalog_entry(model) -> dict:
    return {
        "type": "model",
        "id": model.id,
        "display_name": model.id,
        "created_at": "2021-07-20T00:00:00Z",
        "capabilities": None,
        "max_input_tokens": None,
        "max_tokens": None,
    }
