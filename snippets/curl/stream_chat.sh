#!/usr/bin/env bash
# No "stream" field in the body: chat completions answer with SSE anyway.
curl -sS -N --fail-with-body https://www.ezrouter.dev/v1/chat/completions \
  -H "Authorization: Bearer $EZROUTER_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{
    "model": "claude-sonnet-4-6",
    "messages": [{"role": "user", "content": "Say hi."}]
  }'
#> data: {"id":"msg_01ICjmIvDGIecfOhROWlEnQm","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_01ICjmIvDGIecfOhROWlEnQm","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"content":"Hello!"},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_01ICjmIvDGIecfOhROWlEnQm","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{},"finish_reason":"stop","logprobs":null}]}
#>
#> data: {"id":"msg_01ICjmIvDGIecfOhROWlEnQm","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[],"usage":{"prompt_tokens":6,"completion_tokens":2,"total_tokens":8,"prompt_tokens_details":{"cached_tokens":0,"text_tokens":0,"audio_tokens":0,"image_tokens":0},"completion_tokens_details":{"reasoning_tokens":0},"input_tokens":6,"output_tokens":2}}
#>
#> data: [DONE]
