"""A complete tool loop on the Anthropic surface: call, run the tool, answer."""

import json
import os
import textwrap

import anthropic

client = anthropic.Anthropic(
    base_url="https://www.ezrouter.dev/anthropic",
    api_key=os.environ["EZROUTER_API_KEY"],
)

tools = [
    {
        "name": "get_weather",
        "description": "Current weather for a city.",
        "input_schema": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
        },
    }
]


def get_weather(city: str) -> dict:
    """Stand-in for a real weather lookup."""
    return {"city": city, "temperature_c": 18, "conditions": "cloudy"}


messages = [{"role": "user", "content": "What is the weather in Paris?"}]

for _ in range(5):  # never loop forever
    response = client.messages.create(
        model="claude-sonnet-4-6",
        max_tokens=512,
        tools=tools,
        messages=messages,
    )
    messages.append({"role": "assistant", "content": response.content})
    if response.stop_reason != "tool_use":
        break
    results = []
    for block in response.content:
        if block.type == "tool_use":
            print(f"tool call: {block.name} {json.dumps(block.input)}")
            #> tool call: get_weather {"city": "Paris"}
            output = get_weather(**block.input)
            results.append(
                {
                    "type": "tool_result",
                    "tool_use_id": block.id,
                    "content": json.dumps(output),
                }
            )
    messages.append({"role": "user", "content": results})

print(response.stop_reason)
#> end_turn
answer = "".join(b.text for b in response.content if b.type == "text")
print(textwrap.shorten(answer, 70))
#> It's 18 °C and cloudy in Paris right now.
