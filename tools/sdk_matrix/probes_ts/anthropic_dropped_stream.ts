// Probe: what a caller catches when the stream's connection drops (the recorder
// queues the mock's "drop" fault first). Prints the class name, or "no exception".
import Anthropic from "@anthropic-ai/sdk";

const client = new Anthropic({
  baseURL: "https://www.ezrouter.dev/anthropic",
  apiKey: process.env.EZROUTER_API_KEY,
  maxRetries: 0,
});
try {
  const stream = client.messages.stream({
    model: "claude-haiku-4-5",
    max_tokens: 256,
    messages: [{ role: "user", content: "Write a long story." }],
  });
  await stream.finalMessage();
  console.log("no exception");
} catch (err) {
  console.log(err instanceof Error ? `${err.constructor.name}: ${err.message}` : typeof err);
}
