#!/usr/bin/env bash
# The Anthropic surface takes the key in either header. Send the same request
# once with each; curl --fail stops the script if either is refused.
set -euo pipefail

body='{
  "model": "claude-haiku-4-5",
  "max_tokens": 32,
  "messages": [{"role": "user", "content": "Hi"}]
}'

for auth in "x-api-key: $EZROUTER_API_KEY" \
            "Authorization: Bearer $EZROUTER_API_KEY"; do
  status=$(curl -sS --fail -o /dev/null -w '%{http_code}' \
    https://www.ezrouter.dev/anthropic/v1/messages \
    -H "$auth" \
    -H "anthropic-version: 2023-06-01" \
    -H "Content-Type: application/json" \
    -d "$body")
  echo "${auth%%:*} -> HTTP $status"
done
#> x-api-key -> HTTP 200
#> Authorization -> HTTP 200
