"""The request journal (mock/http/journal.py) is bounded in bytes and keeps raw body
bytes, not parsed JSON (issue 11, finding 7), and redacts credentials in headers and
in the query string (finding 9)."""

from __future__ import annotations

import json

from ezrouter_mock.mock.http.journal import (
    BODY_LIMIT,
    REDACTED,
    Journal,
    RecordedRequest,
    redact,
    redact_query,
)


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


def test_a_small_body_is_kept_whole_and_parses_on_demand():
    journal = Journal()
    entry = _record(journal, b'{"model": "m"}')
    assert entry.json == {"model": "m"} and not entry.truncated


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
