#!/usr/bin/env bash
# Count a request's input tokens on the Anthropic surface without running it.
curl -sS --fail-with-body \
  https://www.ezrouter.dev/anthropic/v1/messages/count_tokens \
  -H "x-api-key: $EZROUTER_API_KEY" \
  -H "anthropic-version: 2023-06-01" \
  -H "Content-Type: application/json" \
  -d '{
    "model": "claude-sonnet-4-6",
    "system": "You are a concise assistant.",
    "messages": [{"role": "user", "content": "Name three rivers in Europe."}]
  }' | python3 -m json.tool
#> {
#>     "input_tokens": 17
#> }
