"""Let claude-opus-4-7 decide how much to think with adaptive thinking."""

import os

import anthropic

client = anthropic.Anthropic(
    base_url="https://www.ezrouter.dev/anthropic",
    api_key=os.environ["EZROUTER_API_KEY"],
)

response = client.messages.create(
    model="claude-opus-4-7",
    max_tokens=4096,
    thinking={"type": "adaptive"},  # no budget: the model picks the depth
    messages=[{"role": "user", "content": "Is 391 a prime number?"}],
)
print([block.type for block in response.content])
#> ['thinking', 'text']
print(response.stop_reason)
#> end_turn
