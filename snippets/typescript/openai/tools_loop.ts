// Run a complete tool loop on the OpenAI surface with claude-opus-4-7.
import OpenAI from "openai";

const client = new OpenAI({
  baseURL: "https://www.ezrouter.dev/v1",
  apiKey: process.env.EZROUTER_API_KEY,
});

const tools: OpenAI.ChatCompletionTool[] = [
  {
    type: "function",
    function: {
      name: "get_weather",
      description: "Current weather for a city.",
      parameters: {
        type: "object",
        properties: { city: { type: "string" } },
        required: ["city"],
      },
    },
  },
];

/** Stand-in for a real weather lookup. */
function getWeather(city: string) {
  return { city, temperature_c: 18, conditions: "cloudy" };
}

const messages: OpenAI.ChatCompletionMessageParam[] = [
  { role: "user", content: "What is the weather in Paris?" },
];

let choice: OpenAI.ChatCompletion.Choice | undefined;
for (let round = 0; round < 5; round++) {
  // never loop forever
  // The stream helper assembles the tool-call deltas into one message.
  const stream = client.chat.completions.stream({
    model: "claude-opus-4-7",
    messages,
    tools,
  });
  choice = (await stream.finalChatCompletion()).choices[0];
  if (choice.finish_reason !== "tool_calls") break;
  const calls = choice.message.tool_calls ?? [];
  if (calls.length === 0) {
    throw new Error("finish_reason is tool_calls but no tool call arrived");
  }
  messages.push({
    role: "assistant",
    content: choice.message.content,
    tool_calls: calls,
  });
  for (const call of calls) {
    if (call.type !== "function") continue;
    const { name, arguments: args } = call.function;
    console.log(`tool call: ${name} ${args}`);
    //> tool call: get_weather {"city": "Paris"}
    const { city } = JSON.parse(args) as { city: string };
    messages.push({
      role: "tool",
      tool_call_id: call.id,
      content: JSON.stringify(getWeather(city)),
    });
  }
}

console.log(choice?.finish_reason);
//> stop
console.log(choice?.message.content?.slice(0, 60));
//> It's 18 °C and cloudy in Paris right now.
