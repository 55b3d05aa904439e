import os

from openai import OpenAI

client = OpenAI(
    base_url="https://www.ezrouter.dev/v1",
    api_key=os.environ["EZROUTER_API_KEY"],
)

# with_raw_response gives the HTTP response: headers now, parsed body on demand.
raw = client.models.with_raw_response.list()
request_id = raw.headers.get("x-oneapi-request-id")
print("request id present:", bool(request_id))
#> request id present: True

models = raw.parse()
print(len(models.data) > 0)
#> True
