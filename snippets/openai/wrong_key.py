import openai
from openai import OpenAI

client = OpenAI(
    base_url="https://www.ezrouter.dev/v1",
    api_key="sk-not-a-real-key",
)

try:
    client.models.list()
except openai.AuthenticationError as err:
    # The SDK unwraps the ezrouter envelope: err.code and err.type come from it.
    print(err.status_code, err.code, err.type)
    #> 401 invalid_api_key authentication_error
    print("request id:", bool(err.response.headers.get("x-oneapi-request-id")))
    #> request id: True
