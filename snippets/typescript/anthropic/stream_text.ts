// Stream a reply on the Anthropic surface with the SDK's stream helper.
import Anthropic from "@anthropic-ai/sdk";

const client = new Anthropic({
  baseURL: "https://www.ezrouter.dev/anthropic",
  apiKey: process.env.EZROUTER_API_KEY,
});

const stream = client.messages.stream({
  model: "claude-sonnet-4-6",
  max_tokens: 256,
  messages: [{ role: "user", content: "Name three rivers in Europe." }],
});
stream.on("text", (text) => {
  console.log(JSON.stringify(text)); // one text delta as it arrives
  //> "The Danube, the"
  //> " Rhine and the Loire"
  //> "."
});
const message = await stream.finalMessage(); // the assembled Message

console.log(message.stop_reason);
//> end_turn
console.log(message.usage.input_tokens, message.usage.output_tokens);
//> 9 9
