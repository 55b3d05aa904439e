#!/usr/bin/env bash
# No "stream" field in the body: chat completions answer with SSE anyway.
curl -sS -N --fail-with-body https://www.ezrouter.dev/v1/chat/completions \
  -H "Authorization: Bearer $EZROUTER_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{
    "model": "claude-sonnet-4-6",
    "messages": [{"role": "user", "content": "Say hi."}]
  }'
