"""The canned-reply table (``canned_replies.yaml``): it loads, every entry can be
reached, it covers every prompt the snippets send, and prompts outside it still get
a deterministic generated reply."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ezrouter_mock.mock.core.generators import canned, replies

SNIPPETS = Path(__file__).resolve().parents[2] / "snippets"
_STRING = r'"((?:[^"\\]|\\.)*)"'
# The shapes in which snippets hand a user prompt to a model: a user message literal
# (Python, TypeScript and the JSON bodies of curl), a helper `ask(...)` whose last
# argument is the prompt, and an agent's `-p "..."`.
PROMPT_SHAPES = (
    re.compile(
        r"""["']?role["']?\s*:\s*["']user["']\s*,\s*["']?content["']?\s*:\s*"""
        + _STRING
    ),
    re.compile(r"\bask\((?:[^,()\"]*,|\s*\"[^\"]*\"\s*,)?\s*" + _STRING + r"\s*\)"),
    re.compile(r"\bclaude -p " + _STRING),
)


def snippet_prompts() -> dict[str, list[str]]:
    """Every user prompt written in a snippet, with the files that send it."""
    found: dict[str, list[str]] = {}
    for path in sorted(SNIPPETS.rglob("*")):
        if path.suffix not in (".py", ".ts", ".sh"):
            continue
        text = path.read_text(encoding="utf-8")
        for shape in PROMPT_SHAPES:
            for match in shape.finditer(text):
                prompt = re.sub(r"\\(.)", r"\1", match.group(1))
                found.setdefault(prompt, []).append(
                    path.relative_to(SNIPPETS).as_posix()
                )
    return found


def test_the_table_loads_and_every_entry_is_reachable():
    entries = canned.table()
    assert entries
    for entry in entries:
        probes = entry.examples if entry.pattern is not None else (entry.prompt,)
        for probe in probes:
            hit = canned.lookup(probe)
            assert hit is entry, (
                f"{probe!r} should reach entry {entry.label!r} but reaches "
                f"{hit.label if hit else None!r}: an earlier entry shadows it, or the "
                "pattern misses its own example"
            )


def test_every_snippet_prompt_has_a_canned_reply():
    """A new snippet's prompt needs an entry, or the page shows generated filler."""
    prompts = snippet_prompts()
    kinds = {Path(f).suffix for files in prompts.values() for f in files}
    assert kinds == {".py", ".ts", ".sh"}, f"prompt extraction found only {kinds}"
    missing = [
        f"{prompt!r} ({', '.join(sorted(set(files)))})"
        for prompt, files in sorted(prompts.items())
        if canned.lookup(prompt) is None
    ]
    assert not missing, "add these prompts to canned_replies.yaml:\n" + "\n".join(
        missing
    )


def test_matching_folds_case_space_and_end_punctuation():
    entry = canned.lookup("name  three rivers in europe")
    assert entry is canned.lookup("Name three rivers in Europe.")
    assert entry is not None
    assert canned.lookup("Name three rivers in Asia.") is None
    assert canned.lookup("   ") is None


def test_prompts_without_an_entry_get_the_same_generated_reply_every_time():
    text = "Explain how tides work."
    assert canned.lookup(text) is None
    seed = replies.digest("m", text)
    first = replies.text_reply(text, "m", seed)
    assert first == replies.text_reply(text, "m", seed)
    assert "tides work" in first


def test_wordings_are_picked_by_the_request_digest():
    entry = canned.parse({"replies": [{"prompt": "q", "answer": ["a", "b", "c"]}]})[0]
    picks = {entry.answer(str(n)) for n in range(30)}
    assert picks == {"a", "b", "c"}
    assert entry.answer("7") == entry.answer("7")


def test_thinking_keeps_its_conclusion_when_shortened():
    entry = canned.parse(
        {"replies": [{"prompt": "q", "answer": "a", "thinking": ["1.", "2.", "3."]}]}
    )[0]
    assert entry.thoughts(1) == "3."
    assert entry.thoughts(2) == "1. 3."
    assert entry.thoughts(9) == "1. 2. 3."


def test_tool_phrasing_falls_back_when_the_result_lacks_a_field():
    weather = "What is the weather in Paris?"
    good = '{"city": "Paris", "temperature_c": 18, "conditions": "cloudy"}'
    assert replies.tool_result_reply("get_weather", good, False, weather) == (
        "It's 18 °C and cloudy in Paris right now."
    )
    partial = replies.tool_result_reply(
        "get_weather", '{"city": "Paris"}', False, weather
    )
    assert partial == "According to the get_weather tool, city is Paris."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "top-level 'replies:' list"),
        ({"replies": ["hi"]}, "entry 1: expected a mapping"),
        ({"replies": [{"answer": "a"}]}, "exactly one of prompt, pattern"),
        ({"replies": [{"prompt": "q"}]}, "'answer' must be non-empty text"),
        ({"replies": [{"prompt": "q", "answer": "a", "anser": 1}]}, "'anser'"),
        (
            {"replies": [{"pattern": "(", "answer": "a", "examples": ["x"]}]},
            "bad pattern",
        ),
        ({"replies": [{"pattern": "q", "answer": "a"}]}, "needs 'examples'"),
        ({"replies": [{"prompt": "q", "answer": "a", "after_tool": "{0}"}]}, "fields"),
    ],
)
def test_a_malformed_table_is_named_in_one_line(data, message):
    with pytest.raises(canned.CannedRepliesError, match=re.escape(message)):
        canned.parse(data)
