"""Read the usage block from the final chunk of a chat completion."""

import os

from openai import OpenAI

client = OpenAI(
    base_url="https://www.ezrouter.dev/v1",
    api_key=os.environ["EZROUTER_API_KEY"],
)

with client.chat.completions.stream(
    model="claude-sonnet-4-6",
    messages=[{"role": "user", "content": "Name three rivers in Europe."}],
) as stream:
    usage = stream.get_final_completion().usage

print(usage.prompt_tokens, usage.completion_tokens, usage.total_tokens)
#> 9 9 18
cached = usage.prompt_tokens_details.cached_tokens
print(f"cached={cached} uncached={usage.prompt_tokens - cached}")
#> cached=0 uncached=9
