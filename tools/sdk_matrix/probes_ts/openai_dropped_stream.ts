// Probe: what a caller catches when the stream's connection drops (the recorder
// queues the mock's "drop" fault first). Prints the class name, or "no exception".
import OpenAI from "openai";

const client = new OpenAI({
  baseURL: "https://www.ezrouter.dev/v1",
  apiKey: process.env.EZROUTER_API_KEY,
  maxRetries: 0,
});
try {
  const stream = await client.chat.completions.create({
    model: "claude-haiku-4-5",
    max_tokens: 256,
    messages: [{ role: "user", content: "Write a long story." }],
    stream: true,
  });
  for await (const _chunk of stream) {
    // drain
  }
  console.log("no exception");
} catch (err) {
  console.log(err instanceof Error ? `${err.constructor.name}: ${err.message}` : typeof err);
}
