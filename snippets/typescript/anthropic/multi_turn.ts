// Keep a conversation going on the stateless Anthropic surface, trimming turns.
import Anthropic from "@anthropic-ai/sdk";

const client = new Anthropic({
  baseURL: "https://www.ezrouter.dev/anthropic",
  apiKey: process.env.EZROUTER_API_KEY,
});

const MAX_MESSAGES = 4; // 2 exchanges, to show trimming; apps keep 10-20
const history: Anthropic.MessageParam[] = [];

async function ask(question: string): Promise<string> {
  // Whole exchanges: the window starts on a user turn.
  history.splice(0, Math.max(0, history.length - MAX_MESSAGES));
  history.push({ role: "user", content: question });
  const response = await client.messages.create({
    model: "claude-sonnet-4-6",
    max_tokens: 512,
    system: "You are a concise travel assistant.", // sent on every call
    messages: history, // the gateway keeps no state: send it all
  });
  history.push({ role: "assistant", content: response.content });
  const tokens = response.usage.input_tokens;
  console.log(
    `history: ${history.length - 1} messages, input_tokens=${tokens}`,
  );
  //> history: 1 messages, input_tokens=20
  //> history: 3 messages, input_tokens=55
  //> history: 5 messages, input_tokens=91
  //> history: 5 messages, input_tokens=96
  const first = response.content[0];
  return first.type === "text" ? first.text : "";
}

await ask("Suggest one city to visit in Portugal.");
await ask("What should I eat there?");
await ask("And what should I see?");
await ask("How many days do I need?");
