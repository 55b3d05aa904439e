"""One check per feature: the minimal call(s) that show what a gateway does with it.

Each check sends the smallest request that uses the feature and classifies the answer:

- ``works``: the effect is visible (a thinking block, a cache read, a tool call, ...);
- ``ignored``: HTTP 200 but no effect (e.g. the same input-token count as without it);
- ``rejected``: a 4xx refusing the request;
- ``broken``: accepted, but the result is damaged (e.g. finish_reason tool_calls with
  no tool call in the stream);
- ``works/ignored``: HTTP 200 where one call cannot show the effect (sampling, the
  anthropic-beta header); it is consistent with both works and ignored (the words
  are the field support tables', so probe output and tables read alike);
- ``error``: the check could not run (network, 5xx after retries, model unavailable).

Checks that need a comparison reuse one plain-text baseline call per model and surface.
Divergence checks (divergences.py) report ``present`` or ``absent``.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from .bodies import (
    BASE_PROMPT,
    LONG_TEXT,
    TIME_TOOL,
    TINY_PNG,
    UNRELATED_PROMPT,
    WEATHER_PROMPT,
    WEATHER_TOOL,
    chat_body,
    tool_choice_for,
    tools_for,
)
from .http import Answer, GatewayClient

#: the result of a check whose effect one call cannot show: either support value fits
WORKS_OR_IGNORED = "works/ignored"


@dataclass
class Outcome:
    result: str
    evidence: str
    http_status: int | None = None


class Context:
    """What a check needs: the gateway and the shared baseline answers."""

    def __init__(self, gateway: GatewayClient) -> None:
        self.gateway = gateway
        self._baselines: dict[tuple[str, str], asyncio.Task] = {}

    async def aclose(self) -> None:
        """Cancel baseline calls nobody is waiting for any more."""
        for task in self._baselines.values():
            task.cancel()
        await asyncio.gather(*self._baselines.values(), return_exceptions=True)

    async def chat(
        self, surface: str, body: dict, *, headers: dict | None = None
    ) -> Answer:
        path = "/v1/messages" if surface == "anthropic" else "/v1/chat/completions"
        return await self.gateway.send(surface, path, body, headers=headers)

    async def baseline(self, model: str, surface: str) -> Answer:
        key = (model, surface)
        if key not in self._baselines:
            body = chat_body(surface, model, BASE_PROMPT)
            self._baselines[key] = asyncio.ensure_future(self.chat(surface, body))
        return await asyncio.shield(self._baselines[key])


def refused(answer: Answer) -> Outcome:
    """A non-2xx answer: a 4xx refusing the request is "rejected"; an unknown model,
    a missing path, a timeout, throttling or a server error means the check could
    not run."""
    evidence = answer.describe_error()
    if answer.status in (403, 404, 408, 429) or answer.status >= 500:
        return Outcome("error", evidence, answer.status)
    return Outcome("rejected", evidence, answer.status)


def observed(answer: Answer, result: str, evidence: str) -> Outcome:
    return Outcome(result, evidence, answer.status)


def _tool_evidence(answer: Answer) -> str:
    names = [c.name or "?" for c in answer.tool_calls]
    return f"stop={answer.stop}, tool calls={names or 'none'}"


# --- checks ---------------------------------------------------------------------------


async def check_text(ctx: Context, model: str, surface: str) -> Outcome:
    answer = await ctx.baseline(model, surface)
    if not answer.ok:
        return refused(answer)
    if answer.text.strip():
        return observed(answer, "works", f"{len(answer.text)} characters of text")
    return observed(answer, "broken", f"HTTP 200 with no text (stop={answer.stop})")


async def check_system(ctx: Context, model: str, surface: str) -> Outcome:
    base = await ctx.baseline(model, surface)
    body = chat_body(
        surface,
        model,
        BASE_PROMPT,
        system="You are a terse assistant for a lighthouse crew; keep answers short.",
    )
    answer = await ctx.chat(surface, body)
    if not answer.ok:
        return refused(answer)
    return _compare_input(answer, base, "system prompt")


def _compare_input(answer: Answer, base: Answer, what: str) -> Outcome:
    if not base.ok or base.input_tokens is None or answer.input_tokens is None:
        return observed(
            answer, WORKS_OR_IGNORED, f"{what} accepted; no input token counts"
        )
    evidence = f"input tokens {answer.input_tokens} vs {base.input_tokens} without"
    if answer.input_tokens > base.input_tokens:
        return observed(answer, "works", f"{what} counted: {evidence}")
    return observed(answer, "ignored", f"{what} not counted: {evidence}")


async def check_max_tokens(ctx: Context, model: str, surface: str) -> Outcome:
    limit = 5
    body = chat_body(
        surface,
        model,
        "Write a paragraph of about eighty words about the sea.",
        max_tokens=limit,
    )
    answer = await ctx.chat(surface, body)
    if not answer.ok:
        return refused(answer)
    evidence = f"stop={answer.stop}, output tokens={answer.output_tokens}"
    if answer.stop in ("max_tokens", "length"):
        return observed(answer, "works", evidence)
    if answer.output_tokens is not None and answer.output_tokens > limit:
        return observed(answer, "ignored", evidence)
    return observed(
        answer, WORKS_OR_IGNORED, f"answer ended before the limit: {evidence}"
    )


async def check_sampling(ctx: Context, model: str, surface: str) -> Outcome:
    body = chat_body(surface, model, BASE_PROMPT, temperature=0.5)
    answer = await ctx.chat(surface, body)
    if not answer.ok:
        return refused(answer)
    return observed(
        answer, WORKS_OR_IGNORED, "temperature accepted; its effect needs many calls"
    )


async def check_stop_sequences(ctx: Context, model: str, surface: str) -> Outcome:
    prompt = "Count from 1 to 30 in words, separated by spaces."
    first = await ctx.chat(surface, chat_body(surface, model, prompt))
    if not first.ok:
        return refused(first)
    words = first.text.split()
    stop = next(
        (
            w
            for w in words[max(1, len(words) // 3) :]
            if len(w) > 2 and first.text.count(w) == 1
        ),
        None,
    )
    if stop is None:
        return observed(
            first, WORKS_OR_IGNORED, "the answer was too short to pick a stop word"
        )
    field = "stop_sequences" if surface == "anthropic" else "stop"
    answer = await ctx.chat(
        surface, chat_body(surface, model, prompt, **{field: [stop]})
    )
    if not answer.ok:
        return refused(answer)
    evidence = f"stop word {stop!r}, stop={answer.stop}"
    if stop in answer.text:
        return observed(answer, "ignored", f"{evidence}; the word still appears")
    if answer.stop == "stop_sequence" or len(answer.text) < len(first.text):
        return observed(answer, "works", f"{evidence}; output cut before it")
    return observed(answer, "broken", f"{evidence}; output changed unexpectedly")


async def check_streaming(ctx: Context, model: str, surface: str) -> Outcome:
    body = chat_body(surface, model, BASE_PROMPT, stream=True)
    answer = await ctx.chat(surface, body)
    if not answer.ok:
        return refused(answer)
    if not answer.streamed:
        return observed(
            answer, "ignored", f"answered {answer.content_type or 'no type'}"
        )
    if answer.text.strip() and answer.stop:
        return observed(answer, "works", f"SSE with text, stop={answer.stop}")
    return observed(answer, "broken", "SSE without text or without a stop reason")


def _tool_check(mode: str | None, prompt: str, want: str | None, no_call_ok=False):
    """Build a tool check. ``mode`` is the tool_choice mode (None: not sent),
    ``want`` the tool name that must be called (None: any tool), ``no_call_ok``
    flips the check for tool_choice none (works when no tool is called)."""

    async def check(ctx: Context, model: str, surface: str) -> Outcome:
        extra = {"tools": tools_for(surface, WEATHER_TOOL, TIME_TOOL)}
        if mode is not None:
            extra["tool_choice"] = tool_choice_for(surface, mode, want)
        answer = await ctx.chat(surface, chat_body(surface, model, prompt, **extra))
        if not answer.ok:
            return refused(answer)
        called = answer.tool_signal or bool(answer.tool_calls)
        evidence = _tool_evidence(answer)
        if no_call_ok:
            return observed(answer, "ignored" if called else "works", evidence)
        if not called:
            return observed(answer, "ignored", evidence)
        names = [c.name for c in answer.tool_calls if c.name]
        if want and names and want not in names:
            return observed(answer, "ignored", f"{evidence}; wanted {want}")
        return observed(answer, "works", evidence)

    return check


async def check_tool_call_deltas(ctx: Context, model: str, surface: str) -> Outcome:
    tools = tools_for(surface, WEATHER_TOOL)
    body = chat_body(surface, model, WEATHER_PROMPT, tools=tools)
    answer = await ctx.chat(surface, body)
    if not answer.ok:
        return refused(answer)
    evidence = _tool_evidence(answer)
    if not answer.tool_signal and not answer.tool_calls:
        return observed(answer, "ignored", f"no tool signal: {evidence}")
    good = [c for c in answer.tool_calls if c.name and c.parsed]
    if answer.tool_signal and good:
        return observed(answer, "works", f"parseable delta.tool_calls: {evidence}")
    return observed(
        answer, "broken", f"tool signal without a parseable call: {evidence}"
    )


def _thinking_check(extra_for: Callable[[str], dict]):
    async def check(ctx: Context, model: str, surface: str) -> Outcome:
        body = chat_body(
            surface,
            model,
            "What is 17 times 23? Think it through.",
            max_tokens=2048,
            **extra_for(surface),
        )
        answer = await ctx.chat(surface, body)
        if not answer.ok:
            return refused(answer)
        field = "thinking block" if surface == "anthropic" else "reasoning_content"
        if answer.thinking:
            return observed(
                answer, "works", f"{field} of {len(answer.thinking)} characters"
            )
        return observed(answer, "ignored", f"no {field} in the answer")

    return check


def _thinking_enabled(surface: str) -> dict:
    if surface == "anthropic":
        return {"thinking": {"type": "enabled", "budget_tokens": 1024}}
    return {"thinking": {"type": "enabled"}}


def _cache_check(marked: bool) -> Callable[[Context, str, str], Awaitable[Outcome]]:
    """Send one long prompt twice; ``marked`` puts a cache_control breakpoint on it
    (Anthropic surface), otherwise the cache has to act without being asked."""

    async def check(ctx: Context, model: str, surface: str) -> Outcome:
        if surface == "anthropic" and marked:
            system = [
                {
                    "type": "text",
                    "text": LONG_TEXT,
                    "cache_control": {"type": "ephemeral"},
                }
            ]
        else:
            system = LONG_TEXT
        body = chat_body(surface, model, BASE_PROMPT, system=system, max_tokens=64)
        first = await ctx.chat(surface, body)
        if not first.ok:
            return refused(first)
        second = await ctx.chat(surface, body)
        if not second.ok:
            return refused(second)
        evidence = (
            f"second call: {second.cache_read or 0} of {second.input_tokens} "
            "input tokens read from cache"
        )
        if second.cache_read:
            return observed(second, "works", evidence)
        return observed(second, "ignored", evidence)

    return check


async def check_json_mode(ctx: Context, model: str, surface: str) -> Outcome:
    body = chat_body(
        surface,
        model,
        "Give a JSON object with the keys city and country for Paris.",
        system="You answer in JSON only.",
        response_format={"type": "json_object"},
    )
    answer = await ctx.chat(surface, body)
    if not answer.ok:
        return refused(answer)
    if not answer.text.strip():
        return observed(answer, "broken", "empty content")
    try:
        value = json.loads(answer.text)
    except json.JSONDecodeError:
        return observed(answer, "ignored", f"content is not JSON: {answer.text[:40]!r}")
    if isinstance(value, dict):
        return observed(answer, "works", f"a JSON object with keys {sorted(value)[:4]}")
    return observed(answer, "broken", "JSON, but not an object")


def _media_check(kind: str):
    async def check(ctx: Context, model: str, surface: str) -> Outcome:
        base = await ctx.baseline(model, surface)
        if kind == "image" and surface == "anthropic":
            block = {
                "type": "image",
                "source": {
                    "type": "base64",
                    "media_type": "image/png",
                    "data": TINY_PNG,
                },
            }
            text = {"type": "text", "text": BASE_PROMPT}
        elif kind == "image":
            block = {
                "type": "image_url",
                "image_url": {"url": f"data:image/png;base64,{TINY_PNG}"},
            }
            text = {"type": "text", "text": BASE_PROMPT}
        else:
            block = {
                "type": "document",
                "source": {
                    "type": "text",
                    "media_type": "text/plain",
                    "data": "The probe document says the harbour is calm today.",
                },
            }
            text = {"type": "text", "text": BASE_PROMPT}
        answer = await ctx.chat(surface, chat_body(surface, model, [block, text]))
        if not answer.ok:
            return refused(answer)
        return _compare_input(answer, base, f"{kind} block")

    return check


async def check_mcp_servers(ctx: Context, model: str, surface: str) -> Outcome:
    servers = [{"type": "url", "url": "https://mcp.invalid/sse", "name": "probe"}]
    body = chat_body(surface, model, BASE_PROMPT, mcp_servers=servers)
    answer = await ctx.chat(surface, body)
    if not answer.ok:
        return refused(answer)
    return observed(answer, WORKS_OR_IGNORED, "mcp_servers accepted (HTTP 200)")


async def check_server_tools(ctx: Context, model: str, surface: str) -> Outcome:
    tools = [{"type": "web_search_20250305", "name": "web_search", "max_uses": 1}]
    body = chat_body(surface, model, "Search the web for today's date.", tools=tools)
    answer = await ctx.chat(surface, body)
    if not answer.ok:
        return refused(answer)
    if answer.server_tool:
        return observed(answer, "works", "server_tool_use block in the answer")
    return observed(answer, "ignored", "HTTP 200 without any server tool use")


async def check_anthropic_beta(ctx: Context, model: str, surface: str) -> Outcome:
    body = chat_body(surface, model, BASE_PROMPT)
    headers = {"anthropic-beta": "token-efficient-tools-2025-02-19"}
    answer = await ctx.chat(surface, body, headers=headers)
    if not answer.ok:
        return refused(answer)
    return observed(
        answer, WORKS_OR_IGNORED, "header accepted; a beta's effect is not visible"
    )


async def check_count_tokens(ctx: Context, model: str, surface: str) -> Outcome:
    body = {"model": model, "messages": [{"role": "user", "content": BASE_PROMPT}]}
    answer = await ctx.gateway.send(surface, "/v1/messages/count_tokens", body)
    if answer.status in (404, 405):
        return Outcome("rejected", answer.describe_error(), answer.status)
    if not answer.ok:
        return refused(answer)
    raw = answer.raw if isinstance(answer.raw, dict) else {}
    if isinstance(raw.get("input_tokens"), int):
        return observed(answer, "works", f"input_tokens={raw['input_tokens']}")
    return observed(answer, "broken", "HTTP 200 without an integer input_tokens")


Check = Callable[[Context, str, str], Awaitable[Outcome]]

#: feature id -> check. Every feature in the profile vocabulary has one.
CHECKS: dict[str, Check] = {
    "text": check_text,
    "system": check_system,
    "max_tokens": check_max_tokens,
    "sampling": check_sampling,
    "stop_sequences": check_stop_sequences,
    "streaming": check_streaming,
    "tools": _tool_check(None, WEATHER_PROMPT, None),
    "tool_choice_auto": _tool_check("auto", WEATHER_PROMPT, None),
    "tool_choice_any": _tool_check("any", UNRELATED_PROMPT, None),
    "tool_choice_tool": _tool_check("tool", UNRELATED_PROMPT, "get_time"),
    "tool_choice_none": _tool_check("none", WEATHER_PROMPT, None, no_call_ok=True),
    "tool_call_deltas": check_tool_call_deltas,
    "thinking_enabled": _thinking_check(_thinking_enabled),
    "thinking_adaptive": _thinking_check(lambda s: {"thinking": {"type": "adaptive"}}),
    "reasoning_effort": _thinking_check(lambda s: {"reasoning_effort": "high"}),
    "cache_explicit": _cache_check(marked=True),
    "cache_automatic": _cache_check(marked=False),
    "json_mode": check_json_mode,
    "image_blocks": _media_check("image"),
    "document_blocks": _media_check("document"),
    "mcp_servers": check_mcp_servers,
    "server_tools": check_server_tools,
    "anthropic_beta": check_anthropic_beta,
    "count_tokens": check_count_tokens,
}
