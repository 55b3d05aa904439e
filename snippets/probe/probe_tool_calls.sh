# Check only the tool-call features of one model on the OpenAI surface.
ezrouter-mock probe \
  --base-url https://www.ezrouter.dev \
  --model glm-5.1 \
  --surface openai \
  --feature tools \
  --feature tool_call_deltas
