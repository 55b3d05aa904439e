"""Client versions on the pages come from a real run, never from typed prose.

`matrix/clients.json` records what the npm SDKs (under the pinned Node) and the
coding agents are and do, measured against the mock (`tools.sdk_matrix.clients`);
the per-version sentences the guides show are rendered from it and from the Python
lines' record into `snippets/matrix/facts.md`. This module checks that the stored
record is what a fresh run measures (`pytest --update-examples` or
`make matrix-record` rewrites it), and that no page types a client version in its
prose, where no run would ever correct it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tools.sdk_matrix import behaviour, clients, facts, render, support

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def test_clients_data_is_fresh(node, request):
    """matrix/clients.json is what the installed npm SDKs and agents do now."""
    try:
        fresh = clients.measure(ROOT)
    except clients.ClientError as exc:
        pytest.skip(str(exc))
    if request.config.getoption("update_examples"):
        clients.dump(fresh)
        render.write_all(behaviour.load(), support.load())
        return
    changed = clients.changes(clients.load(), fresh)
    assert not changed, (
        "the npm SDKs or agents differ from matrix/clients.json "
        "(run `make matrix-record` if this is expected):\n  " + "\n  ".join(changed)
    )


def test_every_client_is_recorded():
    data = clients.load()
    assert sorted(data["npm"]) == sorted(sdk.key for sdk in clients.NPM_SDKS)
    assert sorted(data["agents"]) == sorted(agent.key for agent in clients.AGENTS)
    assert re.fullmatch(r"\d+\.\d+\.\d+", data["node"])


def test_every_fact_section_is_used_by_a_page():
    """A rendered section no page includes is a fact nobody reads: drop it."""
    sections = re.findall(
        r"\[start:([\w-]+)\]", render.render_all(behaviour.load(), [])["facts.md"]
    )
    pages = "".join(p.read_text(encoding="utf-8") for p in DOCS.rglob("*.md"))
    unused = [s for s in sections if f'"matrix/facts.md:{s}"' not in pages]
    assert not unused, (
        f"sections of snippets/matrix/facts.md no page includes: {unused}"
    )


# -- no typed versions in prose ---------------------------------------------------

CLIENTS = r"(?:anthropic|openai|@anthropic-ai/sdk|Node(?:\.js)?|Claude Code|OpenCode)"
VERSION_PATTERNS = [
    # a client's name, then a version: "anthropic 2", "Node 22.18", "OpenCode 1.18"
    re.compile(rf"(?<![\w/-]){CLIENTS}(?:\s+(?:SDK|Python SDK|SDK for Node))?\s+v?\d"),
    # a major line: "1.x" (not part of an id such as gpt-5.x)
    re.compile(r"(?<![\w.-])\d+\.x\b"),
    # a release: "2.16.0" (IP addresses and longer dotted numbers do not match)
    re.compile(r"(?<![\w.])\d+\.\d+\.\d+(?![\w.])"),
]
_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
_INCLUDE = re.compile(r'^\s*-{1,2}8<-{1,2}\s+"')


def prose_lines(text: str):
    """(line number, text) of the lines that are neither code blocks nor includes."""
    fence = None
    for number, line in enumerate(text.splitlines(), start=1):
        match = _FENCE.match(line)
        if fence is not None:
            if (
                match
                and match.group(2)[0] == fence[0]
                and len(match.group(2)) >= len(fence)
            ):
                fence = None
            continue
        if match:
            fence = match.group(2)
            continue
        if _INCLUDE.match(line):
            continue
        yield number, line.replace("`", "")


def typed_versions(text: str) -> list[tuple[int, str]]:
    found = []
    for number, line in prose_lines(text):
        for pattern in VERSION_PATTERNS:
            match = pattern.search(line)
            if match:
                found.append((number, match.group(0)))
                break
    return found


def test_no_page_types_a_client_version():
    """SDK, Node and agent versions on pages come from includes rendered from a run."""
    problems = [
        f"{page.relative_to(ROOT)}:{number}: {hit!r}"
        for page in sorted(DOCS.rglob("*.md"))
        for number, hit in typed_versions(page.read_text(encoding="utf-8"))
    ]
    assert not problems, (
        "versions typed in page prose; include a section of snippets/matrix/facts.md "
        "(tools/sdk_matrix/facts.py) instead:\n  " + "\n  ".join(problems)
    )


@pytest.mark.parametrize(
    "line",
    [
        "Tested with anthropic 2.x here.",
        "Measured on openai 1.109.1.",
        "Node 22.18 or newer",
        "checked with Claude Code 2.1.197",
        "the `@anthropic-ai/sdk` 1.x types",
        "since `anthropic` 1.0",
        "OpenCode 1.18.33 headless",
    ],
)
def test_the_check_catches_typed_versions(line):
    assert typed_versions(line)


@pytest.mark.parametrize(
    "text",
    [
        "The mock listens on `http://127.0.0.1:8080`.",
        "No `gpt-5.x` id is documented.",
        "Python 3.11 or newer, `make` and `git`.",
        "```python\nprint('anthropic 2.16.0')\n```",
        '--8<-- "matrix/facts.md:node-note"',
        '    --8<-- "matrix/facts.md:node-note"',
    ],
)
def test_the_check_leaves_other_text_alone(text):
    assert typed_versions(text) == []


# -- what the drift summary says ---------------------------------------------------


def test_client_drift_names_new_headers_and_new_errors():
    old = clients.load()
    new = {**old, "npm": {k: dict(v) for k, v in old["npm"].items()}}
    new["agents"] = {k: dict(v) for k, v in old["agents"].items()}
    sdk = new["npm"]["openai"]
    sdk["version"] = "99.0.0"
    sdk["headers"] = [*sdk["headers"], "x-new-header"]
    sdk["dropped_stream_raises"] = "APIConnectionError: terminated"
    new["agents"]["opencode"]["version"] = "9.9.9"
    found = clients.changes(old, new)
    label = f"openai ({old['npm']['openai']['version']} -> 99.0.0)"
    assert f"{label}: new header `x-new-header`" in found
    assert any(line.startswith(f"{label}: dropped stream throws:") for line in found)
    old_agent = old["agents"]["opencode"]["version"]
    assert f"opencode-ai ({old_agent} -> 9.9.9): new release, same behaviour" in found
    assert clients.changes(old, old) == []


def test_sentences_follow_the_data():
    """A changed record changes the words: the facts are rendered, not typed."""
    data = behaviour.load()
    changed = {**data, "lines": {k: dict(v) for k, v in data["lines"].items()}}
    changed["lines"]["anthropic-2"]["dropped_stream_raises"] = (
        "anthropic.APIConnectionError"
    )
    text = facts.dropped_stream(changed, clients.load())
    assert "`anthropic.APIConnectionError`" in text
    assert facts.dropped_stream(data, clients.load()) != text
