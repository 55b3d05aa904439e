"""curl against both surfaces, the way the curl quickstarts call the gateway.

curl sends exactly what is on the command line, so these tests pin the wire-level
details the SDKs hide: both auth headers on the Anthropic surface, ``event:`` lines in
Anthropic SSE, ``data: [DONE]`` on chat completions, the request-id header, and the
error envelope.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from support import sse
from support.bodies import HELLO, MODEL
from support.wire_schemas import envelope_errors

CURL = shutil.which("curl")
pytestmark = pytest.mark.skipif(CURL is None, reason="curl is not installed")


def curl(*args: str, head: bool = False) -> tuple[int, dict[str, str], str]:
    """Run curl; return (status, lower-cased headers, body)."""
    dump = ["--head"] if head else ["-D", "-"]
    done = subprocess.run(
        [CURL, "-sS", "--max-time", "20", *dump, *args],
        capture_output=True,
        timeout=30,
        check=True,
    )
    raw_head, _, raw_body = done.stdout.partition(b"\r\n\r\n")
    status_line, *lines = raw_head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), headers, raw_body.decode("utf-8")


def post_json(url: str, body: dict, *headers: str):
    flags = [f"-H{h}" for h in ("content-type: application/json", *headers)]
    return curl(*flags, "--data-binary", json.dumps(body), url)


def test_head_anthropic_root(ezrouter_mock):
    status, headers, _ = curl(ezrouter_mock.anthropic_url, head=True)
    assert 200 <= status < 300
    assert headers.get("x-oneapi-request-id")


@pytest.mark.parametrize("auth", ["x-api-key: {key}", "authorization: Bearer {key}"])
def test_anthropic_message_with_either_auth_header(ezrouter_mock, auth):
    status, headers, body = post_json(
        ezrouter_mock.anthropic_url + "/v1/messages",
        {"model": MODEL, "max_tokens": 128, "messages": HELLO},
        auth.format(key=ezrouter_mock.key),
        "anthropic-version: 2023-06-01",
    )
    assert status == 200, body
    assert headers["content-type"].startswith("application/json")
    assert headers["x-oneapi-request-id"], "every response carries the request id"
    message = json.loads(body)
    assert message["type"] == "message"
    assert message["content"][0]["type"] == "text"
    assert message["content"][0]["text"]


def test_anthropic_stream_has_event_lines(ezrouter_mock):
    status, headers, body = post_json(
        ezrouter_mock.anthropic_url + "/v1/messages?beta=true",
        {"model": MODEL, "max_tokens": 128, "messages": HELLO, "stream": True},
        f"x-api-key: {ezrouter_mock.key}",
        "anthropic-version: 2023-06-01",
        "anthropic-beta: some-unknown-beta-2099-01-01",
    )
    assert status == 200, body
    assert headers["content-type"].startswith("text/event-stream")
    events = sse.events(body)
    for name, data in events:
        assert name == json.loads(data)["type"], "event: line names the data's type"
    names = [name for name, _ in events]
    assert names[0] == "message_start"
    assert names[-1] == "message_stop"
    text = "".join(
        json.loads(data)["delta"].get("text", "")
        for name, data in events
        if name == "content_block_delta"
    )
    assert text


def test_openai_models_list(ezrouter_mock):
    status, _, body = curl(
        "-H", f"authorization: Bearer {ezrouter_mock.key}",
        ezrouter_mock.openai_url + "/models",
    )  # fmt: skip
    assert status == 200
    listing = json.loads(body)
    assert listing["object"] == "list"
    assert listing["success"] is True
    assert MODEL in {m["id"] for m in listing["data"]}


@pytest.mark.parametrize("auth", ["authorization: Bearer sk-wrong", None])
@pytest.mark.parametrize("surface", ["anthropic", "openai"])
def test_wrong_or_missing_key_gets_the_ezrouter_envelope(ezrouter_mock, surface, auth):
    if surface == "anthropic":
        url = ezrouter_mock.anthropic_url + "/v1/messages"
        body = {"model": MODEL, "max_tokens": 64, "messages": HELLO}
    else:
        url = ezrouter_mock.openai_url + "/chat/completions"
        body = {"model": MODEL, "messages": HELLO}
    status, headers, text = post_json(url, body, *([auth] if auth else []))
    assert status == 401
    envelope = json.loads(text)
    assert envelope_errors(envelope) == []
    assert envelope["error"]["code"] == "invalid_api_key"
    request_id = headers["x-oneapi-request-id"]
    assert f"(request id: {request_id})" in envelope["error"]["message"]


def test_malformed_json_is_a_4xx_with_envelope(ezrouter_mock):
    status, _, text = curl(
        "-H", f"x-api-key: {ezrouter_mock.key}",
        "-H", "content-type: application/json",
        "--data-binary", '{"model": "claude-sonnet-4-6", "messages": [',
        ezrouter_mock.anthropic_url + "/v1/messages",
    )  # fmt: skip
    assert 400 <= status < 500
    assert envelope_errors(json.loads(text)) == []
