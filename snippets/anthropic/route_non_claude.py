import os

import anthropic

client = anthropic.Anthropic(
    base_url="https://www.ezrouter.dev/anthropic",
    api_key=os.environ["EZROUTER_API_KEY"],
)

# One Anthropic-format request, three model families: only the model id changes.
for model in ["claude-haiku-4-5", "deepseek-v4-pro", "glm-5.1"]:
    message = client.messages.create(
        model=model,
        max_tokens=256,
        messages=[{"role": "user", "content": "Name one prime number."}],
    )
    print(message.model, message.content[0].type, message.stop_reason)
    #> claude-haiku-4-5 text end_turn
    #> deepseek-v4-pro text end_turn
    #> glm-5.1 text end_turn
