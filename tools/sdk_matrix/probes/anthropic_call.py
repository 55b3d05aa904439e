# Probe: one plain call, so the journal shows the headers this release sends;
# then the transport it installs, the parameters of the call and its exceptions.
import importlib.metadata
import inspect
import json
import os
import re

import anthropic

client = anthropic.Anthropic(
    base_url="https://www.ezrouter.dev/anthropic",
    api_key=os.environ["EZROUTER_API_KEY"],
)
client.messages.create(
    model="claude-haiku-4-5",
    max_tokens=16,
    messages=[{"role": "user", "content": "Hi"}],
)
requires = importlib.metadata.requires("anthropic") or []
names = [re.split(r"[^A-Za-z0-9_.-]", r)[0] for r in requires]
print(next(n for n in names if n.startswith("httpx")))
print(json.dumps(sorted(inspect.signature(client.messages.create).parameters)))
print(json.dumps(sorted(n for n in dir(anthropic) if n.endswith("Error"))))
