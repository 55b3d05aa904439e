// Probe: one streamed call, so the mock's journal shows the headers this SDK sends.
import OpenAI from "openai";

const client = new OpenAI({
  baseURL: "https://www.ezrouter.dev/v1",
  apiKey: process.env.EZROUTER_API_KEY,
  maxRetries: 0,
});
const stream = await client.chat.completions.create({
  model: "claude-haiku-4-5",
  max_tokens: 16,
  messages: [{ role: "user", content: "Hi" }],
  stream: true,
});
for await (const _chunk of stream) {
  // drain
}
console.log("done");
