"""The gateway profile: it loads, it encodes the documented facts, and a bad file
gets a clear ProfileError that names the offending key."""

from __future__ import annotations

import copy

import jsonschema
import pytest
import yaml

from ezrouter_mock import cli
from ezrouter_mock import profile as profile_mod
from ezrouter_mock.profile import (
    DEFAULT_PATH,
    FEATURES,
    SURFACES,
    ProfileError,
    load_profile,
    parse_profile,
)

DOCUMENTED_IDS = {
    "claude-opus-4-7",
    "claude-sonnet-4-6",
    "claude-haiku-4-5",
    "deepseek-v4-pro",
    "deepseek-v4-flash",
    "glm-5.1",
    "kimi-k2.6",
}


@pytest.fixture(scope="module")
def profile():
    return load_profile()


@pytest.fixture
def raw():
    return yaml.safe_load(DEFAULT_PATH.read_text())


def test_catalog_holds_the_documented_ids(profile):
    assert {m.id for m in profile.models} == DOCUMENTED_IDS
    sonnet = profile.model("claude-sonnet-4-6")
    assert sonnet.owned_by == "vertex-ai"
    assert sonnet.surfaces == ("anthropic", "openai")
    assert sonnet.owned_by_status == "documented"
    flash = profile.model("deepseek-v4-flash")
    assert (flash.owned_by, flash.surfaces) == ("custom", ("openai",))
    assert profile.model("gpt-5") is None


def test_matrix_is_complete_and_every_entry_has_provenance(profile):
    for m in profile.models:
        for surface in SURFACES:
            for feature, surfaces in FEATURES.items():
                if surface not in surfaces:
                    with pytest.raises(KeyError, match="does not apply"):
                        profile.entry(m.id, surface, feature)
                    continue
                e = profile.entry(m.id, surface, feature)
                assert e.support in {"works", "ignored", "rejected", "broken"}
                assert e.note
                if e.status == "documented":
                    assert e.source in profile.sources
                if e.status == "verified":
                    assert e.verified_on and e.how


def test_anthropic_surface_accepts_every_model(profile):
    for m in profile.models:
        assert profile.support(m.id, "anthropic", "text") == "works"
        assert profile.entry(m.id, "anthropic", "text").status == "documented"


def test_tool_call_facts(profile):
    assert profile.support("claude-opus-4-7", "openai", "tool_call_deltas") == "works"
    for m in ("claude-sonnet-4-6", "deepseek-v4-pro", "glm-5.1"):
        assert profile.support(m, "openai", "tool_call_deltas") == "broken"
        assert profile.support(m, "openai", "tools") == "works"
    assert profile.support("kimi-k2.6", "openai", "tools") == "ignored"
    for m in ("claude-haiku-4-5", "claude-sonnet-4-6"):
        entry = profile.entry(m, "anthropic", "tools")
        # tool-calls and the anthropic-api page disagree (gateway-facts section 17)
        assert (entry.support, entry.status) == ("works", "conflicting")
        assert entry.against.source == "anthropic-api"


def test_thinking_caching_and_rejections(profile):
    for m in ("claude-opus-4-7", "claude-haiku-4-5"):
        for surface in SURFACES:
            assert profile.support(m, surface, "thinking_enabled") == "works"
    assert profile.support("deepseek-v4-pro", "anthropic", "thinking_enabled") == (
        "ignored"
    )
    assert profile.support("claude-opus-4-7", "openai", "cache_automatic") == "ignored"
    assert profile.support("glm-5.1", "openai", "cache_automatic") == "works"
    for m in profile.models:
        assert profile.support(m.id, "anthropic", "mcp_servers") == "rejected"
        assert profile.support(m.id, "anthropic", "server_tools") == "rejected"
        assert profile.support(m.id, "anthropic", "anthropic_beta") == "ignored"


def test_divergences_and_their_affected_cells(profile):
    ids = {d.id for d in profile.divergences}
    assert ids == {
        "always_sse",
        "reasoning_content_dropped",
        "tool_call_deltas_missing",
        "opus_no_auto_cache",
        "kimi_no_tool_signal",
        "user_id_field",
    }
    assert all(profile.divergence_enabled(i) for i in ids)
    off = profile.without_divergences({"tool_call_deltas_missing", "always_sse"})
    assert not off.divergence_enabled("always_sse")
    assert off.support("glm-5.1", "openai", "tool_call_deltas") == "works"
    assert off.support("kimi-k2.6", "openai", "tool_call_deltas") == "ignored"
    # the original is untouched
    assert profile.divergence_enabled("always_sse")
    assert profile.support("glm-5.1", "openai", "tool_call_deltas") == "broken"
    with pytest.raises(KeyError, match="unknown divergence 'nope'"):
        profile.without_divergences({"nope"})


def test_with_entry_returns_a_changed_copy(profile):
    flipped = profile.with_entry("glm-5.1", "openai", "json_mode", "ignored")
    assert flipped.support("glm-5.1", "openai", "json_mode") == "ignored"
    assert profile.support("glm-5.1", "openai", "json_mode") == "works"
    with pytest.raises(ValueError, match="support must be one of"):
        profile.with_entry("glm-5.1", "openai", "json_mode", "maybe")
    with pytest.raises(KeyError, match="unknown model"):
        profile.with_entry("nope", "openai", "json_mode", "works")


def test_error_table(profile):
    auth = profile.error("invalid_api_key")
    assert (auth.http, auth.type, auth.status) == (
        401,
        "authentication_error",
        "documented",
    )
    denied = profile.error("access_denied")
    assert (denied.http, denied.type) == (403, "new_api_error")
    assert {e.status for e in profile.errors if e.http >= 500} == {"assumed"}


def test_json_schema_accepts_the_packaged_file(raw):
    jsonschema.validate(raw, profile_mod.json_schema())


def _break(raw, path, value):
    node = raw
    for key in path[:-1]:
        node = node[key]
    if value is _DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return raw


_DELETE = object()


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (
            ("defaults", "openai", "text", "support"),
            "sometimes",
            "defaults.openai.text.support",
        ),
        (("defaults", "openai", "bogus_feature"), {}, "bogus_feature"),
        (
            ("defaults", "openai", "mcp_servers"),
            {"support": "rejected", "status": "assumed", "note": "x"},
            "defaults.openai.mcp_servers: feature 'mcp_servers' does not apply",
        ),
        (
            ("defaults", "openai", "text", "source"),
            _DELETE,
            "status 'documented' needs a 'source'",
        ),
        (
            ("defaults", "openai", "text", "source"),
            "no-such-page",
            "defaults.openai.text.source: unknown slug 'no-such-page'",
        ),
        (
            ("defaults", "anthropic", "count_tokens"),
            _DELETE,
            "defaults.anthropic: missing entries for count_tokens",
        ),
        (("models", "glm-5.1", "family"), "zhipu", "unknown family 'zhipu'"),
        (("models", "glm-5.1", "colour"), "blue", "models.glm-5.1.colour"),
        (("version",), 2, "version"),
        (
            ("defaults", "openai", "text", "status"),
            "verified",
            "needs 'verified_on' and 'how'",
        ),
    ],
)
def test_bad_profile_names_the_key(raw, path, value, message):
    with pytest.raises(ProfileError) as info:
        parse_profile(_break(raw, path, value), "bad.yaml")
    assert message in str(info.value)
    assert str(info.value).startswith("bad.yaml")


def test_divergence_must_show_in_its_cells(raw):
    bad = copy.deepcopy(raw)
    bad["models"]["glm-5.1"]["overrides"] = {
        "openai": {
            "tool_call_deltas": {"support": "works", "status": "assumed", "note": "x"}
        }
    }
    with pytest.raises(ProfileError, match="tool_call_deltas_missing.*glm-5.1"):
        parse_profile(bad, "bad.yaml")


def test_unreadable_or_malformed_files(tmp_path):
    with pytest.raises(ProfileError, match="cannot read profile"):
        load_profile(tmp_path / "missing.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("defaults: {openai: [unclosed\n")
    with pytest.raises(ProfileError, match="not valid YAML"):
        load_profile(broken)
    listy = tmp_path / "list.yaml"
    listy.write_text("- a\n- b\n")
    with pytest.raises(ProfileError, match="top level must be a mapping"):
        load_profile(listy)


def test_command_line_check_reports_without_traceback(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\n")
    assert cli.main(["profile", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "invalid profile" in err and "Traceback" not in err
    assert cli.main(["profile"]) == 0
