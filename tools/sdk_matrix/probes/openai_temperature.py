# Probe: does chat.completions.create take `temperature`? Then the same field through
# extra_body, which the test process looks for in the mock's request log.
import os

from openai import OpenAI

client = OpenAI(
    base_url="https://www.ezrouter.dev/v1",
    api_key=os.environ["EZROUTER_API_KEY"],
)
try:
    stream = client.chat.completions.create(
        model="claude-haiku-4-5",
        max_tokens=16,
        temperature=0.2,
        messages=[{"role": "user", "content": "Hi"}],
        stream=True,
    )
    for _ in stream:
        pass
except TypeError as err:
    print(f"TypeError: {err}")
else:
    print("accepted")
stream = client.chat.completions.create(
    model="claude-haiku-4-5",
    max_tokens=16,
    messages=[{"role": "user", "content": "Hi"}],
    stream=True,
    extra_body={"temperature": 0.2},
)
for _ in stream:
    pass
