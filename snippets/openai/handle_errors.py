import logging
import os

import openai
from openai import OpenAI

log = logging.getLogger("ezrouter")
client = OpenAI(
    base_url="https://www.ezrouter.dev/v1",
    api_key=os.environ["EZROUTER_API_KEY"],
    timeout=60.0,  # seconds; give thinking or long requests more
    max_retries=2,  # the default: retries 408, 409, 429, 5xx, network errors
)


def ask(model: str, prompt: str) -> str:
    """Return the answer, or one line that says what failed and what to do."""
    try:
        stream = client.chat.completions.create(
            model=model,
            max_tokens=64,
            messages=[{"role": "user", "content": prompt}],
            stream=True,
        )
        deltas = (ch.delta.content for c in stream for ch in c.choices)
        return "".join(d or "" for d in deltas)
    except openai.APIStatusError as err:
        request_id = err.response.headers.get("x-oneapi-request-id")
        log.warning("request id %s (for a support ticket)", request_id)
        if err.status_code in (401, 403):
            advice = "check the key and the model id"
        elif err.status_code >= 500:
            advice = "gateway or upstream failed; retry or try another model"
        else:
            advice = "fix the request; retrying it unchanged will not help"
        return f"{err.status_code} {err.code}: {advice}"
    except openai.APIConnectionError:
        return "no answer: network error or timeout, after the SDK's retries"


print(ask("claude-haiku-4-5", "Say hi."))
#> Hello!
print(ask("no-such-model", "Say hi."))
#> 403 access_denied: check the key and the model id
