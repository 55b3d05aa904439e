// A complete tool loop on the Anthropic surface: call, run the tool, answer.
import Anthropic from "@anthropic-ai/sdk";

const client = new Anthropic({
  baseURL: "https://www.ezrouter.dev/anthropic",
  apiKey: process.env.EZROUTER_API_KEY,
});

const tools: Anthropic.Tool[] = [
  {
    name: "get_weather",
    description: "Current weather for a city.",
    input_schema: {
      type: "object",
      properties: { city: { type: "string" } },
      required: ["city"],
    },
  },
];

/** Stand-in for a real weather lookup. */
function getWeather(city: string) {
  return { city, temperature_c: 18, conditions: "cloudy" };
}

const messages: Anthropic.MessageParam[] = [
  { role: "user", content: "What is the weather in Paris?" },
];

let response: Anthropic.Message | undefined;
for (let round = 0; round < 5; round++) {
  // never loop forever
  response = await client.messages.create({
    model: "claude-sonnet-4-6",
    max_tokens: 512,
    tools,
    messages,
  });
  messages.push({ role: "assistant", content: response.content });
  if (response.stop_reason !== "tool_use") break;
  const results: Anthropic.ToolResultBlockParam[] = [];
  for (const block of response.content) {
    if (block.type === "tool_use") {
      console.log(`tool call: ${block.name} ${JSON.stringify(block.input)}`);
      //> tool call: get_weather {"city":"Paris"}
      const { city } = block.input as { city: string };
      results.push({
        type: "tool_result",
        tool_use_id: block.id,
        content: JSON.stringify(getWeather(city)),
      });
    }
  }
  messages.push({ role: "user", content: results });
}

console.log(response?.stop_reason);
//> end_turn
const answer = (response?.content ?? [])
  .map((block) => (block.type === "text" ? block.text : ""))
  .join("");
console.log(answer.slice(0, 60));
//> It's 18 °C and cloudy in Paris right now.
