"""Strict validation against the upstream specs does not reject what ezrouter documents
it accepts, and the profile records each such difference (issue 11: "where ezrouter is
known or assumed to differ, the profile says so")."""

from __future__ import annotations

import pytest
from support.http import CHAT, MESSAGES, post

OPENAI = {"model": "claude-opus-4-7", "messages": [{"role": "user", "content": "Hi"}]}
ANTHROPIC_MSG = [{"role": "user", "content": "Hi"}]


@pytest.mark.parametrize(
    "extra",
    [
        {"thinking": {"type": "enabled"}},  # extra_body={"thinking": ...}
        {"thinking": {"type": "enabled"}, "reasoning_effort": "max"},
        {"reasoning_effort": "xhigh"},
        {"reasoning_effort": "low"},
        {"user_id": "end-user-42"},
        {"user": "end-user-42"},
    ],
    ids=lambda e: "+".join(f"{k}={v}" for k, v in e.items()),
)
def test_openai_surface_accepts_ezrouters_fields(ezrouter_mock, extra):
    resp = post(ezrouter_mock, CHAT, {**OPENAI, **extra})
    assert resp.status_code == 200, resp.text


def test_openai_surface_extensions_are_in_the_profile(ezrouter_mock):
    profile = ezrouter_mock.profile
    thinking = profile.entry("claude-opus-4-7", "openai", "thinking_enabled")
    assert thinking.status == "documented" and "extra_body" in thinking.note
    effort = profile.entry("claude-opus-4-7", "openai", "reasoning_effort")
    assert effort.source == "thinking-mode" and "xhigh" in effort.note
    user_id = profile.divergence("user_id_field")
    assert (user_id.surface, user_id.status, user_id.source) == (
        "openai",
        "documented",
        "rate-limits",
    )


def test_anthropic_surface_accepts_every_catalog_model_and_any_beta(ezrouter_mock):
    """Any catalog model id, not only claude, and an anthropic-beta header naming
    betas the gateway ignores."""
    headers = {"anthropic-beta": "made-up-beta-2099-01-01,another-one"}
    for model in [m.id for m in ezrouter_mock.profile.models]:
        for path, body in (
            (MESSAGES, {"model": model, "max_tokens": 50}),
            (MESSAGES + "/count_tokens", {"model": model}),
        ):
            body = {**body, "messages": ANTHROPIC_MSG}
            resp = post(ezrouter_mock, path, body, headers=headers)
            assert resp.status_code == 200, (model, path, resp.text)


def test_anthropic_surface_extensions_are_in_the_profile(ezrouter_mock):
    profile = ezrouter_mock.profile
    for model in [m.id for m in profile.models]:
        beta = profile.entry(model, "anthropic", "anthropic_beta")
        # ezrouter's page says the header is "likely ignored": ignored, and assumed
        assert (beta.support, beta.status) == ("ignored", "assumed")
        assert beta.source == "anthropic-api"
        text = profile.entry(model, "anthropic", "text")
        assert (text.support, text.source) == ("works", "anthropic-api")
