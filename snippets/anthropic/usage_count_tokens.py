"""Count a request's input tokens before sending it, then read real usage."""

import os

import anthropic

client = anthropic.Anthropic(
    base_url="https://www.ezrouter.dev/anthropic",
    api_key=os.environ["EZROUTER_API_KEY"],
)

request = {
    "model": "claude-sonnet-4-6",
    "system": "You are a concise assistant.",
    "messages": [{"role": "user", "content": "Name three rivers in Europe."}],
}

count = client.messages.count_tokens(**request)
print(f"counted input_tokens={count.input_tokens}")
#> counted input_tokens=17

response = client.messages.create(max_tokens=256, **request)
usage = response.usage
print(f"input_tokens={usage.input_tokens} output_tokens={usage.output_tokens}")
#> input_tokens=17 output_tokens=9
written = usage.cache_creation_input_tokens
print(f"cache written={written} read={usage.cache_read_input_tokens}")
#> cache written=0 read=0
