"""Stream a reply on the Anthropic surface with the SDK's stream helper."""

import os

import anthropic

client = anthropic.Anthropic(
    base_url="https://www.ezrouter.dev/anthropic",
    api_key=os.environ["EZROUTER_API_KEY"],
)

with client.messages.stream(
    model="claude-sonnet-4-6",
    max_tokens=256,
    messages=[{"role": "user", "content": "Name three rivers in Europe."}],
) as stream:
    for text in stream.text_stream:
        print(repr(text))  # one text delta as it arrives
        #> 'The Danube, the'
        #> ' Rhine and the Loire'
        #> '.'
    message = stream.get_final_message()  # the assembled Message

print(message.stop_reason)
#> end_turn
print(message.usage.input_tokens, message.usage.output_tokens)
#> 9 9
