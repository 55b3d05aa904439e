import os

from openai import OpenAI

client = OpenAI(
    base_url="https://www.ezrouter.dev/v1",
    api_key=os.environ["EZROUTER_API_KEY"],
)

for model in client.models.list():
    # supported_endpoint_types: ezrouter's extension, the surfaces per model.
    surfaces = (model.model_extra or {}).get("supported_endpoint_types", [])
    print(f"{model.id:20} {', '.join(surfaces)}")
    #> claude-opus-4-7      anthropic, openai
    #> claude-sonnet-4-6    anthropic, openai
    #> claude-haiku-4-5     anthropic, openai
    #> deepseek-v4-pro      openai
    #> deepseek-v4-flash    openai
    #> glm-5.1              openai
    #> kimi-k2.6            openai
