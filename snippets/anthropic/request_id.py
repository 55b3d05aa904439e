import os

import anthropic

client = anthropic.Anthropic(
    base_url="https://www.ezrouter.dev/anthropic",
    api_key=os.environ["EZROUTER_API_KEY"],
)

# with_raw_response returns the HTTP response; .parse() gives the usual Message.
raw = client.messages.with_raw_response.create(
    model="claude-haiku-4-5",
    max_tokens=64,
    messages=[{"role": "user", "content": "Hi"}],
)
print("request id present:", bool(raw.headers.get("x-oneapi-request-id")))
#> request id present: True

message = raw.parse()
print(message.role, message.stop_reason)
#> assistant end_turn
