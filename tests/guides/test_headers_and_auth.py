"""The "Which client sends which" table of the headers guide matches the installed SDKs.

Section 0 of the gateway facts says which auth header and `anthropic-version` each SDK
generation sends; the guide repeats it as a table. Here each row for an installed SDK
is checked against what actually reaches the mock (the journal redacts the key itself,
but keeps the header names).
"""

from __future__ import annotations

import re
from pathlib import Path

import anthropic
import openai
import pytest
from support.http import MESSAGES, post

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "guides" / "headers-and-auth.md"


def table_row(client_label: str) -> tuple[str, str]:
    """(auth header, anthropic-version) the guide states for `client_label`."""
    text = GUIDE.read_text(encoding="utf-8")
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] == client_label:
            return cells[1].strip("`"), cells[2].strip("`")
    raise AssertionError(f"no row for {client_label!r} in {GUIDE.name}")


def header_name(stated: str) -> str:
    """`Authorization: Bearer` -> authorization; `x-api-key` -> x-api-key."""
    return re.split(r"[:\s]", stated, maxsplit=1)[0].lower()


def sent_headers(mock) -> dict[str, str]:
    return {k.lower(): v for k, v in mock.journal.last.headers.items()}


def test_anthropic_sdk_row(ezrouter_mock_fresh):
    major = anthropic.__version__.split(".")[0]
    if major != "2":
        pytest.skip(
            f"the table's row is for anthropic 2.x, {anthropic.__version__} here"
        )
    auth, version = table_row("`anthropic` Python SDK 2.x")
    mock = ezrouter_mock_fresh
    client = anthropic.Anthropic(base_url=mock.anthropic_url, api_key=mock.key)
    client.messages.create(
        model="claude-haiku-4-5",
        max_tokens=16,
        messages=[{"role": "user", "content": "Hi"}],
    )
    headers = sent_headers(mock)
    assert header_name(auth) == "authorization"
    assert "authorization" in headers and "x-api-key" not in headers
    assert headers["anthropic-version"] == version


def test_openai_sdk_row(ezrouter_mock_fresh):
    auth, version = table_row("`openai` Python SDK")
    mock = ezrouter_mock_fresh
    client = openai.OpenAI(base_url=mock.openai_url, api_key=mock.key)
    client.models.list()
    headers = sent_headers(mock)
    assert header_name(auth) in headers
    assert version == "none" and "anthropic-version" not in headers


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
