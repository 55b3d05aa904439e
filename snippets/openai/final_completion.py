import os

from openai import OpenAI

client = OpenAI(
    base_url="https://www.ezrouter.dev/v1",
    api_key=os.environ["EZROUTER_API_KEY"],
)

# The SDK's stream helper reads every chunk and assembles one ChatCompletion.
with client.chat.completions.stream(
    model="claude-sonnet-4-6",
    max_tokens=256,
    messages=[{"role": "user", "content": "Hello there!"}],
) as stream:
    completion = stream.get_final_completion()

choice = completion.choices[0]
print(choice.message.content)
#> Hello! How can I help you today?
print(choice.finish_reason)
#> stop
print(completion.usage.prompt_tokens, completion.usage.completion_tokens)
#> 6 9
