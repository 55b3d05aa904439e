// Probe: what a call without `stream: true` resolves to when the gateway answers
// with server-sent events (the OpenAI surface always does).
import OpenAI from "openai";

const client = new OpenAI({
  baseURL: "https://www.ezrouter.dev/v1",
  apiKey: process.env.EZROUTER_API_KEY,
  maxRetries: 0,
});
const response: unknown = await client.chat.completions.create({
  model: "claude-haiku-4-5",
  max_tokens: 16,
  messages: [{ role: "user", content: "Hi" }],
});
console.log(typeof response === "object" && response !== null ? response.constructor.name : typeof response);
