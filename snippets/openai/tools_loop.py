"""Run a complete tool loop on the OpenAI surface with claude-opus-4-7."""

import json
import os
import textwrap

from openai import OpenAI

client = OpenAI(
    base_url="https://www.ezrouter.dev/v1",
    api_key=os.environ["EZROUTER_API_KEY"],
)

tools = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Current weather for a city.",
            "parameters": {
                "type": "object",
                "properties": {"city": {"type": "string"}},
                "required": ["city"],
            },
        },
    }
]


def get_weather(city: str) -> dict:
    """Stand-in for a real weather lookup."""
    return {"city": city, "temperature_c": 18, "conditions": "cloudy"}


messages = [{"role": "user", "content": "What is the weather in Paris?"}]

for _ in range(5):  # never loop forever
    # The stream helper assembles the tool-call deltas into one message.
    with client.chat.completions.stream(
        model="claude-opus-4-7",
        messages=messages,
        tools=tools,
    ) as stream:
        choice = stream.get_final_completion().choices[0]
    if choice.finish_reason != "tool_calls":
        break
    calls = choice.message.tool_calls or []
    if not calls:
        raise RuntimeError("finish_reason is tool_calls but no call arrived")
    messages.append(
        {
            "role": "assistant",
            "content": choice.message.content,
            "tool_calls": [
                {
                    "id": call.id,
                    "type": "function",
                    "function": {
                        "name": call.function.name,
                        "arguments": call.function.arguments,
                    },
                }
                for call in calls
            ],
        }
    )
    for call in calls:
        print(f"tool call: {call.function.name} {call.function.arguments}")
        #> tool call: get_weather {"city": "Paris"}
        output = json.dumps(get_weather(**json.loads(call.function.arguments)))
        messages.append(
            {"role": "tool", "tool_call_id": call.id, "content": output},
        )

print(choice.finish_reason)
#> stop
print(textwrap.shorten(choice.message.content, 70))
#> It's 18 °C and cloudy in Paris right now.
