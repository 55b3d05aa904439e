import os

import anthropic

client = anthropic.Anthropic(
    base_url="https://www.ezrouter.dev/anthropic",  # the surface root, no /v1
    api_key=os.environ["EZROUTER_API_KEY"],
)

message = client.messages.create(
    model="claude-sonnet-4-6",
    max_tokens=256,
    system="Answer in one or two sentences.",
    messages=[{"role": "user", "content": "Hello! What can you do?"}],
)

print(message.content[0].text)
#> I can answer questions, explain ideas, and help you write text or code.
usage = message.usage
print(message.stop_reason, usage.input_tokens, usage.output_tokens)
#> end_turn 19 17
