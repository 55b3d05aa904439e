import OpenAI from "openai";

const client = new OpenAI({
  baseURL: "https://www.ezrouter.dev/v1",
  apiKey: "sk-not-a-real-key",
});

try {
  await client.models.list();
} catch (err) {
  if (!(err instanceof OpenAI.AuthenticationError)) throw err;
  // The SDK unwraps the ezrouter envelope: err.code and err.type come from it.
  console.log(err.status, err.code, err.type);
  //> 401 invalid_api_key authentication_error
  console.log("request id:", Boolean(err.headers.get("x-oneapi-request-id")));
  //> request id: true
}
