// Probe: one plain call, so the mock's journal shows the headers this SDK sends.
import Anthropic from "@anthropic-ai/sdk";

const client = new Anthropic({
  baseURL: "https://www.ezrouter.dev/anthropic",
  apiKey: process.env.EZROUTER_API_KEY,
  maxRetries: 0,
});
const message = await client.messages.create({
  model: "claude-haiku-4-5",
  max_tokens: 16,
  messages: [{ role: "user", content: "Hi" }],
});
console.log(message.type);
