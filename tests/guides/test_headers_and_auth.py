"""The "Which client sends which" table of the headers guide, and the installed SDKs.

The table's SDK rows are rendered from the client matrix's recorded run
(`matrix/client-matrix.json`, `matrix/clients.json`; tests/test_sdk_matrix.py and
tests/test_client_versions.py keep them fresh). Here the SDKs this suite itself runs
on (the project's lock, which may be another release of a line) are checked against
their line's record, by what reaches the mock (the journal redacts the key itself,
but keeps the header names).
"""

from __future__ import annotations

from pathlib import Path

import anthropic
import openai
import pytest
from support.http import MESSAGES, post

from tools.sdk_matrix import behaviour

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "guides" / "headers-and-auth.md"


def sent_headers(mock) -> dict[str, str]:
    return {k.lower(): v for k, v in mock.journal.last.headers.items()}


def recorded(sdk: str, version: str) -> dict:
    """The matrix record of the major line `version` belongs to."""
    return behaviour.load()["lines"][f"{sdk}-{version.split('.')[0]}"]


AUTH_HEADERS = {"Authorization: Bearer": "authorization", "x-api-key": "x-api-key"}


def test_guide_renders_the_recorded_rows():
    assert '--8<-- "matrix/facts.md:header-rows"' in GUIDE.read_text(encoding="utf-8")


def test_installed_anthropic_sends_what_its_line_recorded(ezrouter_mock_fresh):
    record = recorded("anthropic", anthropic.__version__)
    mock = ezrouter_mock_fresh
    client = anthropic.Anthropic(base_url=mock.anthropic_url, api_key=mock.key)
    client.messages.create(
        model="claude-haiku-4-5",
        max_tokens=16,
        messages=[{"role": "user", "content": "Hi"}],
    )
    headers = sent_headers(mock)
    expected = AUTH_HEADERS[record["auth_header"]]
    assert expected in headers
    assert set(AUTH_HEADERS.values()) - {expected} & set(headers) == set()
    assert headers["anthropic-version"] == record["anthropic_version"]


def test_installed_openai_sends_what_its_line_recorded(ezrouter_mock_fresh):
    record = recorded("openai", openai.__version__)
    mock = ezrouter_mock_fresh
    client = openai.OpenAI(base_url=mock.openai_url, api_key=mock.key)
    client.models.list()
    headers = sent_headers(mock)
    assert AUTH_HEADERS[record["auth_header"]] in headers
    assert record["anthropic_version"] is None and "anthropic-version" not in headers


def test_beta_header_reaches_the_gateway(ezrouter_mock_fresh):
    """The beta example sends the flag, and the mock accepts and ignores it."""
    mock = ezrouter_mock_fresh
    client = anthropic.Anthropic(base_url=mock.anthropic_url, api_key=mock.key)
    message = client.messages.create(
        model="claude-sonnet-4-6",
        max_tokens=64,
        messages=[{"role": "user", "content": "Hi"}],
        extra_headers={"anthropic-beta": "interleaved-thinking-2025-05-14"},
    )
    assert message.stop_reason == "end_turn"
    assert sent_headers(mock)["anthropic-beta"] == "interleaved-thinking-2025-05-14"


@pytest.mark.parametrize("version", [None, "2023-06-01", "2026-10-21", "not-a-date"])
def test_the_mock_does_not_read_anthropic_version(ezrouter_mock_fresh, version):
    """The guide says the mock accepts any anthropic-version, or none."""
    mock = ezrouter_mock_fresh
    answer = post(
        mock,
        MESSAGES,
        {
            "model": "claude-haiku-4-5",
            "max_tokens": 16,
            "messages": [{"role": "user", "content": "Hi"}],
        },
        headers={"anthropic-version": version} if version else None,
    )
    assert answer.status_code == 200, answer.text


def test_every_anthropic_curl_example_sends_anthropic_version():
    """One convention across the curl examples (the guide says they all send it)."""
    curl = ROOT / "snippets" / "curl"
    scripts = [p for p in curl.glob("*.sh") if "/anthropic" in p.read_text()]
    assert len(scripts) >= 6
    missing = [p.name for p in scripts if "anthropic-version: " not in p.read_text()]
    assert not missing, missing
