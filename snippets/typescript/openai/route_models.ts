import OpenAI from "openai";

const client = new OpenAI({
  baseURL: "https://www.ezrouter.dev/v1",
  apiKey: process.env.EZROUTER_API_KEY,
});

/** Stream one answer and return its text (the surface always streams). */
async function ask(model: string, prompt: string): Promise<string> {
  const stream = await client.chat.completions.create({
    model,
    max_tokens: 128,
    messages: [{ role: "user", content: prompt }],
    stream: true,
  });
  let text = "";
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? "";
  }
  return text;
}

// One client, one key: only the model id changes.
const models = [
  "claude-haiku-4-5",
  "deepseek-v4-flash",
  "glm-5.1",
  "kimi-k2.6",
];
for (const model of models) {
  const answer = await ask(model, "What is a gateway?");
  console.log(`${model.padEnd(18)} ${answer.split(". ")[0]}.`);
  //> claude-haiku-4-5   A gateway is a front door for APIs.
  //> deepseek-v4-flash  A gateway is a front door for APIs.
  //> glm-5.1            It's a service that sits between clients and backends.
  //> kimi-k2.6          A gateway is the one endpoint your clients talk to.
}
