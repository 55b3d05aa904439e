# Probe: what a non-streaming call returns when the gateway answers with SSE.
import os

from openai import OpenAI

client = OpenAI(
    base_url="https://www.ezrouter.dev/v1",
    api_key=os.environ["EZROUTER_API_KEY"],
)
response = client.chat.completions.create(
    model="claude-haiku-4-5",
    max_tokens=16,
    messages=[{"role": "user", "content": "Hi"}],
)
print(type(response).__name__)
