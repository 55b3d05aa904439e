import OpenAI from "openai";

const client = new OpenAI({
  baseURL: "https://www.ezrouter.dev/v1",
  apiKey: process.env.EZROUTER_API_KEY,
});

// ezrouter always answers chat completions as a stream, so ask for one.
const stream = await client.chat.completions.create({
  model: "claude-sonnet-4-6",
  max_tokens: 256,
  messages: [
    { role: "system", content: "You are a helpful assistant." },
    { role: "user", content: "Hi, how are you?" },
  ],
  stream: true,
});

let text = "";
for await (const chunk of stream) {
  text += chunk.choices[0]?.delta.content ?? "";
}
console.log(text);
//> Hello! I'm doing well, thanks for asking. How can I help you today?
