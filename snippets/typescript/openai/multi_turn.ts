// Keep a conversation going on the stateless OpenAI surface, trimming turns.
import OpenAI from "openai";

const client = new OpenAI({
  baseURL: "https://www.ezrouter.dev/v1",
  apiKey: process.env.EZROUTER_API_KEY,
});

const SYSTEM: OpenAI.ChatCompletionSystemMessageParam = {
  role: "system",
  content: "You are a concise travel assistant.",
};
const MAX_MESSAGES = 4; // 2 exchanges, to show trimming; apps keep 10-20
const history: OpenAI.ChatCompletionMessageParam[] = [];

async function ask(question: string): Promise<string> {
  // Drop the oldest exchanges, never the system prompt.
  history.splice(0, Math.max(0, history.length - MAX_MESSAGES));
  history.push({ role: "user", content: question });
  const completion = await client.chat.completions
    .stream({
      model: "claude-sonnet-4-6",
      messages: [SYSTEM, ...history], // the gateway keeps no state: send it all
    })
    .finalChatCompletion();
  const answer = completion.choices[0].message.content ?? "";
  history.push({ role: "assistant", content: answer });
  const tokens = completion.usage?.prompt_tokens;
  console.log(
    `history: ${history.length - 1} messages, prompt_tokens=${tokens}`,
  );
  //> history: 1 messages, prompt_tokens=20
  //> history: 3 messages, prompt_tokens=55
  //> history: 5 messages, prompt_tokens=91
  //> history: 5 messages, prompt_tokens=96
  return answer;
}

await ask("Suggest one city to visit in Portugal.");
await ask("What should I eat there?");
await ask("And what should I see?");
await ask("How many days do I need?");
