#!/usr/bin/env bash
# The quickstart request on the wire: POST to the surface root + /v1/messages.
set -euo pipefail

curl -sS --fail-with-body https://www.ezrouter.dev/anthropic/v1/messages \
  -H "Authorization: Bearer $EZROUTER_API_KEY" \
  -H "anthropic-version: 2023-06-01" \
  -H "Content-Type: application/json" \
  -d '{
    "model": "claude-sonnet-4-6",
    "max_tokens": 512,
    "system": "Answer in one or two sentences.",
    "messages": [{"role": "user", "content": "Hello! What can you do?"}]
  }'
