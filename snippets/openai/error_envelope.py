import httpx

# A plain HTTP call with a key that does not exist: the raw error envelope.
response = httpx.get(
    "https://www.ezrouter.dev/v1/models",
    headers={"Authorization": "Bearer sk-not-a-real-key"},
)
print(response.status_code, response.headers["content-type"])
#> 401 application/json

error = response.json()["error"]
print(sorted(error))
#> ['code', 'message', 'type']
print(error["code"], error["type"])
#> invalid_api_key authentication_error
print("(request id:" in error["message"])
#> True
print(response.headers["x-oneapi-request-id"] in error["message"])
#> True
