import os

import anthropic

client = anthropic.Anthropic(
    base_url="https://www.ezrouter.dev/anthropic",
    api_key=os.environ["EZROUTER_API_KEY"],
)

# The request is accepted with a beta flag; do not rely on it having an effect.
message = client.messages.create(
    model="claude-sonnet-4-6",
    max_tokens=64,
    messages=[{"role": "user", "content": "Hi"}],
    extra_headers={"anthropic-beta": "interleaved-thinking-2025-05-14"},
)
print(message.stop_reason)
#> end_turn
