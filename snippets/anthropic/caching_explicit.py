"""Mark a long, stable system prompt for caching and read the cache counters."""

import os

import anthropic

client = anthropic.Anthropic(
    base_url="https://www.ezrouter.dev/anthropic",
    api_key=os.environ["EZROUTER_API_KEY"],
)

# A long prefix that stays the same on every call (a manual, a code base, ...).
handbook = "\n".join(
    f"Rule {n}: answer questions about order {n} politely." for n in range(400)
)

for attempt in (1, 2):
    response = client.messages.create(
        model="claude-opus-4-7",
        max_tokens=256,
        system=[
            {
                "type": "text",
                "text": handbook,
                "cache_control": {"type": "ephemeral"},  # cache up to here
            }
        ],
        messages=[{"role": "user", "content": "What does rule 7 say?"}],
    )
    usage = response.usage
    written = usage.cache_creation_input_tokens
    read = usage.cache_read_input_tokens
    uncached = usage.input_tokens
    print(f"call {attempt}: input={uncached} written={written} read={read}")
    #> call 1: input=9 written=4401 read=0
    #> call 2: input=9 written=0 read=4401
