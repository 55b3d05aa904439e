#!/usr/bin/env bash
# On the wire, thinking is a plain top-level field next to reasoning_effort.
curl -sS -N --fail-with-body https://www.ezrouter.dev/v1/chat/completions \
  -H "Authorization: Bearer $EZROUTER_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{
    "model": "claude-sonnet-4-6",
    "reasoning_effort": "high",
    "thinking": {"type": "enabled"},
    "messages": [{"role": "user", "content": "Is 391 a prime number?"}]
  }'
