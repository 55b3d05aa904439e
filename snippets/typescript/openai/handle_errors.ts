import OpenAI from "openai";

const client = new OpenAI({
  baseURL: "https://www.ezrouter.dev/v1",
  apiKey: process.env.EZROUTER_API_KEY,
  timeout: 60_000, // milliseconds; give thinking or long requests more
  maxRetries: 2, // the default: retries 408, 409, 429, 5xx and network errors
});

/** Return the answer, or one line that says what failed and what to do. */
async function ask(model: string, prompt: string): Promise<string> {
  try {
    const stream = await client.chat.completions.create({
      model,
      max_tokens: 64,
      messages: [{ role: "user", content: prompt }],
      stream: true,
    });
    let text = "";
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
    }
    return text;
  } catch (err) {
    if (err instanceof OpenAI.APIConnectionError) {
      return "no answer: network error or timeout, after the SDK's retries";
    }
    if (!(err instanceof OpenAI.APIError) || err.status === undefined) {
      throw err;
    }
    // Keep the request id for a support ticket.
    console.warn("request id", err.headers?.get("x-oneapi-request-id"));
    let advice = "fix the request; retrying it unchanged will not help";
    if (err.status === 401 || err.status === 403) {
      advice = "check the key and the model id";
    } else if (err.status >= 500) {
      advice = "gateway or upstream failed; retry later or use another model";
    }
    return `${err.status} ${err.code}: ${advice}`;
  }
}

console.log(await ask("claude-haiku-4-5", "Say hi."));
//> Hello!
console.log(await ask("no-such-model", "Say hi."));
//> 403 access_denied: check the key and the model id
