import anthropic

client = anthropic.Anthropic(
    base_url="https://www.ezrouter.dev/anthropic",
    api_key="sk-not-a-real-key",
)

try:
    client.messages.create(
        model="claude-haiku-4-5",
        max_tokens=64,
        messages=[{"role": "user", "content": "Hi"}],
    )
except anthropic.AuthenticationError as err:
    body = err.body if isinstance(err.body, dict) else {}
    error = body.get("error", {})
    print(err.status_code, error.get("code"), error.get("type"))
    #> 401 invalid_api_key authentication_error
    print("request id:", bool(err.response.headers.get("x-oneapi-request-id")))
    #> request id: True
