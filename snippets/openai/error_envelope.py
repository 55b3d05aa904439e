import json
import urllib.error
import urllib.request

# A plain HTTP call with a key that does not exist: the raw error envelope.
# Only the standard library: nothing to install.
request = urllib.request.Request(
    "https://www.ezrouter.dev/v1/models",
    headers={"Authorization": "Bearer sk-not-a-real-key"},
)
try:
    urllib.request.urlopen(request, timeout=60)
except urllib.error.HTTPError as response:
    print(response.code, response.headers["content-type"])
    #> 401 application/json
    error = json.load(response)["error"]
    print(sorted(error))
    #> ['code', 'message', 'type']
    print(error["code"], error["type"])
    #> invalid_api_key authentication_error
    print("(request id:" in error["message"])
    #> True
    print(response.headers["x-oneapi-request-id"] in error["message"])
    #> True
