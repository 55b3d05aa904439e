#!/usr/bin/env bash
# On the wire, thinking is a plain top-level field next to reasoning_effort.
curl -sS -N --fail-with-body https://www.ezrouter.dev/v1/chat/completions \
  -H "Authorization: Bearer $EZROUTER_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{
    "model": "claude-sonnet-4-6",
    "reasoning_effort": "high",
    "thinking": {"type": "enabled"},
    "messages": [{"role": "user", "content": "Is 391 a prime number?"}]
  }'
#> data: {"id":"msg_01hOONOxQ1TOb9qVdnQVQjIM","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_01hOONOxQ1TOb9qVdnQVQjIM","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"reasoning_content":"391 is odd,"},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_01hOONOxQ1TOb9qVdnQVQjIM","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"reasoning_content":" and its digit sum"},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_01hOONOxQ1TOb9qVdnQVQjIM","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"reasoning_content":" is 13, so"},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_01hOONOxQ1TOb9qVdnQVQjIM","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"reasoning_content":" neither 2 nor 3"},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_01hOONOxQ1TOb9qVdnQVQjIM","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"reasoning_content":" divides it; it"},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_01hOONOxQ1TOb9qVdnQVQjIM","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"reasoning_content":" does not end in"},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_01hOONOxQ1TOb9qVdnQVQjIM","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"reasoning_content":" 0 or 5."},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_01hOONOxQ1TOb9qVdnQVQjIM","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"reasoning_content":" Its square root is"},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_01hOONOxQ1TOb9qVdnQVQjIM","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"reasoning_content":" just under 20,"},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_01hOONOxQ1TOb9qVdnQVQjIM","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"reasoning_content":" so I only need"},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_01hOONOxQ1TOb9qVdnQVQjIM","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"reasoning_content":" to try primes up"},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_01hOONOxQ1TOb9qVdnQVQjIM","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"reasoning_content":" to 19. So"},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_01hOONOxQ1TOb9qVdnQVQjIM","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"reasoning_content":" 391 has the factors"},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_01hOONOxQ1TOb9qVdnQVQjIM","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"reasoning_content":" 17 and 23 and"},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_01hOONOxQ1TOb9qVdnQVQjIM","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"reasoning_content":" is not prime."},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_01hOONOxQ1TOb9qVdnQVQjIM","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"content":"No. 391 is"},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_01hOONOxQ1TOb9qVdnQVQjIM","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"content":" 17 times 23,"},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_01hOONOxQ1TOb9qVdnQVQjIM","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"content":" so it is not"},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_01hOONOxQ1TOb9qVdnQVQjIM","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{"content":" a prime number."},"finish_reason":null,"logprobs":null}]}
#>
#> data: {"id":"msg_01hOONOxQ1TOb9qVdnQVQjIM","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[{"index":0,"delta":{},"finish_reason":"stop","logprobs":null}]}
#>
#> data: {"id":"msg_01hOONOxQ1TOb9qVdnQVQjIM","object":"chat.completion.chunk","created":1796126400,"model":"claude-sonnet-4-6","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":76,"total_tokens":85,"prompt_tokens_details":{"cached_tokens":0,"text_tokens":0,"audio_tokens":0,"image_tokens":0},"completion_tokens_details":{"reasoning_tokens":60},"input_tokens":9,"output_tokens":76}}
#>
#> data: [DONE]
