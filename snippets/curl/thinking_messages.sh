#!/usr/bin/env bash
# Extended thinking on the Anthropic surface: max_tokens > budget_tokens.
curl -sS --fail-with-body https://www.ezrouter.dev/anthropic/v1/messages \
  -H "x-api-key: $EZROUTER_API_KEY" \
  -H "anthropic-version: 2023-06-01" \
  -H "Content-Type: application/json" \
  -d '{
    "model": "claude-sonnet-4-6",
    "max_tokens": 2048,
    "thinking": {"type": "enabled", "budget_tokens": 1024},
    "messages": [{"role": "user", "content": "Is 391 a prime number?"}]
  }'
