import os

import anthropic

client = anthropic.Anthropic(
    base_url="https://www.ezrouter.dev/anthropic",
    api_key=os.environ["EZROUTER_API_KEY"],
)

pieces = []
with client.messages.stream(
    model="claude-sonnet-4-6",
    max_tokens=256,
    messages=[{"role": "user", "content": "Hello!"}],
) as stream:
    for text in stream.text_stream:
        pieces.append(text)  # in an app, show each piece as it arrives
    final = stream.get_final_message()

print(len(pieces) > 1, "".join(pieces) == final.content[0].text)
#> True True
print("".join(pieces))
#> Hello! How can I help you today?
print(final.stop_reason)
#> end_turn
