#!/usr/bin/env bash
# The catalog: every model id and the surfaces that serve it (pretty-printed).

curl -sS --fail-with-body https://www.ezrouter.dev/v1/models \
  -H "Authorization: Bearer $EZROUTER_API_KEY" | python3 -m json.tool
#> {
#>     "object": "list",
#>     "data": [
#>         {
#>             "id": "claude-opus-4-7",
#>             "object": "model",
#>             "created": 1626777600,
#>             "owned_by": "vertex-ai",
#>             "supported_endpoint_types": [
#>                 "anthropic",
#>                 "openai"
#>             ]
#>         },
#>         {
#>             "id": "claude-sonnet-4-6",
#>             "object": "model",
#>             "created": 1626777600,
#>             "owned_by": "vertex-ai",
#>             "supported_endpoint_types": [
#>                 "anthropic",
#>                 "openai"
#>             ]
#>         },
#>         {
#>             "id": "claude-haiku-4-5",
#>             "object": "model",
#>             "created": 1626777600,
#>             "owned_by": "vertex-ai",
#>             "supported_endpoint_types": [
#>                 "anthropic",
#>                 "openai"
#>             ]
#>         },
#>         {
#>             "id": "deepseek-v4-pro",
#>             "object": "model",
#>             "created": 1626777600,
#>             "owned_by": "custom",
#>             "supported_endpoint_types": [
#>                 "openai"
#>             ]
#>         },
#>         {
#>             "id": "deepseek-v4-flash",
#>             "object": "model",
#>             "created": 1626777600,
#>             "owned_by": "custom",
#>             "supported_endpoint_types": [
#>                 "openai"
#>             ]
#>         },
#>         {
#>             "id": "glm-5.1",
#>             "object": "model",
#>             "created": 1626777600,
#>             "owned_by": "custom",
#>             "supported_endpoint_types": [
#>                 "openai"
#>             ]
#>         },
#>         {
#>             "id": "kimi-k2.6",
#>             "object": "model",
#>             "created": 1626777600,
#>             "owned_by": "custom",
#>             "supported_endpoint_types": [
#>                 "openai"
#>             ]
#>         }
#>     ],
#>     "success": true
#> }
