"""Stream a chat completion (OpenAI surface); usage is in the last chunk."""

import os
import textwrap

from openai import OpenAI

client = OpenAI(
    base_url="https://www.ezrouter.dev/v1",
    api_key=os.environ["EZROUTER_API_KEY"],
)

stream = client.chat.completions.create(
    model="claude-sonnet-4-6",
    messages=[{"role": "user", "content": "Name three rivers in Europe."}],
    stream=True,
)

parts: list[str] = []
finish_reason = None
usage = None
for chunk in stream:
    for choice in chunk.choices:
        if choice.delta.content:
            parts.append(choice.delta.content)
        if choice.finish_reason:
            finish_reason = choice.finish_reason
    if chunk.usage is not None:  # the final chunk carries the usage block
        usage = chunk.usage

print(textwrap.shorten("".join(parts), 70))
#> The Danube, the Rhine and the Loire.
print(finish_reason)
#> stop
print(usage.prompt_tokens, usage.completion_tokens, usage.total_tokens)
#> 9 9 18
