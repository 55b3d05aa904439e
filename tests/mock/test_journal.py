"""The request journal (mock/http/journal.py): what it records of each request, that
it is bounded in entries and bytes and keeps raw body bytes, not parsed JSON (issue
11, finding 7), and that it redacts credentials in headers and in the query string
(finding 9)."""

from __future__ import annotations

import json

import httpx
from support.http import MESSAGES, post

from ezrouter_mock.mock.http.journal import (
    BODY_LIMIT,
    REDACTED,
    Journal,
    RecordedRequest,
    redact,
    redact_query,
)
from ezrouter_mock.mock.http.server import MockServer, MockSettings

BODY_A = {
    "model": "claude-sonnet-4-6",
    "max_tokens": 200,
    "messages": [{"role": "user", "content": "Hi"}],
}


def _record(journal: Journal, raw: bytes) -> RecordedRequest:
    entry = RecordedRequest("POST", "/v1/chat/completions", "", {})
    journal.append(entry)
    journal.keep_body(entry, raw)
    return entry


def test_many_large_bodies_of_tiny_objects_stay_within_the_byte_budget():
    """A 0.95 MiB body of small objects once cost ~17 MiB parsed; 1,000 of them
    ~16 GiB. Kept as cut bytes, the journal's own accounting stays under budget."""
    tiny = json.dumps({"messages": [{"a": 1}] * 95_000}).encode()
    assert 900 * 1024 < len(tiny) < 1024 * 1024
    budget = 4 * 1024 * 1024
    journal = Journal(max_entries=1000, max_bytes=budget)
    for _ in range(300):
        entry = _record(journal, tiny)
        assert journal.size_bytes <= budget
    assert journal.size_bytes == sum(e.cost for e in journal)
    assert len(tiny) <= BODY_LIMIT and entry.raw == tiny and not entry.truncated
    assert 0 < len(journal) < 300


def test_entries_are_bounded_too():
    journal = Journal(max_entries=3)
    for _ in range(10):
        _record(journal, b"{}")
    assert len(journal) == 3


def test_clear_resets_the_accounting():
    journal = Journal()
    _record(journal, b"x" * 100)
    journal.clear()
    assert len(journal) == 0 and journal.size_bytes == 0


def test_credentials_are_redacted_in_headers_and_query():
    headers = redact({"Authorization": "Bearer sk-1", "x-api-key": "sk-2", "a": "b"})
    assert headers == {"Authorization": REDACTED, "x-api-key": REDACTED, "a": "b"}
    query = redact_query("key=sk-1&limit=5&api_key=sk-2&access_token=t&foo=bar")
    assert "sk-1" not in query and "sk-2" not in query and "=t" not in query
    assert "limit=5" in query and "foo=bar" in query
    assert redact_query("limit=5") == "limit=5"


def test_journal_records_requests(ezrouter_mock_fresh):
    mock = ezrouter_mock_fresh
    post(mock, MESSAGES + "?beta=true", BODY_A)
    httpx.get(
        mock.openai_url + "/models", headers={"authorization": f"Bearer {mock.key}"}
    )
    first, second = mock.journal[0], mock.journal[1]
    assert (first.method, first.path, first.query, first.status) == (
        "POST",
        "/anthropic/v1/messages",
        "beta=true",
        200,
    )
    assert first.json == BODY_A
    assert first.request_id
    assert (second.method, second.path, second.json) == ("GET", "/v1/models", None)
    mock.journal.clear()
    assert len(mock.journal) == 0


def test_journal_is_bounded():
    with (
        MockServer(settings=MockSettings(journal_size=5)) as mock,
        httpx.Client() as client,
    ):
        for _ in range(12):
            client.get(mock.anthropic_url)
        assert len(mock.journal) == 5


def test_journal_keeps_an_agent_sized_body_and_cuts_a_larger_one():
    """Claude Code's first request is about 115 KB: its body must still parse. Only a
    body above BODY_LIMIT is kept cut, and then reads as None, not as broken JSON."""
    journal = Journal()
    agent, huge = (RecordedRequest("POST", "/v1/messages", "", {}) for _ in range(2))
    journal.append(agent)
    journal.keep_body(agent, json.dumps({"system": "x" * 200_000}).encode())
    assert not agent.truncated and agent.json == {"system": "x" * 200_000}
    journal.append(huge)
    journal.keep_body(huge, b'"' + b"x" * BODY_LIMIT + b'"')
    assert huge.truncated and huge.json is None
    assert journal.size_bytes == agent.cost + huge.cost


def test_the_served_key_is_never_recorded(ezrouter_mock_fresh):
    mock = ezrouter_mock_fresh
    post(mock, MESSAGES, BODY_A)
    (entry,) = [r for r in mock.journal if r.method == "POST"]
    assert entry.path == "/anthropic/v1/messages"
    assert entry.json["model"] == BODY_A["model"]
    assert mock.key not in repr(entry.headers)
    assert mock.key not in repr(list(mock.journal))
