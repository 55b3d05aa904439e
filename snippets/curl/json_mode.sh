#!/usr/bin/env bash
# JSON mode on the OpenAI surface; the answer arrives as SSE chunks as usual.
curl -sS -N --fail-with-body https://www.ezrouter.dev/v1/chat/completions \
  -H "Authorization: Bearer $EZROUTER_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{
    "model": "claude-sonnet-4-6",
    "max_tokens": 800,
    "response_format": {"type": "json_object"},
    "messages": [
      {"role": "system", "content": "Answer in JSON: {\"city\": \"Lyon\"}."},
      {"role": "user", "content": "I moved to Porto last year."}
    ]
  }'
