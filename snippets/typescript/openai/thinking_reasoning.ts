// Turn on thinking on the OpenAI surface and read reasoning_content.
import OpenAI from "openai";

const client = new OpenAI({
  baseURL: "https://www.ezrouter.dev/v1",
  apiKey: process.env.EZROUTER_API_KEY,
});

// `thinking` is an ezrouter field that the SDK's types do not know about.
type ThinkingParams = OpenAI.ChatCompletionCreateParamsStreaming & {
  thinking: { type: "enabled" };
};
// reasoning_content arrives in the deltas next to content.
type ThinkingDelta = { content?: string | null; reasoning_content?: string };

async function ask(messages: OpenAI.ChatCompletionMessageParam[]) {
  const params: ThinkingParams = {
    model: "claude-sonnet-4-6",
    messages,
    reasoning_effort: "high",
    thinking: { type: "enabled" },
    stream: true,
  };
  const stream = await client.chat.completions.create(params);
  // Join the deltas yourself: the stream helper keeps only the last piece
  // of a field it does not know, such as reasoning_content.
  let reasoning = "";
  let answer = "";
  for await (const chunk of stream) {
    const delta: ThinkingDelta = chunk.choices[0]?.delta ?? {};
    reasoning += delta.reasoning_content ?? "";
    answer += delta.content ?? "";
  }
  return { reasoning, answer };
}

const messages: OpenAI.ChatCompletionMessageParam[] = [
  { role: "user", content: "Is 391 a prime number?" },
];
let reply = await ask(messages);
console.log("reasoning:", reply.reasoning.slice(0, 60));
//> reasoning: 391 is odd, and its digit sum is 13, so neither 2 nor 3 divi
console.log("answer:", reply.answer.slice(0, 60));
//> answer: No. 391 is 17 times 23, so it is not a prime number.

// The gateway drops reasoning_content sent back in history: resend content.
messages.push({ role: "assistant", content: reply.answer });
messages.push({ role: "user", content: "And 397?" });

reply = await ask(messages);
console.log("answer:", reply.answer.slice(0, 60));
//> answer: Yes, 397 is prime: no prime up to its square root (about 19.
