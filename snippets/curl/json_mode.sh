#!/usr/bin/env bash
# JSON mode on the OpenAI surface; the answer arrives as SSE chunks as usual.
curl -sS -N --fail-with-body https://www.ezrouter.dev/v1/chat/completions \
  -H "Authorization: Bearer $EZROUTER_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{
    "model": "claude-sonnet-4-6",
    "max_tokens": 800,
    "response_format": {"type": "json_object"},
    "messages": [
      {"role": "system", "content": "Answer in JSON: {\"city\": \"Lyon\"}."},
      {"role": "user", "content": "I moved to Porto last year."}
    ]
  }'
#> data: {"id":"msg_014ZpgbpvA0nYyIMJm8HiOxH","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_014ZpgbpvA0nYyIMJm8HiOxH","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"content":"{\"city\""},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_014ZpgbpvA0nYyIMJm8HiOxH","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"content":": \"Porto\""},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_014ZpgbpvA0nYyIMJm8HiOxH","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"content":"}"},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_014ZpgbpvA0nYyIMJm8HiOxH","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{},"finish_reason":"stop","logprobs":null}]}
#>
#> data: {"id":"msg_014ZpgbpvA0nYyIMJm8HiOxH","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[],"usage":{"prompt_tokens":25,"completion_tokens":9,"total_tokens":34,"prompt_tokens_details":{"cached_tokens":0,"text_tokens":0,"audio_tokens":0,"image_tokens":0},"completion_tokens_details":{"reasoning_tokens":0},"input_tokens":25,"output_tokens":9}}
#>
#> data: [DONE]
