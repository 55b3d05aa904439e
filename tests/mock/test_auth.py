"""Auth on both surfaces: which headers each accepts, and the 401 envelope."""

from __future__ import annotations

import httpx
import pytest

from ezrouter_mock.mock.http.server import MockServer

BODY_A = {
    "model": "claude-sonnet-4-6",
    "max_tokens": 64,
    "messages": [{"role": "user", "content": "Hi"}],
}
BODY_O = {"model": "deepseek-v4-flash", "messages": [{"role": "user", "content": "Hi"}]}


@pytest.fixture(scope="module")
def mock():
    with MockServer(keys=["sk-first", "sk-second"]) as server:
        yield server


def _assert_401(resp: httpx.Response) -> None:
    assert resp.status_code == 401
    error = resp.json()["error"]
    assert error["code"] == "invalid_api_key"
    assert error["type"] == "authentication_error"
    rid = resp.headers["x-oneapi-request-id"]
    assert f"(request id: {rid})" in error["message"]


def test_anthropic_accepts_x_api_key_and_bearer(mock):
    url = mock.anthropic_url + "/v1/messages"
    assert (
        httpx.post(url, json=BODY_A, headers={"x-api-key": "sk-first"}).status_code
        == 200
    )
    bearer = {"authorization": "Bearer sk-second"}
    assert httpx.post(url, json=BODY_A, headers=bearer).status_code == 200


def test_openai_accepts_bearer_only(mock):
    url = mock.openai_url + "/chat/completions"
    assert (
        httpx.post(
            url, json=BODY_O, headers={"authorization": "Bearer sk-first"}
        ).status_code
        == 200
    )
    _assert_401(httpx.post(url, json=BODY_O, headers={"x-api-key": "sk-first"}))


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"x-api-key": "sk-wrong"},
        {"authorization": "Bearer"},
        {"authorization": "Basic sk-first"},
    ],
)
def test_missing_or_unknown_key_is_401(mock, headers):
    _assert_401(
        httpx.post(mock.anthropic_url + "/v1/messages", json=BODY_A, headers=headers)
    )
    _assert_401(httpx.get(mock.openai_url + "/models", headers=headers))


def test_401_never_echoes_the_key(mock):
    resp = httpx.post(
        mock.openai_url + "/chat/completions",
        json=BODY_O,
        headers={"authorization": "Bearer sk-leak-me"},
    )
    assert resp.status_code == 401
    assert "sk-leak-me" not in resp.text


def test_auth_is_checked_before_the_body(mock):
    resp = httpx.post(mock.openai_url + "/chat/completions", content=b"{not json")
    _assert_401(resp)


def test_surface_root_answers_without_a_key(mock):
    assert httpx.head(mock.anthropic_url).status_code == 200
    assert httpx.get(mock.anthropic_url).status_code == 200
    assert httpx.head(mock.anthropic_url + "?beta=true").status_code == 200


def test_journal_redacts_keys(mock):
    httpx.post(
        mock.anthropic_url + "/v1/messages",
        json=BODY_A,
        headers={"x-api-key": "sk-first"},
    )
    entry = mock.journal.last
    assert entry.headers["x-api-key"] == "[redacted]"
    assert "sk-first" not in repr(entry)
