#!/usr/bin/env bash
# A message on the Anthropic-compatible surface, with its x-api-key header.
# The path is the surface root plus /v1/messages.

curl -sS --fail-with-body https://www.ezrouter.dev/anthropic/v1/messages \
  -H "x-api-key: $EZROUTER_API_KEY" \
  -H "anthropic-version: 2023-06-01" \
  -H "Content-Type: application/json" \
  -d '{
    "model": "claude-sonnet-4-6",
    "max_tokens": 256,
    "messages": [{"role": "user", "content": "Hi, how are you?"}]
  }'
