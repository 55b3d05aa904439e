"""Use extended thinking across two turns on the Anthropic surface."""

import os
import textwrap

import anthropic

client = anthropic.Anthropic(
    base_url="https://www.ezrouter.dev/anthropic",
    api_key=os.environ["EZROUTER_API_KEY"],
)

messages = [{"role": "user", "content": "Is 391 a prime number?"}]
first = client.messages.create(
    model="claude-sonnet-4-6",
    max_tokens=2048,
    thinking={"type": "enabled", "budget_tokens": 1024},
    messages=messages,
)
print([block.type for block in first.content])
#> ['thinking', 'text']

# Pass the assistant turn back unchanged, thinking blocks and signatures too.
messages.append({"role": "assistant", "content": first.content})
messages.append({"role": "user", "content": "And 397?"})

second = client.messages.create(
    model="claude-sonnet-4-6",
    max_tokens=2048,
    thinking={"type": "enabled", "budget_tokens": 1024},
    messages=messages,
)
for block in second.content:
    if block.type == "thinking":
        print("thinking:", textwrap.shorten(block.thinking, 56))
        #> thinking: 397 is odd, its digit sum is 19 and it does not [...]
    elif block.type == "text":
        print("answer:", textwrap.shorten(block.text, 60))
        #> answer: Yes, 397 is prime: no prime up to its square root [...]
