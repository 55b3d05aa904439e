// Stream a chat completion on the OpenAI surface; usage is on the last chunk.
import OpenAI from "openai";
import type { CompletionUsage } from "openai/resources/completions";

const client = new OpenAI({
  baseURL: "https://www.ezrouter.dev/v1",
  apiKey: process.env.EZROUTER_API_KEY,
});

const stream = await client.chat.completions.create({
  model: "claude-sonnet-4-6",
  messages: [{ role: "user", content: "Name three rivers in Europe." }],
  stream: true,
});

const parts: string[] = [];
let finishReason: string | null = null;
let usage: CompletionUsage | null = null;
for await (const chunk of stream) {
  for (const choice of chunk.choices) {
    if (choice.delta.content) parts.push(choice.delta.content);
    if (choice.finish_reason) finishReason = choice.finish_reason;
  }
  if (chunk.usage) usage = chunk.usage; // the final chunk carries the usage
}

console.log(parts.join("").slice(0, 60));
//> The Danube, the Rhine and the Loire.
console.log(finishReason);
//> stop
console.log(
  usage?.prompt_tokens,
  usage?.completion_tokens,
  usage?.total_tokens,
);
//> 9 9 18
