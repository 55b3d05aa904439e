// Ask for a JSON object with response_format and parse it.
import OpenAI from "openai";

const client = new OpenAI({
  baseURL: "https://www.ezrouter.dev/v1",
  apiKey: process.env.EZROUTER_API_KEY,
});

const system =
  "Extract the city and country from the user's text. " +
  'Reply with JSON only, like {"city": "Lyon", "country": "France"}.';

const stream = client.chat.completions.stream({
  model: "claude-sonnet-4-6",
  messages: [
    { role: "system", content: system },
    { role: "user", content: "I moved to Porto, in Portugal, last year." },
  ],
  response_format: { type: "json_object" },
  max_tokens: 800, // leave room: a cut-off object does not parse
});
const content = (await stream.finalChatCompletion()).choices[0].message.content;

if (!content) throw new Error("empty reply: retry or rephrase the prompt");
const data = JSON.parse(content) as Record<string, unknown>;
console.log(Object.keys(data).sort()); // the keys your code relies on
//> [ 'city', 'country' ]
