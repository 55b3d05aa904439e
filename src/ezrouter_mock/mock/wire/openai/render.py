"""OpenAI Chat Completions answers: a ``chat.completion`` object, or
``chat.completion.chunk`` SSE frames ending with a usage chunk and ``data: [DONE]``,
plus the catalog. ezrouter's quirks live here: ``msg_`` ids and the usage extensions
(``prompt_tokens_details``, Anthropic-style aliases)."""

from __future__ import annotations

import json

from ...core import ids, jsontext, tokens
from ...core.errors import ErrorCodes, GatewayError
from ...core.model import (
    ChatRequest,
    ChatResponse,
    TextPart,
    ThinkingPart,
    ToolCallPart,
)

CREATED = 1626777600  # ezrouter's constant placeholder for every model
_FINISH = {
    "end_turn": "stop",
    "stop_sequence": "stop",
    "max_tokens": "length",
    "tool_use": "tool_calls",
}


def completion_id(resp: ChatResponse) -> str:
    return ids.make("msg_", resp.id_seed)


def call_id(resp: ChatResponse, index: int) -> str:
    return ids.make("call_", resp.id_seed, f"tool{index}")


def usage_json(resp: ChatResponse) -> dict:
    u = resp.usage
    prompt = u.prompt_tokens
    return {
        "prompt_tokens": prompt,
        "completion_tokens": u.output_tokens,
        "total_tokens": prompt + u.output_tokens,
        "prompt_tokens_details": {
            "cached_tokens": u.cache_read,
            "text_tokens": 0,
            "audio_tokens": 0,
            "image_tokens": 0,
        },
        "completion_tokens_details": {"reasoning_tokens": u.reasoning_tokens},
        "input_tokens": prompt,
        "output_tokens": u.output_tokens,
    }


def _split(resp: ChatResponse):
    text = "".join(p.text for p in resp.parts if isinstance(p, TextPart))
    reasoning = "".join(p.thinking for p in resp.parts if isinstance(p, ThinkingPart))
    calls = [(i, p) for i, p in enumerate(resp.parts) if isinstance(p, ToolCallPart)]
    return text, reasoning, calls


def render_json(req: ChatRequest, resp: ChatResponse) -> dict:
    text, reasoning, calls = _split(resp)
    message: dict = {
        "role": "assistant",
        "content": text if (text or not calls) else None,
        "refusal": None,
    }
    if reasoning:
        message["reasoning_content"] = reasoning
    if calls:
        message["tool_calls"] = [
            {
                "id": call_id(resp, i),
                "type": "function",
                "function": {
                    "name": p.name,
                    "arguments": json.dumps(p.input, ensure_ascii=False),
                },
            }
            for i, p in calls
        ]
    return {
        "id": completion_id(resp),
        "object": "chat.completion",
        "created": resp.created,
        "model": resp.model,
        "choices": [
            {
                "index": 0,
                "message": message,
                "finish_reason": _FINISH[resp.stop_reason],
                "logprobs": None,
            }
        ],
        "usage": usage_json(resp),
    }


def render_sse(req: ChatRequest, resp: ChatResponse) -> list[bytes]:
    """Chunk frames for one answer. With ``tool_call_deltas`` broken (the policy flags
    it on the request) the finish reason still says tool_calls but no tool_calls delta
    is sent."""
    text, reasoning, calls = _split(resp)
    base = {
        "id": completion_id(resp),
        "object": "chat.completion.chunk",
        "created": resp.created,
        "model": resp.model,
    }

    def chunk(delta: dict, finish: str | None = None) -> bytes:
        data = {
            **base,
            "choices": [
                {"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}
            ],
        }
        return b"data: " + jsontext.dumps(data) + b"\n\n"

    frames = [chunk({"role": "assistant", "content": ""})]
    frames += [chunk({"reasoning_content": c}) for c in tokens.chunks(reasoning)]
    frames += [chunk({"content": c}) for c in tokens.chunks(text)]
    if "tool_call_deltas" not in req.broken:
        for n, (i, part) in enumerate(calls):
            raw = json.dumps(part.input, ensure_ascii=False)
            frames.append(
                chunk(
                    {
                        "tool_calls": [
                            {
                                "index": n,
                                "id": call_id(resp, i),
                                "type": "function",
                                "function": {"name": part.name, "arguments": ""},
                            }
                        ]
                    }
                )
            )
            step = max(1, len(raw) // 3 + 1)
            frames += [
                chunk(
                    {
                        "tool_calls": [
                            {"index": n, "function": {"arguments": raw[k : k + step]}}
                        ]
                    }
                )
                for k in range(0, len(raw), step)
            ]
    frames.append(chunk({}, _FINISH[resp.stop_reason]))
    usage = {**base, "choices": [], "usage": usage_json(resp)}
    frames.append(b"data: " + jsontext.dumps(usage) + b"\n\n")
    frames.append(b"data: [DONE]\n\n")
    return frames


def error_frame(err: GatewayError, request_id: str, codes: ErrorCodes) -> bytes:
    """A mid-stream failure as an SSE data line carrying the ezrouter envelope."""
    return b"data: " + err.body(request_id, codes) + b"\n\n"


def catalog(models) -> dict:
    return {
        "object": "list",
        "data": [catalog_entry(m) for m in models],
        "success": True,
    }


def catalog_entry(model) -> dict:
    return {
        "id": model.id,
        "object": "model",
        "created": CREATED,
        "owned_by": model.owned_by,
        "supported_endpoint_types": list(model.surfaces),
    }
