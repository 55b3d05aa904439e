import Anthropic from "@anthropic-ai/sdk";

const client = new Anthropic({
  baseURL: "https://www.ezrouter.dev/anthropic", // the surface root, no /v1
  apiKey: process.env.EZROUTER_API_KEY,
});

const message = await client.messages.create({
  model: "claude-sonnet-4-6",
  max_tokens: 256,
  system: "Answer in one or two sentences.",
  messages: [{ role: "user", content: "Hello! What can you do?" }],
});

const block = message.content[0];
console.log(block.type === "text" ? block.text : block.type);
//> I can answer questions, explain ideas, and help you write text or code.
const { input_tokens, output_tokens } = message.usage;
console.log(message.stop_reason, input_tokens, output_tokens);
//> end_turn 19 17
