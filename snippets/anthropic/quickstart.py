import os

import anthropic

# The SDK adds /v1/messages to base_url, so base_url is the surface root.
client = anthropic.Anthropic(
    base_url="https://www.ezrouter.dev/anthropic",
    api_key=os.environ["EZROUTER_API_KEY"],
)

message = client.messages.create(
    model="claude-sonnet-4-6",
    max_tokens=512,
    system="Answer in one or two sentences.",
    messages=[{"role": "user", "content": "Hello! What can you do?"}],
)

print(message.content[0].text)
#> I can answer questions, explain ideas, and help you write text or code.
print(message.model, message.stop_reason)
#> claude-sonnet-4-6 end_turn
