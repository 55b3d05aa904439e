# Probe: one streamed call, so the journal shows the headers this release sends;
# then the transport it installs, the parameters of the call and its exceptions.
import importlib.metadata
import inspect
import json
import os
import re

import openai
from openai import OpenAI

client = OpenAI(
    base_url="https://www.ezrouter.dev/v1",
    api_key=os.environ["EZROUTER_API_KEY"],
)
stream = client.chat.completions.create(
    model="claude-haiku-4-5",
    max_tokens=16,
    messages=[{"role": "user", "content": "Hi"}],
    stream=True,
)
for _ in stream:
    pass
requires = importlib.metadata.requires("openai") or []
names = [re.split(r"[^A-Za-z0-9_.-]", r)[0] for r in requires]
print(next(n for n in names if n.startswith("httpx")))
print(json.dumps(sorted(inspect.signature(client.chat.completions.create).parameters)))
print(json.dumps(sorted(n for n in dir(openai) if n.endswith("Error"))))
