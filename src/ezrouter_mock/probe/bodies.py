"""The request bodies the checks send: prompts, tools and the same call on either
surface. Small and fixed, so a difference in the answer comes from the gateway."""

from __future__ import annotations

BASE_PROMPT = "Say hello in one short sentence."
WEATHER_PROMPT = "What is the weather in Paris right now? Use the weather tool."
UNRELATED_PROMPT = "Say hello in one short sentence."
TINY_PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQ"
    "AAAABJRU5ErkJggg=="
)
WEATHER_TOOL = {
    "name": "get_weather",
    "description": "Get the current weather for a city.",
    "schema": {
        "type": "object",
        "properties": {"city": {"type": "string", "description": "City name"}},
        "required": ["city"],
    },
}
TIME_TOOL = {
    "name": "get_time",
    "description": "Get the current local time in a time zone.",
    "schema": {
        "type": "object",
        "properties": {"zone": {"type": "string", "description": "IANA time zone"}},
        "required": ["zone"],
    },
}


def long_text() -> str:
    """A stable prompt prefix well over every cache minimum (about 6000 tokens)."""
    lines = [
        f"Log entry {i}: the harbour master notes wind {i % 9 + 1} knots from bearing "
        f"{(i * 37) % 360} degrees, tide {'rising' if i % 2 else 'falling'}, "
        f"visibility {i % 7 + 2} miles."
        for i in range(1, 301)
    ]
    return "Reference log for the probe. Do not summarise it.\n" + "\n".join(lines)


LONG_TEXT = long_text()


def chat_body(
    surface: str,
    model: str,
    content: str | list,
    *,
    system: str | list | None = None,
    max_tokens: int = 256,
    **extra,
) -> dict:
    """A minimal request on either surface. OpenAI calls always stream, since
    ezrouter answers SSE there anyway (divergence always_sse)."""
    messages = [{"role": "user", "content": content}]
    if surface == "anthropic":
        body = {"model": model, "max_tokens": max_tokens, "messages": messages}
        if system is not None:
            body["system"] = system
    else:
        if system is not None:
            messages.insert(0, {"role": "system", "content": system})
        body = {
            "model": model,
            "max_tokens": max_tokens,
            "messages": messages,
            "stream": True,
        }
    body.update(extra)
    return body


def tools_for(surface: str, *specs: dict) -> list:
    if surface == "anthropic":
        return [
            {
                "name": s["name"],
                "description": s["description"],
                "input_schema": s["schema"],
            }
            for s in specs
        ]
    return [
        {
            "type": "function",
            "function": {
                "name": s["name"],
                "description": s["description"],
                "parameters": s["schema"],
            },
        }
        for s in specs
    ]


def tool_choice_for(surface: str, mode: str, name: str | None = None):
    if surface == "anthropic":
        return {"type": mode, "name": name} if mode == "tool" else {"type": mode}
    if mode == "tool":
        return {"type": "function", "function": {"name": name}}
    return {"any": "required"}.get(mode, mode)
