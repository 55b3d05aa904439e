"""Turn on thinking on the OpenAI surface and read reasoning_content."""

import os
import textwrap

from openai import OpenAI

client = OpenAI(
    base_url="https://www.ezrouter.dev/v1",
    api_key=os.environ["EZROUTER_API_KEY"],
)

messages = [{"role": "user", "content": "Is 391 a prime number?"}]

with client.chat.completions.stream(
    model="claude-sonnet-4-6",
    messages=messages,
    reasoning_effort="high",
    extra_body={"thinking": {"type": "enabled"}},
) as stream:
    message = stream.get_final_completion().choices[0].message

# reasoning_content is an extra field next to content (absent without thinking).
reasoning = getattr(message, "reasoning_content", None) or ""
print("reasoning:", reasoning[:60])
#> reasoning: 391 is odd, and its digit sum is 13, so neither 2 nor 3 divi
print("answer:", textwrap.shorten(message.content, 60))
#> answer: No. 391 is 17 times 23, so it is not a prime number.

# The gateway drops reasoning_content sent back in history: resend content only.
messages.append({"role": "assistant", "content": message.content})
messages.append({"role": "user", "content": "And 397?"})

with client.chat.completions.stream(
    model="claude-sonnet-4-6",
    messages=messages,
    reasoning_effort="high",
    extra_body={"thinking": {"type": "enabled"}},
) as stream:
    message = stream.get_final_completion().choices[0].message
print("answer:", textwrap.shorten(message.content, 60))
#> answer: Yes, 397 is prime: no prime up to its square root [...]
