"""Request pieces the client tests share, so each file states only what is its own."""

from __future__ import annotations

MODEL = "claude-sonnet-4-6"
HELLO = [{"role": "user", "content": "Say hi in one short sentence."}]
WEATHER_QUESTION = [{"role": "user", "content": "What is the weather in Paris?"}]
WEATHER_SCHEMA = {
    "type": "object",
    "properties": {
        "city": {"type": "string"},
        "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
    },
    "required": ["city", "unit"],
}
