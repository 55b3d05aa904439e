import OpenAI from "openai";

const client = new OpenAI({
  baseURL: "https://www.ezrouter.dev/v1",
  apiKey: process.env.EZROUTER_API_KEY,
});

// supported_endpoint_types: an ezrouter extension listing surfaces per model.
type EzrouterModel = OpenAI.Model & { supported_endpoint_types?: string[] };

for await (const model of client.models.list()) {
  const surfaces = (model as EzrouterModel).supported_endpoint_types ?? [];
  console.log(`${model.id.padEnd(20)} ${surfaces.join(", ")}`);
  //> claude-opus-4-7      anthropic, openai
  //> claude-sonnet-4-6    anthropic, openai
  //> claude-haiku-4-5     anthropic, openai
  //> deepseek-v4-pro      openai
  //> deepseek-v4-flash    openai
  //> glm-5.1              openai
  //> kimi-k2.6            openai
}
