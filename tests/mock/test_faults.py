"""Queued faults (statuses, hangs, broken streams) and the fixture that sets them up."""

from __future__ import annotations

import anthropic
import httpx
import openai
import pytest
from support.http import CHAT, MESSAGES, post

BODY_A = {
    "model": "claude-sonnet-4-6",
    "max_tokens": 200,
    "messages": [{"role": "user", "content": "Hi"}],
}


def _post(mock):
    return post(mock, MESSAGES, BODY_A)


@pytest.mark.parametrize("status", [429, 500, 502, 529])
def test_queued_status_then_normal(ezrouter_mock_fresh, status):
    mock = ezrouter_mock_fresh
    mock.faults.push(status=status)
    failed = _post(mock)
    assert failed.status_code == status
    assert set(failed.json()["error"]) == {"code", "message", "type"}
    assert _post(mock).status_code == 200


def test_sdk_retries_through_queued_faults(ezrouter_mock_fresh):
    mock = ezrouter_mock_fresh
    mock.faults.push(status=529, times=2, headers={"retry-after-ms": "1"})
    client = anthropic.Anthropic(base_url=mock.anthropic_url, api_key=mock.key)
    assert client.messages.create(**BODY_A).content[0].text
    assert [e.status for e in mock.journal] == [529, 529, 200]
    assert [e.headers.get("x-stainless-retry-count") for e in mock.journal] == [
        "0",
        "1",
        "2",
    ]


def test_sdk_gives_up_after_its_retries(ezrouter_mock_fresh):
    mock = ezrouter_mock_fresh
    mock.faults.push(status=500, times=3, headers={"retry-after-ms": "1"})
    client = openai.OpenAI(base_url=mock.openai_url, api_key=mock.key)
    with pytest.raises(openai.InternalServerError):
        client.chat.completions.create(
            model="glm-5.1", messages=[{"role": "user", "content": "Hi"}], stream=True
        )
    assert len(mock.faults) == 0


def test_hang_trips_the_client_timeout(ezrouter_mock_fresh):
    mock = ezrouter_mock_fresh
    mock.faults.push(hang=True)
    with pytest.raises(httpx.ReadTimeout):
        post(mock, MESSAGES, BODY_A, timeout=0.5)
    assert _post(mock).status_code == 200


def test_break_stream_waits_for_a_stream(ezrouter_mock_fresh):
    mock = ezrouter_mock_fresh
    mock.faults.push(break_stream="error")
    assert _post(mock).status_code == 200  # not a stream: the fault stays queued
    assert len(mock.faults) == 1
    client = anthropic.Anthropic(base_url=mock.anthropic_url, api_key=mock.key)
    with (
        pytest.raises(anthropic.APIStatusError),
        client.messages.stream(**BODY_A) as stream,
    ):
        stream.get_final_message()
    assert len(mock.faults) == 0


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"status": 200},
        {"status": 503, "hang": True},
        {"break_stream": "explode"},
        {"status": 500, "times": 0},
    ],
)
def test_push_rejects_bad_faults(ezrouter_mock_fresh, kwargs):
    with pytest.raises(ValueError):
        ezrouter_mock_fresh.faults.push(**kwargs)


def test_factory_fixture_applies_settings(ezrouter_mock_factory):
    from ezrouter_mock.mock.http.server import MockSettings

    mock = ezrouter_mock_factory(
        settings=MockSettings(divergences_off={"always_sse"}), keys=["sk-x"]
    )
    resp = post(
        mock,
        CHAT,
        {"model": "glm-5.1", "messages": [{"role": "user", "content": "Hi"}]},
        key="sk-x",
    )
    assert resp.headers["content-type"].startswith("application/json")
