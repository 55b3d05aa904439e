#!/usr/bin/env bash
# The Anthropic surface streams when the body asks for it with "stream": true.
curl -sS -N --fail-with-body https://www.ezrouter.dev/anthropic/v1/messages \
  -H "x-api-key: $EZROUTER_API_KEY" \
  -H "anthropic-version: 2023-06-01" \
  -H "Content-Type: application/json" \
  -d '{
    "model": "claude-sonnet-4-6",
    "max_tokens": 256,
    "stream": true,
    "messages": [{"role": "user", "content": "Say hi."}]
  }'
#> event: message_start
#> data: {"type":"message_start","message":{"id":"msg_01ICjmIvDGIecfOhROWlEnQm","type":"message","role":"assistant","model":"claude-sonnet-4-6","content":[],"stop_reason":null,"stop_sequence":null,"stop_details":null,"container":null,"usage":{"input_tokens":6,"output_tokens":1,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"inference_geo":null,"server_tool_use":null,"service_tier":"standard"}}}
#>
#> event: ping
#> data: {"type":"ping"}
#>
#> event: content_block_start
#> data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":"","citations":null}}
#>
#> event: content_block_delta
#> data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello!"}}
#>
#> event: content_block_stop
#> data: {"type":"content_block_stop","index":0}
#>
#> event: message_delta
#> data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null,"stop_details":null,"container":null},"usage":{"input_tokens":6,"output_tokens":2,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"server_tool_use":null}}
#>
#> event: message_stop
#> data: {"type":"message_stop"}
