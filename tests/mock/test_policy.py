"""The policy (mock/core/policy.py): the one reader of the profile inside the mock."""

from __future__ import annotations

import pytest

from ezrouter_mock.mock.core.model import ChatRequest
from ezrouter_mock.mock.core.policy import Policy
from ezrouter_mock.profile import load_profile


@pytest.fixture(scope="module")
def policy() -> Policy:
    return Policy(load_profile())


def test_an_unknown_feature_is_an_error_not_works(policy):
    with pytest.raises(KeyError, match="unknown feature 'telepathy'"):
        policy.support("claude-sonnet-4-6", "anthropic", "telepathy")
    with pytest.raises(KeyError, match="does not apply to the anthropic surface"):
        policy.support("claude-sonnet-4-6", "anthropic", "json_mode")


def test_an_unknown_divergence_cannot_be_turned_off():
    with pytest.raises(KeyError, match="unknown divergence 'nope'"):
        Policy(load_profile(), divergences_off={"nope"})


def test_always_sse_forces_streams_on_its_surface_only(policy):
    def request(surface: str) -> ChatRequest:
        return ChatRequest(surface=surface, model="claude-sonnet-4-6", messages=[])

    assert policy.streams(request("openai")) is True
    assert policy.streams(request("anthropic")) is False
    upstream = Policy(load_profile(), divergences_off={"always_sse"})
    assert upstream.streams(request("openai")) is False
