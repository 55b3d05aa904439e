#!/usr/bin/env bash
# A wrong key on purpose: print the error envelope and the HTTP status.

curl -sS https://www.ezrouter.dev/v1/models \
  -H "Authorization: Bearer sk-not-a-real-key" \
  -w '\nHTTP %{http_code}\n'
