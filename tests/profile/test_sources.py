"""Every fact the profile calls documented or conflicting is traced to ezrouter's page.

A citation is a source slug plus the section (a heading or a short phrase) of that page
it rests on; the stored page copies live in ../shared/reference/ezrouter-pages/ (see
tests/support/source_pages.py). A missing page file or a phrase the page does not
contain fails here, so a profile entry cannot claim more than its source says. The
places where ezrouter's pages disagree (gateway-facts.md, section 17) must stay
`conflicting`.
"""

from __future__ import annotations

import os
import shutil

import pytest
import yaml
from support.source_pages import REFERENCE, citation_problems, citations

from ezrouter_mock.profile import DEFAULT_PATH, load_profile

PAGES = REFERENCE / "ezrouter-pages"


@pytest.fixture
def pages():
    """The stored page copies. Outside CI a checkout without ../shared skips; CI
    always has ../shared beside the clone, so there a missing copy fails instead of
    letting the citation checks pass by not running."""
    if PAGES.is_dir():
        return PAGES
    reason = f"ezrouter's page copies are not at {PAGES} (outside this checkout)"
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail(f"CI checks every citation: {reason}", pytrace=False)
    pytest.skip(reason)


needs_pages = pytest.mark.usefixtures("pages")


@pytest.fixture(scope="module")
def raw() -> dict:
    return yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def profile():
    return load_profile()


def test_citations_are_found_everywhere_they_occur(raw):
    found = {where for where, _, _ in citations(raw)}
    # entries, model statuses, divergences, error rows, the other side of a conflict
    assert "defaults.openai.tool_call_deltas" in found
    assert "models.claude-sonnet-4-6" in found
    assert "divergences[0]" in found and "divergences[0].against" not in found
    assert "errors[1].against" in found
    assert len(found) > 40


@needs_pages
def test_every_citation_is_in_its_page(raw):
    assert citation_problems(raw, REFERENCE) == []


@needs_pages
def test_a_missing_page_or_an_unsupported_phrase_fails(raw, tmp_path):
    """The check above can fail: without a page file, or with a phrase the page does
    not hold, it names the entry."""
    reference = tmp_path / "reference"
    shutil.copytree(REFERENCE, reference)
    (reference / "ezrouter-pages" / "kv-cache.txt").unlink()
    problems = citation_problems(raw, reference)
    assert any("source 'kv-cache' has no file" in p for p in problems), problems
    (reference / "seed-anthropic-api-surface.txt").unlink()
    problems = citation_problems(raw, reference)
    assert any(
        "'non-claude models do not have an analogue' is not in page 'anthropic-api'"
        in p
        for p in problems
    ), problems
    edited = yaml.safe_load(yaml.safe_dump(raw))
    edited["defaults"]["openai"]["json_mode"]["section"] = "Verified on every model"
    problems = citation_problems(edited, REFERENCE)
    assert problems == [
        "defaults.openai.json_mode: section 'Verified on every model' is not in page "
        "'json-mode'"
    ]


def test_a_citing_entry_without_a_section_is_refused(raw, tmp_path):
    """The schema itself refuses a documented entry that names no section."""
    from ezrouter_mock.profile import ProfileError, parse_profile

    edited = yaml.safe_load(yaml.safe_dump(raw))
    del edited["defaults"]["openai"]["json_mode"]["section"]
    with pytest.raises(ProfileError, match="section"):
        parse_profile(edited)
    edited = yaml.safe_load(yaml.safe_dump(raw))
    del edited["families"]["claude"]["anthropic"]["tools"]["against"]
    with pytest.raises(ProfileError, match="against"):
        parse_profile(edited)


#: gateway-facts.md section 17: where ezrouter's pages disagree, as profile cells.
SECTION_17 = [
    ("claude-sonnet-4-6", "anthropic", "tools"),  # tool-calls vs the seed field table
    ("glm-5.1", "anthropic", "cache_automatic"),  # seed auto-cache vs kv-cache
    ("claude-sonnet-4-6", "openai", "cache_automatic"),  # 2048 chunks vs 24901
    ("deepseek-v4-pro", "anthropic", "thinking_enabled"),  # no analogue vs upstream
    ("kimi-k2.6", "anthropic", "thinking_enabled"),  # no analogue vs best-effort
]


@pytest.mark.parametrize("key", SECTION_17, ids="/".join)
def test_disagreeing_pages_make_a_conflicting_cell(profile, key):
    entry = profile.entry(*key)
    assert entry.status == "conflicting"
    assert entry.against.says and (entry.against.source or entry.against.measured)
    assert (entry.source, entry.section) != (
        entry.against.source,
        entry.against.section,
    )


def test_disagreements_outside_the_matrix_are_conflicting(profile):
    # 403 "or the key isn't allowed" vs "no per-key allowlist"
    assert profile.error("access_denied").status == "conflicting"
    # supported_endpoint_types ["openai"] vs "any catalog model id"
    assert profile.model("deepseek-v4-flash").surfaces_status == "conflicting"
    # "the SDK assembles the final object" vs our measurement: a str on 1.x-3.x
    always_sse = profile.divergence("always_sse")
    assert always_sse.status == "conflicting" and always_sse.against.measured


def test_no_invented_error_type_is_documented(profile):
    """error-codes names three error.type values; nothing else may appear, and only
    rows backed by the page may say documented."""
    for e in profile.errors:
        assert e.type in ("authentication_error", "new_api_error", "upstream_error")
        if e.status in ("documented", "conflicting"):
            assert "error-codes" in (e.source, e.against and e.against.source)
