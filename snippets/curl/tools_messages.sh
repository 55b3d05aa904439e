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
  }' | python3 -m json.tool
#> {
#>     "id": "msg_01Ky32xM7MaFDHFvHVvfStDG",
#>     "type": "message",
#>     "role": "assistant",
#>     "model": "claude-sonnet-4-6",
#>     "content": [
#>         {
#>             "type": "tool_use",
#>             "id": "toolu_01Htv7lkekFHEYyapAB5WlV8",
#>             "name": "get_weather",
#>             "input": {
#>                 "city": "Paris"
#>             },
#>             "caller": {
#>                 "type": "direct"
#>             }
#>         }
#>     ],
#>     "stop_reason": "tool_use",
#>     "stop_sequence": null,
#>     "stop_details": null,
#>     "container": null,
#>     "usage": {
#>         "input_tokens": 61,
#>         "output_tokens": 13,
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
