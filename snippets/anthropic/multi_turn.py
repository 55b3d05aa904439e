"""Keep a conversation going on the stateless Anthropic surface."""

import os

import anthropic

client = anthropic.Anthropic(
    base_url="https://www.ezrouter.dev/anthropic",
    api_key=os.environ["EZROUTER_API_KEY"],
)

MAX_MESSAGES = 4  # the last 2 exchanges, to show trimming; real apps keep 10-20
history: list[dict] = []


def ask(question: str) -> str:
    del history[:-MAX_MESSAGES]  # whole exchanges: starts on a user turn
    history.append({"role": "user", "content": question})
    response = client.messages.create(
        model="claude-sonnet-4-6",
        max_tokens=512,
        system="You are a concise travel assistant.",  # sent on every call
        messages=history,  # the gateway keeps no state: send it all
    )
    history.append({"role": "assistant", "content": response.content})
    tokens = response.usage.input_tokens
    print(f"history: {len(history) - 1} messages, input_tokens={tokens}")
    #> history: 1 messages, input_tokens=20
    #> history: 3 messages, input_tokens=55
    #> history: 5 messages, input_tokens=91
    #> history: 5 messages, input_tokens=96
    return response.content[0].text


ask("Suggest one city to visit in Portugal.")
ask("What should I eat there?")
ask("And what should I see?")
ask("How many days do I need?")
