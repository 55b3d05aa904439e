"""Send one long prefix twice and read cached_tokens on the OpenAI surface."""

import os

from openai import OpenAI

client = OpenAI(
    base_url="https://www.ezrouter.dev/v1",
    api_key=os.environ["EZROUTER_API_KEY"],
)

# A long prefix that stays the same on every call; no cache directive is needed.
handbook = "\n".join(
    f"Rule {n}: answer questions about order {n} politely." for n in range(400)
)


def usage_for(model: str):
    with client.chat.completions.stream(
        model=model,
        messages=[
            {"role": "system", "content": handbook},
            {"role": "user", "content": "What does rule 7 say?"},
        ],
    ) as stream:
        return stream.get_final_completion().usage


for model in ["claude-sonnet-4-6", "glm-5.1", "claude-opus-4-7"]:
    for attempt in (1, 2):
        usage = usage_for(model)
        cached = usage.prompt_tokens_details.cached_tokens
        prompt = usage.prompt_tokens
        print(f"{model} call {attempt}: cached={cached} prompt={prompt}")
        #> claude-sonnet-4-6 call 1: cached=0 prompt=4410
        #> claude-sonnet-4-6 call 2: cached=4401 prompt=4410
        #> glm-5.1 call 1: cached=0 prompt=4410
        #> glm-5.1 call 2: cached=4096 prompt=4410
        #> claude-opus-4-7 call 1: cached=0 prompt=4410
        #> claude-opus-4-7 call 2: cached=0 prompt=4410
