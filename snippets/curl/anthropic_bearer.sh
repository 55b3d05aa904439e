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
  }' | python3 -m json.tool
#> {
#>     "id": "msg_01vYJpmpaZ6OxrbW51qWi9EE",
#>     "type": "message",
#>     "role": "assistant",
#>     "model": "claude-haiku-4-5",
#>     "content": [
#>         {
#>             "type": "text",
#>             "text": "Hello! How can I help you today?",
#>             "citations": null
#>         }
#>     ],
#>     "stop_reason": "end_turn",
#>     "stop_sequence": null,
#>     "stop_details": null,
#>     "container": null,
#>     "usage": {
#>         "input_tokens": 4,
#>         "output_tokens": 9,
#>         "cache_creation_input_tokens": 0,
#>         "cache_read_input_tokens": 0,
#>         "cache_creation": {
#>             "ephemeral_5m_input_tokens": 0,
#>             "ephemeral_1h_input_tokens": 0
#>         },
#>         "inference_geo": null,
#>         "server_tool_use": null,
#>         "service_tier": "standard"
#>     }
#> }
