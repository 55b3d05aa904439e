#!/usr/bin/env bash
# First round of a tool loop on the Anthropic surface: a tool_use block.
curl -sS --fail-with-body https://www.ezrouter.dev/anthropic/v1/messages \
  -H "x-api-key: $EZROUTER_API_KEY" \
  -H "anthropic-version: 2023-06-01" \
  -H "Content-Type: application/json" \
  -d '{
    "model": "claude-sonnet-4-6",
    "max_tokens": 512,
    "tools": [{
      "name": "get_weather",
      "description": "Current weather for a city.",
      "input_schema": {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"]
      }
    }],
    "messages": [{"role": "user", "content": "What is the weather in Paris?"}]
  }'
