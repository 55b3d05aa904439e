#!/usr/bin/env bash
# Check the key and the model before starting Claude Code: one small message,
# sent the way Claude Code sends it (Bearer key, Anthropic surface).

curl -sS https://www.ezrouter.dev/anthropic/v1/messages \
  -H "Authorization: Bearer $EZROUTER_API_KEY" \
  -H "anthropic-version: 2023-06-01" \
  -H "content-type: application/json" \
  -d '{"model": "claude-sonnet-4-6", "max_tokens": 16,
       "messages": [{"role": "user", "content": "ping"}]}' \
  -o /dev/null -w 'HTTP %{http_code}\n'
