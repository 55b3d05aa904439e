#!/usr/bin/env bash
# A chat completion on the OpenAI-compatible surface. The gateway answers with
# server-sent events even though the body does not ask for a stream.

curl -sS -N --fail-with-body https://www.ezrouter.dev/v1/chat/completions \
  -H "Authorization: Bearer $EZROUTER_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{
    "model": "claude-sonnet-4-6",
    "max_tokens": 256,
    "messages": [{"role": "user", "content": "Hi, how are you?"}]
  }'
