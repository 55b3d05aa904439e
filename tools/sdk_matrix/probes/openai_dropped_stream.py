# Probe: which exception reaches the caller when the stream's connection drops
# (the test process queues the mock's "drop" fault before this runs).
import os

from openai import OpenAI

client = OpenAI(
    base_url="https://www.ezrouter.dev/v1",
    api_key=os.environ["EZROUTER_API_KEY"],
    max_retries=0,
)
try:
    stream = client.chat.completions.create(
        model="claude-haiku-4-5",
        max_tokens=256,
        messages=[{"role": "user", "content": "Write a long story."}],
        stream=True,
    )
    for _ in stream:
        pass
except Exception as err:  # noqa: BLE001 - the class is what we record
    print(f"{type(err).__module__.split('.')[0]}.{type(err).__qualname__}")
else:
    print("no exception")
