"""What each model sends back on the OpenAI surface when it wants a tool."""

import os

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

for model in ["claude-opus-4-7", "claude-sonnet-4-6", "kimi-k2.6"]:
    with client.chat.completions.stream(
        model=model,
        messages=[{"role": "user", "content": "What is the weather in Paris?"}],
        tools=tools,
    ) as stream:
        choice = stream.get_final_completion().choices[0]
    names = [call.function.name for call in choice.message.tool_calls or []]
    print(f"{model}: finish_reason={choice.finish_reason} tool_calls={names}")
    #> claude-opus-4-7: finish_reason=tool_calls tool_calls=['get_weather']
    #> claude-sonnet-4-6: finish_reason=tool_calls tool_calls=[]
    #> kimi-k2.6: finish_reason=stop tool_calls=[]
