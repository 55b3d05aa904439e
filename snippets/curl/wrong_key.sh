#!/usr/bin/env bash
# A wrong key on purpose: print the error envelope and the HTTP status.

curl -sS https://www.ezrouter.dev/v1/models \
  -H "Authorization: Bearer sk-not-a-real-key" \
  -w '\nHTTP %{http_code}\n'
#> {"error":{"code":"invalid_api_key","message":"authorization: invalid API key: the key is not known to this gateway (request id: 20261201120000790d0800000001)","type":"authentication_error"}}
#> HTTP 401
