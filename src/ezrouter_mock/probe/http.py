"""The probe's HTTP layer: send one call to a surface and read the answer.

It knows both wire formats only as far as the probe needs to classify an answer: it
folds a JSON body or an SSE stream (either surface) into one :class:`Answer` with the
text, thinking, tool calls, stop reason and token counts. Retries follow ezrouter's
advice: back off on 5xx and network errors, never on 4xx.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field

import httpx

ANTHROPIC_VERSION = "2023-06-01"
RETRY_STATUSES = frozenset(range(500, 600))


class FatalProbeError(Exception):
    """A failure that makes every further call pointless (bad key, wrong URL)."""


@dataclass
class ToolCall:
    name: str | None
    arguments: str
    parsed: bool  # the arguments are a JSON object


@dataclass
class Answer:
    """One gateway answer, folded into the fields the probe checks."""

    status: int
    content_type: str = ""
    streamed: bool = False
    text: str = ""
    thinking: str = ""
    tool_calls: list[ToolCall] = field(default_factory=list)
    tool_signal: bool = False  # stop/finish reason says the model wants a tool
    server_tool: bool = False
    stop: str | None = None  # raw stop_reason / finish_reason
    input_tokens: int | None = None  # all input, cached or not
    output_tokens: int | None = None
    cache_read: int | None = None
    cache_write: int | None = None
    error_code: str | None = None
    error_message: str | None = None
    raw: object = None

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def describe_error(self) -> str:
        parts = [f"HTTP {self.status}"]
        if self.error_code:
            parts.append(self.error_code)
        if self.error_message:
            parts.append(self.error_message[:160])
        return " ".join(parts)


def iter_sse(text: str):
    """(event, data) pairs of an SSE body; data is parsed JSON, "[DONE]" or None."""
    event, data_lines = None, []
    for line in text.splitlines() + [""]:
        if not line:
            if data_lines:
                raw = "\n".join(data_lines)
                if raw.strip() == "[DONE]":
                    yield event, "[DONE]"
                else:
                    try:
                        yield event, json.loads(raw)
                    except json.JSONDecodeError:
                        yield event, None
            event, data_lines = None, []
        elif line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:"):
            data_lines.append(line[5:].lstrip())
    return


def _error_fields(answer: Answer, body: object) -> None:
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        answer.error_code = str(body["error"].get("code") or "") or None
        answer.error_message = str(body["error"].get("message") or "") or None
        if answer.error_code is None and body["error"].get("type"):
            answer.error_code = str(body["error"]["type"])


def fold_openai(answer: Answer, body: object) -> None:
    """Chat-completion JSON or a list of chunks -> answer fields."""
    chunks = body if isinstance(body, list) else [body]
    calls: dict[int, dict] = {}
    for chunk in chunks:
        if not isinstance(chunk, dict):
            continue
        usage = chunk.get("usage")
        if isinstance(usage, dict):
            answer.input_tokens = usage.get("prompt_tokens", answer.input_tokens)
            answer.output_tokens = usage.get("completion_tokens", answer.output_tokens)
            details = usage.get("prompt_tokens_details") or {}
            if isinstance(details, dict) and "cached_tokens" in details:
                answer.cache_read = details.get("cached_tokens")
        for choice in chunk.get("choices") or []:
            part = choice.get("delta") or choice.get("message") or {}
            answer.text += part.get("content") or ""
            answer.thinking += part.get("reasoning_content") or ""
            for i, call in enumerate(part.get("tool_calls") or []):
                slot = calls.setdefault(
                    call.get("index", i), {"name": None, "args": ""}
                )
                fn = call.get("function") or {}
                slot["name"] = fn.get("name") or slot["name"]
                slot["args"] += fn.get("arguments") or ""
            if choice.get("finish_reason"):
                answer.stop = choice["finish_reason"]
    answer.tool_signal = answer.stop == "tool_calls"
    answer.tool_calls = [
        ToolCall(c["name"], c["args"], _is_object(c["args"])) for c in calls.values()
    ]


def fold_anthropic(answer: Answer, body: object) -> None:
    """A Message JSON or a list of (event, data) stream events -> answer fields."""
    if isinstance(body, dict):
        blocks = body.get("content") or []
        answer.stop = body.get("stop_reason")
        _anthropic_usage(answer, body.get("usage"))
    else:
        blocks = []
        for _, data in body or []:
            if not isinstance(data, dict):
                continue
            kind = data.get("type")
            if kind == "message_start":
                _anthropic_usage(answer, (data.get("message") or {}).get("usage"))
            elif kind == "content_block_start":
                blocks.append(dict(data.get("content_block") or {}))
                blocks[-1].setdefault("_json", "")
            elif kind == "content_block_delta" and blocks:
                delta = data.get("delta") or {}
                block = blocks[-1]
                if delta.get("type") == "text_delta":
                    block["text"] = block.get("text", "") + delta.get("text", "")
                elif delta.get("type") == "thinking_delta":
                    block["thinking"] = block.get("thinking", "") + delta.get(
                        "thinking", ""
                    )
                elif delta.get("type") == "input_json_delta":
                    block["_json"] += delta.get("partial_json", "")
            elif kind == "message_delta":
                answer.stop = (data.get("delta") or {}).get(
                    "stop_reason"
                ) or answer.stop
                _anthropic_usage(answer, data.get("usage"))
    for block in blocks:
        kind = block.get("type")
        if kind == "text":
            answer.text += block.get("text") or ""
        elif kind == "thinking":
            answer.thinking += block.get("thinking") or "(thinking)"
        elif kind == "redacted_thinking":
            answer.thinking += "(redacted thinking)"
        elif kind == "tool_use":
            args = block.get("_json") or json.dumps(block.get("input") or {})
            answer.tool_calls.append(
                ToolCall(block.get("name"), args, _is_object(args))
            )
        elif kind in ("server_tool_use", "web_search_tool_result"):
            answer.server_tool = True
    answer.tool_signal = answer.stop == "tool_use"


def _anthropic_usage(answer: Answer, usage: object) -> None:
    if not isinstance(usage, dict):
        return
    if usage.get("output_tokens") is not None:
        answer.output_tokens = usage["output_tokens"]
    if usage.get("input_tokens") is None:
        return
    read = usage.get("cache_read_input_tokens") or 0
    write = usage.get("cache_creation_input_tokens") or 0
    answer.cache_read, answer.cache_write = read, write
    answer.input_tokens = usage["input_tokens"] + read + write


def _is_object(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except (json.JSONDecodeError, TypeError):
        return False


class GatewayClient:
    """Sends probe calls to one gateway root with one key (never logged)."""

    def __init__(
        self,
        root_url: str,
        key: str,
        *,
        request_timeout: float = 60.0,
        retries: int = 2,
        backoff: float = 0.5,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.root_url = root_url.rstrip("/")
        self._key = key
        self.retries = retries
        self.backoff = backoff
        self.calls = 0
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(request_timeout, connect=min(10.0, request_timeout)),
            transport=transport,
            follow_redirects=False,
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    def redact(self, text: str) -> str:
        return text.replace(self._key, "***") if self._key else text

    def _headers(self, surface: str, extra: dict | None) -> dict:
        if surface == "anthropic":
            headers = {"x-api-key": self._key, "anthropic-version": ANTHROPIC_VERSION}
        else:
            headers = {"authorization": f"Bearer {self._key}"}
        headers.update(extra or {})
        return headers

    def url(self, surface: str, path: str) -> str:
        prefix = "/anthropic" if surface == "anthropic" else ""
        return f"{self.root_url}{prefix}{path}"

    async def send(
        self,
        surface: str,
        path: str,
        body: dict | None = None,
        *,
        method: str = "POST",
        headers: dict | None = None,
    ) -> Answer:
        """One call, retried on 5xx and network errors; raises on a fatal status."""
        url = self.url(surface, path)
        attempt = 0
        while True:
            try:
                self.calls += 1
                response = await self._client.request(
                    method, url, json=body, headers=self._headers(surface, headers)
                )
            except httpx.HTTPError as exc:
                if attempt >= self.retries:
                    raise ConnectionError(
                        self.redact(f"{type(exc).__name__} calling {url}: {exc}")
                    ) from None
            else:
                if (
                    response.status_code not in RETRY_STATUSES
                    or attempt >= self.retries
                ):
                    return self._read(surface, response)
            attempt += 1
            await asyncio.sleep(self.backoff * 2 ** (attempt - 1))

    def _read(self, surface: str, response: httpx.Response) -> Answer:
        content_type = response.headers.get("content-type", "")
        answer = Answer(status=response.status_code, content_type=content_type)
        if response.status_code == 401:
            raise FatalProbeError(
                "the gateway rejected the key (HTTP 401); "
                "check EZROUTER_API_KEY or --key"
            )
        text = self.redact(response.text)
        if "text/event-stream" in content_type:
            answer.streamed = True
            events = list(iter_sse(text))
            answer.raw = events
            if not answer.ok:
                return answer
            if surface == "anthropic":
                fold_anthropic(answer, events)
            else:
                chunks = [data for _, data in events if isinstance(data, dict)]
                for chunk in chunks:
                    _error_fields(answer, chunk)
                fold_openai(answer, chunks)
            return answer
        try:
            body = json.loads(text) if text else None
        except json.JSONDecodeError:
            body = None
        answer.raw = body
        if not answer.ok:
            _error_fields(answer, body)
            if answer.error_message is None and text:
                answer.error_message = text[:160]
            return answer
        if surface == "anthropic":
            fold_anthropic(answer, body)
        else:
            fold_openai(answer, body)
        return answer
