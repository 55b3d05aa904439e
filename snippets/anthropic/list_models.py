import os

import anthropic

client = anthropic.Anthropic(
    base_url="https://www.ezrouter.dev/anthropic",
    api_key=os.environ["EZROUTER_API_KEY"],
)

for model in client.models.list():
    print(model.id)
    #> claude-opus-4-7
    #> claude-sonnet-4-6
    #> claude-haiku-4-5
