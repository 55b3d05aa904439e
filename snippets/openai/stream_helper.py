"""Let the OpenAI SDK's stream helper assemble the whole ChatCompletion."""

import os
import textwrap

from openai import OpenAI
from openai.types.chat import ChatCompletion

client = OpenAI(
    base_url="https://www.ezrouter.dev/v1",
    api_key=os.environ["EZROUTER_API_KEY"],
)

with client.chat.completions.stream(
    model="claude-sonnet-4-6",
    messages=[{"role": "user", "content": "Name three rivers in Europe."}],
) as stream:
    completion = stream.get_final_completion()

print(isinstance(completion, ChatCompletion))
#> True
print(textwrap.shorten(completion.choices[0].message.content, 70))
#> The Danube, the Rhine and the Loire.
print(completion.usage.total_tokens)
#> 18
