#!/usr/bin/env bash
# The Anthropic surface also takes the key as a Bearer token, which is what
# anthropic>=2 and Claude Code send.

curl -sS --fail-with-body https://www.ezrouter.dev/anthropic/v1/messages \
  -H "Authorization: Bearer $EZROUTER_API_KEY" \
  -H "anthropic-version: 2026-10-21" \
  -H "Content-Type: application/json" \
  -d '{
    "model": "claude-haiku-4-5",
    "max_tokens": 64,
    "messages": [{"role": "user", "content": "Hi"}]
  }'
