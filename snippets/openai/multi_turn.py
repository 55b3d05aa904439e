"""Keep a conversation going on the stateless OpenAI surface."""

import os

from openai import OpenAI

client = OpenAI(
    base_url="https://www.ezrouter.dev/v1",
    api_key=os.environ["EZROUTER_API_KEY"],
)

SYSTEM = {"role": "system", "content": "You are a concise travel assistant."}
MAX_MESSAGES = 4  # the last 2 exchanges, to show trimming; real apps keep 10-20
history: list[dict] = []


def ask(question: str) -> str:
    del history[:-MAX_MESSAGES]  # oldest exchanges, never the system prompt
    history.append({"role": "user", "content": question})
    with client.chat.completions.stream(
        model="claude-sonnet-4-6",
        messages=[SYSTEM, *history],  # the gateway keeps no state: send it all
    ) as stream:
        completion = stream.get_final_completion()
    answer = completion.choices[0].message.content
    history.append({"role": "assistant", "content": answer})
    tokens = completion.usage.prompt_tokens
    print(f"history: {len(history) - 1} messages, prompt_tokens={tokens}")
    #> history: 1 messages, prompt_tokens=20
    #> history: 3 messages, prompt_tokens=55
    #> history: 5 messages, prompt_tokens=91
    #> history: 5 messages, prompt_tokens=96
    return answer


ask("Suggest one city to visit in Portugal.")
ask("What should I eat there?")
ask("And what should I see?")
ask("How many days do I need?")
