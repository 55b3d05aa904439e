import Anthropic from "@anthropic-ai/sdk";

const client = new Anthropic({
  baseURL: "https://www.ezrouter.dev/anthropic",
  apiKey: process.env.EZROUTER_API_KEY,
});

const pieces: string[] = [];
const stream = client.messages.stream({
  model: "claude-sonnet-4-6",
  max_tokens: 256,
  messages: [{ role: "user", content: "Hello!" }],
});
stream.on("text", (text) => {
  pieces.push(text); // in an app, show each piece as it arrives
});
const final = await stream.finalMessage();

const first = final.content[0];
const whole = first.type === "text" ? first.text : "";
console.log(pieces.length > 1, pieces.join("") === whole);
//> true true
console.log(pieces.join(""));
//> Hello! How can I help you today?
console.log(final.stop_reason);
//> end_turn
