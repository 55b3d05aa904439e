// Use extended thinking across two turns on the Anthropic surface.
import Anthropic from "@anthropic-ai/sdk";

const client = new Anthropic({
  baseURL: "https://www.ezrouter.dev/anthropic",
  apiKey: process.env.EZROUTER_API_KEY,
});

const messages: Anthropic.MessageParam[] = [
  { role: "user", content: "Is 391 a prime number?" },
];
const first = await client.messages.create({
  model: "claude-sonnet-4-6",
  max_tokens: 2048,
  thinking: { type: "enabled", budget_tokens: 1024 },
  messages,
});
console.log(first.content.map((block) => block.type));
//> [ 'thinking', 'text' ]

// Pass the assistant turn back unchanged: thinking blocks and signatures too.
messages.push({ role: "assistant", content: first.content });
messages.push({ role: "user", content: "And 397?" });

const second = await client.messages.create({
  model: "claude-sonnet-4-6",
  max_tokens: 2048,
  thinking: { type: "enabled", budget_tokens: 1024 },
  messages,
});
for (const block of second.content) {
  if (block.type === "thinking") {
    console.log("thinking:", block.thinking.slice(0, 60));
    //> thinking: 397 is odd, its digit sum is 19 and it does not end in 0 or
  } else if (block.type === "text") {
    console.log("answer:", block.text.slice(0, 60));
    //> answer: Yes, 397 is prime: no prime up to its square root (about 19.
  }
}
