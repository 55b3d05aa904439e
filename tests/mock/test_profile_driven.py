"""Per-model behaviour comes from the profile: flipping one entry changes the mock."""

from __future__ import annotations

import httpx
import pytest
from support.http import MESSAGES, endpoint, post

from ezrouter_mock.mock.http.server import MockServer
from ezrouter_mock.profile import load_profile

IMAGE = {
    "type": "image",
    "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="},
}

# The Anthropic surface's beta route (``?beta=true``), whose upstream schema admits
# every field these tests send, so the answer is the profile's.
create = endpoint(
    MESSAGES + "?beta=true",
    {
        "model": "claude-sonnet-4-6",
        "max_tokens": 200,
        "messages": [{"role": "user", "content": "Hi"}],
    },
)


def test_models_endpoints_follow_the_catalog(ezrouter_mock):
    profile = load_profile()
    auth = {"authorization": f"Bearer {ezrouter_mock.key}"}
    listed = httpx.get(ezrouter_mock.openai_url + "/models", headers=auth).json()
    assert listed["success"] is True and listed["object"] == "list"
    assert [m["id"] for m in listed["data"]] == [m.id for m in profile.models]
    for item, model in zip(listed["data"], profile.models, strict=True):
        assert item["created"] == 1626777600
        assert item["owned_by"] == model.owned_by
        assert item["supported_endpoint_types"] == list(model.surfaces)
    anth = httpx.get(ezrouter_mock.anthropic_url + "/v1/models", headers=auth).json()
    assert [m["id"] for m in anth["data"]] == [
        m.id for m in profile.models if "anthropic" in m.surfaces
    ]
    one = httpx.get(ezrouter_mock.openai_url + "/models/glm-5.1", headers=auth)
    assert one.json()["id"] == "glm-5.1"


@pytest.mark.parametrize("prefix", ["/v1/models", "/anthropic/v1/models"])
def test_a_model_outside_the_catalog_is_404_on_both_surfaces(ezrouter_mock, prefix):
    auth = {"authorization": f"Bearer {ezrouter_mock.key}"}
    resp = httpx.get(f"{ezrouter_mock.root_url}{prefix}/gpt-nope", headers=auth)
    assert resp.status_code == 404
    error = resp.json()["error"]
    assert "gpt-nope" in error["message"] and "(request id: " in error["message"]


@pytest.mark.parametrize(
    "body,field",
    [
        (
            {
                "mcp_servers": [
                    {"type": "url", "url": "https://mcp.example", "name": "x"}
                ]
            },
            "mcp_servers",
        ),
        (
            {"tools": [{"type": "web_search_20250305", "name": "web_search"}]},
            "tools[0].type",
        ),
        (
            {"messages": [{"role": "user", "content": [IMAGE]}]},
            "messages[0].content[0]",
        ),
        (
            {
                "messages": [
                    {
                        "role": "user",
                        "content": [
                            {
                                "type": "document",
                                "source": {
                                    "type": "text",
                                    "media_type": "text/plain",
                                    "data": "hello",
                                },
                            }
                        ],
                    }
                ]
            },
            "messages[0].content[0]",
        ),
    ],
)
def test_unsupported_features_are_400(ezrouter_mock, body, field):
    err = create(ezrouter_mock, expect=400, **body)["error"]
    assert field in err["message"] and "not supported" in err["message"]


def test_anthropic_beta_header_is_accepted(ezrouter_mock):
    resp = post(
        ezrouter_mock,
        MESSAGES + "?beta=true",
        {
            "model": "claude-sonnet-4-6",
            "max_tokens": 50,
            "messages": [{"role": "user", "content": "Hi"}],
            "context_management": {"edits": []},
            "output_config": {"effort": "high"},
        },
        headers={"anthropic-beta": "claude-code-20250219,made-up-2099"},
    )
    assert resp.status_code == 200


def test_flipping_an_entry_changes_behaviour():
    profile = load_profile().with_entry(
        "claude-sonnet-4-6", "anthropic", "image_blocks", "works"
    )
    image = [
        {
            "role": "user",
            "content": [IMAGE, {"type": "text", "text": "What is this?"}],
        }
    ]
    with MockServer(profile=profile) as mock:
        assert create(mock, messages=image)["content"][0]["type"] == "text"
        create(mock, expect=400, model="claude-haiku-4-5", messages=image)
    rejected = load_profile().with_entry(
        "claude-sonnet-4-6", "anthropic", "tools", "rejected"
    )
    tool = {
        "name": "lookup",
        "description": "Look up a word",
        "input_schema": {"type": "object"},
    }
    with MockServer(profile=rejected) as mock:
        assert "tools" in create(mock, expect=400, tools=[tool])["error"]["message"]
        assert (
            create(mock, model="claude-opus-4-7", tools=[tool])["stop_reason"]
            == "end_turn"
        )


def test_ignored_thinking_via_profile():
    profile = load_profile().with_entry(
        "claude-sonnet-4-6", "anthropic", "thinking_enabled", "ignored"
    )
    with MockServer(profile=profile) as mock:
        msg = create(
            mock, max_tokens=3000, thinking={"type": "enabled", "budget_tokens": 1024}
        )
        assert [b["type"] for b in msg["content"]] == ["text"]


def test_error_codes_come_from_the_profile(ezrouter_mock):
    table = {(e.http): (e.code, e.type) for e in load_profile().errors}
    resp = post(ezrouter_mock, MESSAGES, content=b"{")
    error = resp.json()["error"]
    assert (error["code"], error["type"]) == table[400]
