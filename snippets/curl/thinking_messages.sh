#!/usr/bin/env bash
# Extended thinking on the Anthropic surface: max_tokens > budget_tokens.
curl -sS --fail-with-body https://www.ezrouter.dev/anthropic/v1/messages \
  -H "x-api-key: $EZROUTER_API_KEY" \
  -H "anthropic-version: 2023-06-01" \
  -H "Content-Type: application/json" \
  -d '{
    "model": "claude-sonnet-4-6",
    "max_tokens": 2048,
    "thinking": {"type": "enabled", "budget_tokens": 1024},
    "messages": [{"role": "user", "content": "Is 391 a prime number?"}]
  }' | python3 -m json.tool
#> {
#>     "id": "msg_01hOONOxQ1TOb9qVdnQVQjIM",
#>     "type": "message",
#>     "role": "assistant",
#>     "model": "claude-sonnet-4-6",
#>     "content": [
#>         {
#>             "type": "thinking",
#>             "thinking": "391 is odd, and its digit sum is 13, so neither 2 nor 3 divides it; it does not end in 0 or 5. Its square root is just under 20, so I only need to try primes up to 19. So 391 has the factors 17 and 23 and is not prime.",
#>             "signature": "AY80jALwsBdYiP/gz/drQsPxbnS75Qod7WwHhsuBxxY7"
#>         },
#>         {
#>             "type": "text",
#>             "text": "No. 391 is 17 times 23, so it is not a prime number.",
#>             "citations": null
#>         }
#>     ],
#>     "stop_reason": "end_turn",
#>     "stop_sequence": null,
#>     "stop_details": null,
#>     "container": null,
#>     "usage": {
#>         "input_tokens": 9,
#>         "output_tokens": 76,
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
