#!/usr/bin/env bash
# A message on the Anthropic-compatible surface, with its x-api-key header.
# The path is the surface root plus /v1/messages; json.tool pretty-prints.

curl -sS --fail-with-body https://www.ezrouter.dev/anthropic/v1/messages \
  -H "x-api-key: $EZROUTER_API_KEY" \
  -H "anthropic-version: 2023-06-01" \
  -H "Content-Type: application/json" \
  -d '{
    "model": "claude-sonnet-4-6",
    "max_tokens": 256,
    "messages": [{"role": "user", "content": "Hi, how are you?"}]
  }' | python3 -m json.tool
#> {
#>     "id": "msg_013GwicpQezbqE5SohHMfgWT",
#>     "type": "message",
#>     "role": "assistant",
#>     "model": "claude-sonnet-4-6",
#>     "content": [
#>         {
#>             "type": "text",
#>             "text": "Hello! I'm doing well, thanks for asking. How can I help you today?",
#>             "citations": null
#>         }
#>     ],
#>     "stop_reason": "end_turn",
#>     "stop_sequence": null,
#>     "stop_details": null,
#>     "container": null,
#>     "usage": {
#>         "input_tokens": 9,
#>         "output_tokens": 19,
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
