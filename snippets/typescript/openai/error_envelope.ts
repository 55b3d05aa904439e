// A plain HTTP call with a key that does not exist, to see the error envelope.
const response = await fetch("https://www.ezrouter.dev/v1/models", {
  headers: { Authorization: "Bearer sk-not-a-real-key" },
});
console.log(response.status, response.headers.get("content-type"));
//> 401 application/json

type Envelope = { error: { code: string; type: string; message: string } };
const { error } = (await response.json()) as Envelope;
console.log(Object.keys(error).sort());
//> [ 'code', 'message', 'type' ]
console.log(error.code, error.type);
//> invalid_api_key authentication_error
console.log(error.message.includes("(request id:"));
//> true
const requestId = response.headers.get("x-oneapi-request-id") ?? "";
console.log(requestId !== "" && error.message.includes(requestId));
//> true
