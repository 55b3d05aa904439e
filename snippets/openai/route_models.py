import os

from openai import OpenAI

client = OpenAI(
    base_url="https://www.ezrouter.dev/v1",
    api_key=os.environ["EZROUTER_API_KEY"],
)


def ask(model: str, prompt: str) -> str:
    """Stream one answer and return its text (the surface always streams)."""
    stream = client.chat.completions.create(
        model=model,
        max_tokens=128,
        messages=[{"role": "user", "content": prompt}],
        stream=True,
    )
    return "".join(ch.delta.content or "" for c in stream for ch in c.choices)


# One client, one key: only the model id changes.
for model in ["claude-haiku-4-5", "deepseek-v4-flash", "glm-5.1", "kimi-k2.6"]:
    answer = ask(model, "What is a gateway?")
    print(f"{model:18} {answer.split('. ')[0]}.")
    #> claude-haiku-4-5   A gateway is a front door for APIs.
    #> deepseek-v4-flash  A gateway is a front door for APIs.
    #> glm-5.1            It's a service that sits between clients and backends.
    #> kimi-k2.6          A gateway is the one endpoint your clients talk to.
