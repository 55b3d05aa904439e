import os
import time

import openai
from openai import OpenAI

client = OpenAI(
    base_url="https://www.ezrouter.dev/v1",
    api_key=os.environ["EZROUTER_API_KEY"],
    timeout=60.0,  # seconds: ordinary chat; give thinking requests more
    max_retries=0,  # the SDK would retry 429 too; the loop below does it
)
# Worth another try: a 5xx, a network error, a timeout. Not a 429 or other 4xx.
RETRYABLE = (openai.InternalServerError, openai.APIConnectionError)


def complete(prompt: str, models: list[str], user_id: str, attempts: int = 3):
    """Return (model, answer). A failed attempt moves on to the next model."""
    for attempt in range(attempts):
        model = models[attempt % len(models)]
        try:
            stream = client.chat.completions.create(
                model=model,
                messages=[{"role": "user", "content": prompt}],
                stream=True,
                extra_body={"user_id": user_id},  # which of your users sent it
            )
            text = "".join(
                c.choices[0].delta.content or "" for c in stream if c.choices
            )
            return model, text
        except RETRYABLE as err:
            name = type(err).__name__
            print(f"attempt {attempt + 1} with {model} failed: {name}")
            if attempt + 1 < attempts:
                time.sleep(2**attempt)  # back off: 1 s, 2 s, ...
    raise RuntimeError(f"no answer after {attempts} attempts")


models = ["claude-sonnet-4-6", "deepseek-v4-pro"]
print(complete("Say hi.", models, user_id="user-1234"))
#> ('claude-sonnet-4-6', 'Hello!')
