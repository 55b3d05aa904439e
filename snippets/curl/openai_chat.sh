#!/usr/bin/env bash
# A chat completion on the OpenAI-compatible surface. The gateway answers with
# server-sent events even though the body does not ask for a stream.

curl -sS -N --fail-with-body https://www.ezrouter.dev/v1/chat/completions \
  -H "Authorization: Bearer $EZROUTER_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{
    "model": "claude-sonnet-4-6",
    "max_tokens": 256,
    "messages": [{"role": "user", "content": "Hi, how are you?"}]
  }'
#> data: {"id":"msg_013GwicpQezbqE5SohHMfgWT","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_013GwicpQezbqE5SohHMfgWT","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"content":"Hello! I'"},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_013GwicpQezbqE5SohHMfgWT","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"content":"m doing well,"},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_013GwicpQezbqE5SohHMfgWT","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"content":" thanks for asking."},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_013GwicpQezbqE5SohHMfgWT","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"content":" How can I help"},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_013GwicpQezbqE5SohHMfgWT","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"content":" you today?"},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_013GwicpQezbqE5SohHMfgWT","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{},"finish_reason":"stop","logprobs":null}]}
#>
#> data: {"id":"msg_013GwicpQezbqE5SohHMfgWT","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":19,"total_tokens":28,"prompt_tokens_details":{"cached_tokens":0,"text_tokens":0,"audio_tokens":0,"image_tokens":0},"completion_tokens_details":{"reasoning_tokens":0},"input_tokens":9,"output_tokens":19}}
#>
#> data: [DONE]
