import Anthropic from "@anthropic-ai/sdk";

const client = new Anthropic({
  baseURL: "https://www.ezrouter.dev/anthropic",
  apiKey: process.env.EZROUTER_API_KEY,
});

for await (const model of client.models.list()) {
  console.log(model.id);
  //> claude-opus-4-7
  //> claude-sonnet-4-6
  //> claude-haiku-4-5
}
