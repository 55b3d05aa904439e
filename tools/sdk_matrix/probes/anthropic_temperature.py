# Probe: does messages.create still take `temperature`? Then the same field through
# extra_body, which the test process looks for in the mock's request log.
import os

import anthropic

client = anthropic.Anthropic(
    base_url="https://www.ezrouter.dev/anthropic",
    api_key=os.environ["EZROUTER_API_KEY"],
)
try:
    client.messages.create(
        model="claude-haiku-4-5",
        max_tokens=16,
        temperature=0.2,
        messages=[{"role": "user", "content": "Hi"}],
    )
except TypeError as err:
    print(f"TypeError: {err}")
else:
    print("accepted")
client.messages.create(
    model="claude-haiku-4-5",
    max_tokens=16,
    messages=[{"role": "user", "content": "Hi"}],
    extra_body={"temperature": 0.2},
)
