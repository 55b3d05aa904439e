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
  }' | python3 -m json.tool
#> {
#>     "id": "msg_012y9lcE91Mmji346Ile20QS",
#>     "type": "message",
#>     "role": "assistant",
#>     "model": "claude-sonnet-4-6",
#>     "content": [
#>         {
#>             "type": "text",
#>             "text": "I can answer questions, explain ideas, and help you write text or code.",
#>             "citations": null
#>         }
#>     ],
#>     "stop_reason": "end_turn",
#>     "stop_sequence": null,
#>     "stop_details": null,
#>     "container": null,
#>     "usage": {
#>         "input_tokens": 19,
#>         "output_tokens": 17,
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
