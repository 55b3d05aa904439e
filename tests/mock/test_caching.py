"""Prompt caching: Anthropic breakpoints with TTLs and a minimum length; OpenAI-surface
automatic 2048-token chunks; opus' documented missing auto cache.
Uses an injected clock."""

from __future__ import annotations

import pytest
from support.http import CHAT, MESSAGES, answer, post

from ezrouter_mock.mock.http.server import MockServer, MockSettings
from ezrouter_mock.profile import load_profile

DOC = "The quick brown fox jumps over the lazy dog. " * 200  # ~2000 tokens


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clocked():
    clock = Clock()
    with MockServer(
        settings=MockSettings(clock=clock, divergences_off={"always_sse"})
    ) as mock:
        yield mock, clock


def usage_of_message(mock, system, question="Summarise it", model="claude-sonnet-4-6"):
    body = {
        "model": model,
        "max_tokens": 50,
        "system": system,
        "messages": [{"role": "user", "content": question}],
    }
    return answer(mock, MESSAGES, body)["usage"]


def _system(ttl=None, text=DOC):
    mark = {"type": "ephemeral", **({"ttl": ttl} if ttl else {})}
    return [
        {"type": "text", "text": "You answer questions about the document."},
        {"type": "text", "text": text, "cache_control": mark},
    ]


def test_breakpoint_writes_then_reads(clocked):
    mock, _ = clocked
    first = usage_of_message(mock, _system())
    assert (
        first["cache_creation_input_tokens"] > 1024
        and first["cache_read_input_tokens"] == 0
    )
    second = usage_of_message(mock, _system(), "A different question")
    assert second["cache_read_input_tokens"] == first["cache_creation_input_tokens"]
    assert second["cache_creation_input_tokens"] == 0
    assert (
        first["cache_creation"]["ephemeral_5m_input_tokens"]
        == first["cache_creation_input_tokens"]
    )
    plain = [{"type": "text", "text": block["text"]} for block in _system()]
    question = [{"role": "user", "content": "A different question"}]
    body = {"model": "claude-sonnet-4-6", "system": plain, "messages": question}
    counted = answer(mock, MESSAGES + "/count_tokens", body)["input_tokens"]
    assert counted == (second["input_tokens"] + second["cache_read_input_tokens"]), (
        "cached and uncached input tokens add up to the whole prompt"
    )


@pytest.mark.parametrize(("ttl", "lifetime"), [(None, 300), ("1h", 3600)])
def test_an_entry_lives_for_its_ttl_and_a_hit_refreshes_it(clocked, ttl, lifetime):
    mock, clock = clocked
    written = usage_of_message(mock, _system(ttl))
    size = written["cache_creation_input_tokens"]
    assert size > 0
    assert written["cache_creation"][f"ephemeral_{ttl or '5m'}_input_tokens"] == size
    clock.now += lifetime - 1
    assert usage_of_message(mock, _system(ttl))["cache_read_input_tokens"] == size
    clock.now += lifetime - 1  # alive still: the read above refreshed the entry
    assert usage_of_message(mock, _system(ttl))["cache_read_input_tokens"] == size
    clock.now += lifetime + 1
    expired = usage_of_message(mock, _system(ttl))
    assert expired["cache_read_input_tokens"] == 0
    assert expired["cache_creation_input_tokens"] == size


def test_short_prefix_is_not_cached(clocked):
    mock, _ = clocked
    for _ in range(2):
        usage = usage_of_message(mock, _system(text="Too short to cache."))
        assert usage["cache_creation_input_tokens"] == 0
        assert usage["cache_read_input_tokens"] == 0


def test_changed_prefix_misses(clocked):
    mock, _ = clocked
    usage_of_message(mock, _system())
    assert (
        usage_of_message(mock, _system(text=DOC + "Extra."))["cache_read_input_tokens"]
        == 0
    )


def test_billed_total_is_stable(clocked):
    mock, _ = clocked
    a, b = usage_of_message(mock, _system()), usage_of_message(mock, _system())

    def total(u):
        return (
            u["input_tokens"]
            + u["cache_creation_input_tokens"]
            + u["cache_read_input_tokens"]
        )

    assert total(a) == total(b)


def test_non_claude_ignores_cache_control(clocked):
    mock, _ = clocked
    usage_of_message(mock, _system(), model="deepseek-v4-pro")
    again = usage_of_message(mock, _system(), model="deepseek-v4-pro")
    assert (
        again["cache_read_input_tokens"] == 0
        and again["cache_creation_input_tokens"] == 0
    )


def usage_of_chat(mock, model, question):
    body = {
        "model": model,
        "messages": [
            {"role": "system", "content": "word " * 5000},
            {"role": "user", "content": question},
        ],
    }
    return answer(mock, CHAT, body)["usage"]


def test_openai_automatic_cache_in_2048_chunks(clocked):
    mock, clock = clocked
    first = usage_of_chat(mock, "kimi-k2.6", "one")
    assert first["prompt_tokens_details"]["cached_tokens"] == 0
    second = usage_of_chat(mock, "kimi-k2.6", "two")
    cached = second["prompt_tokens_details"]["cached_tokens"]
    assert cached > 0 and cached % 2048 == 0
    assert (
        second["prompt_tokens"] == first["prompt_tokens"]
    )  # prompt_tokens includes the cached part
    assert cached <= second["prompt_tokens"]
    clock.now += 10_000
    assert (
        usage_of_chat(mock, "kimi-k2.6", "three")["prompt_tokens_details"][
            "cached_tokens"
        ]
        == 0
    )


def test_claude_automatic_cache_counts_the_repeated_prefix_to_the_token(clocked):
    """kv-cache measured 24901 of 25231 on a claude model: not 2048-token chunks.
    The profile gives claude models no chunk; the whole repeated prefix before the
    last message counts, so a new question still reads the system prompt back."""
    mock, _ = clocked
    first = usage_of_chat(mock, "claude-sonnet-4-6", "one")
    second = usage_of_chat(mock, "claude-sonnet-4-6", "two")
    cached = second["prompt_tokens_details"]["cached_tokens"]
    assert first["prompt_tokens_details"]["cached_tokens"] == 0
    assert first["prompt_tokens"] > 4096
    assert 0 < cached < second["prompt_tokens"]
    assert cached % 2048 != 0
    assert load_profile().model("claude-sonnet-4-6").auto_cache_chunk is None


def test_opus_reports_no_automatic_cache_unless_divergence_off(clocked):
    mock, _ = clocked
    usage_of_chat(mock, "claude-opus-4-7", "one")
    assert (
        usage_of_chat(mock, "claude-opus-4-7", "two")["prompt_tokens_details"][
            "cached_tokens"
        ]
        == 0
    )
    with MockServer(
        settings=MockSettings(divergences_off={"always_sse", "opus_no_auto_cache"})
    ) as fixed:
        usage_of_chat(fixed, "claude-opus-4-7", "one")
        assert (
            usage_of_chat(fixed, "claude-opus-4-7", "two")["prompt_tokens_details"][
                "cached_tokens"
            ]
            > 0
        )


def test_too_many_breakpoints_is_400(ezrouter_mock):
    block = {"type": "text", "text": "x", "cache_control": {"type": "ephemeral"}}
    body = {
        "model": "claude-sonnet-4-6",
        "max_tokens": 10,
        "system": [block] * 5,
        "messages": [{"role": "user", "content": "Hi"}],
    }
    resp = post(ezrouter_mock, MESSAGES, body)
    assert resp.status_code == 400
    assert "cache_control" in resp.json()["error"]["message"]
