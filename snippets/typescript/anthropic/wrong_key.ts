import Anthropic from "@anthropic-ai/sdk";

const client = new Anthropic({
  baseURL: "https://www.ezrouter.dev/anthropic",
  apiKey: "sk-not-a-real-key",
});

try {
  await client.messages.create({
    model: "claude-haiku-4-5",
    max_tokens: 64,
    messages: [{ role: "user", content: "Hi" }],
  });
} catch (err) {
  if (!(err instanceof Anthropic.AuthenticationError)) throw err;
  const body = err.error as { error?: { code?: string; type?: string } };
  console.log(err.status, body.error?.code, body.error?.type);
  //> 401 invalid_api_key authentication_error
  console.log("request id:", Boolean(err.headers.get("x-oneapi-request-id")));
  //> request id: true
}
