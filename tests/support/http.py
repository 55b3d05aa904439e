"""One way for a test to call the mock over raw HTTP (the probe keeps its own client).

`post` sends what a test names and hands back the `httpx.Response`; `answer` also
checks the status and returns the JSON; `endpoint` binds a route and a default body,
so a module states its request once and each test names only what differs.
Authentication is what each surface's SDK sends: `x-api-key` under /anthropic,
`Authorization: Bearer` elsewhere.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx

MESSAGES = "/anthropic/v1/messages"
CHAT = "/v1/chat/completions"


def auth_headers(path: str, key: str) -> dict[str, str]:
    """The auth header the official SDK of `path`'s surface sends."""
    if path.startswith("/anthropic"):
        return {"x-api-key": key}
    return {"authorization": f"Bearer {key}"}


def post(
    mock,
    path: str,
    body: Any = None,
    *,
    content: bytes | None = None,
    headers: dict[str, str] | None = None,
    key: str | None = None,
    timeout: float = 10,
) -> httpx.Response:
    """POST `body` as JSON (or raw `content`) to `path` under the mock's root URL.

    `key` replaces the mock's key; `headers` are added last, so they can replace the
    auth header or the content type.
    """
    sent = {"content-type": "application/json"}
    sent.update(auth_headers(path, mock.key if key is None else key))
    sent.update(headers or {})
    if body is not None:
        content = json.dumps(body).encode()
    return httpx.post(
        mock.root_url + path, content=content, headers=sent, timeout=timeout
    )


def answer(mock, path: str, body: Any, expect: int = 200, **options: Any) -> Any:
    """POST; assert the status is `expect`; return the JSON."""
    resp = post(mock, path, body, **options)
    assert resp.status_code == expect, resp.text
    return resp.json()


def endpoint(path: str, defaults: dict[str, Any]) -> Callable[..., Any]:
    """`call(mock, expect=200, **fields)`: `defaults` updated by `fields`, POSTed to
    `path` through `answer`."""

    def call(mock, expect: int = 200, **fields: Any) -> Any:
        return answer(mock, path, {**defaults, **fields}, expect)

    return call
