"""Ask for a JSON object with response_format and parse it."""

import json
import os

from openai import OpenAI

client = OpenAI(
    base_url="https://www.ezrouter.dev/v1",
    api_key=os.environ["EZROUTER_API_KEY"],
)

system = (
    "Extract the city and country from the user's text. "
    'Reply with JSON only, like {"city": "Lyon", "country": "France"}.'
)

with client.chat.completions.stream(
    model="claude-sonnet-4-6",
    messages=[
        {"role": "system", "content": system},
        {"role": "user", "content": "I moved to Porto in Portugal last year."},
    ],
    response_format={"type": "json_object"},
    max_tokens=800,  # leave room: a cut-off object does not parse
) as stream:
    content = stream.get_final_completion().choices[0].message.content

if not content:
    raise RuntimeError("empty reply: retry or rephrase the prompt")
data = json.loads(content)
print(sorted(data))  # the keys your code relies on
#> ['city', 'country']
