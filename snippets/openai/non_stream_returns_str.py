import os

from openai import OpenAI

client = OpenAI(
    base_url="https://www.ezrouter.dev/v1",
    api_key=os.environ["EZROUTER_API_KEY"],
)

# No stream=True: the gateway still answers with server-sent events.
response = client.chat.completions.create(
    model="claude-sonnet-4-6",
    max_tokens=64,
    messages=[{"role": "user", "content": "Hi"}],
)

print(type(response).__name__)
#> str
print(response.splitlines()[0][:30])
#> data: {"id":"msg_01oN9JPVbQpmh
