"""Canned answers for known prompts, read from ``canned_replies.yaml`` beside it.

The docs print what the mock answers, so a question a snippet asks should get an answer
a reader recognises as one ("The Danube, the Rhine and the Loire.") rather than filler.
The table lives in one data file so a new snippet's prompt is one entry away; lookup is
deterministic (folded prompt text, first match wins) and prompts without an entry fall
back to the generated reply in ``replies.py``.
"""

from __future__ import annotations

import functools
import hashlib
import re
import string
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

DATA_FILE = "canned_replies.yaml"
_FIELDS = {"prompt", "pattern", "examples", "answer", "thinking", "after_tool"}


class CannedRepliesError(ValueError):
    """The data file is malformed; the message names the entry and the problem."""


@dataclass(frozen=True)
class Canned:
    """One entry: how it matches and what it answers."""

    answers: tuple[str, ...]
    prompt: str | None = None  # folded exact prompt
    pattern: re.Pattern[str] | None = None
    examples: tuple[str, ...] = ()
    thinking: tuple[str, ...] = ()
    after_tool: str | None = None

    def matches(self, folded: str) -> bool:
        if self.pattern is not None:
            return self.pattern.fullmatch(folded) is not None
        return folded == self.prompt

    def answer(self, seed: str = "") -> str:
        """The answer; with several wordings, the one ``seed`` (a request digest)
        picks."""
        if len(self.answers) == 1:
            return self.answers[0]
        number = int(hashlib.sha256(seed.encode()).hexdigest()[:8], 16)
        return self.answers[number % len(self.answers)]

    @property
    def label(self) -> str:
        return self.prompt if self.pattern is None else self.pattern.pattern

    def thoughts(self, sentences: int) -> str | None:
        """The first ``sentences`` reasoning sentences, always ending on the last one
        (the conclusion), or None when the entry has no reasoning."""
        if not self.thinking:
            return None
        count = max(1, sentences)
        if count >= len(self.thinking):
            return " ".join(self.thinking)
        return " ".join((*self.thinking[: count - 1], self.thinking[-1]))

    def tool_answer(self, result: object) -> str | None:
        """``after_tool`` filled from a tool's JSON object, or None if it cannot be."""
        if self.after_tool is None or not isinstance(result, dict):
            return None
        try:
            return self.after_tool.format_map(result)
        except (KeyError, IndexError, ValueError, AttributeError):
            return None


def fold(text: str) -> str:
    """Prompt text as entries are compared: lower case, single spaces, no trailing
    sentence punctuation."""
    return " ".join(text.split()).casefold().rstrip(".!?").rstrip()


def parse(data: Any, source: str = DATA_FILE) -> tuple[Canned, ...]:
    """Entries from the loaded YAML document; a malformed entry raises
    CannedRepliesError naming it."""
    if not isinstance(data, dict) or not isinstance(data.get("replies"), list):
        raise CannedRepliesError(f"{source}: expected a top-level 'replies:' list")
    entries = []
    for index, raw in enumerate(data["replies"], start=1):
        where = f"{source}: entry {index}"
        if not isinstance(raw, dict):
            raise CannedRepliesError(f"{where}: expected a mapping")
        unknown = sorted(set(raw) - _FIELDS)
        if unknown:
            raise CannedRepliesError(f"{where}: unknown field {unknown[0]!r}")
        if ("prompt" in raw) == ("pattern" in raw):
            raise CannedRepliesError(f"{where}: give exactly one of prompt, pattern")
        answer = raw.get("answer")
        wordings = answer if isinstance(answer, list) else [answer]
        if not all(isinstance(a, str) and a.strip() for a in wordings):
            raise CannedRepliesError(
                f"{where}: 'answer' must be non-empty text or a list of it"
            )
        entries.append(_entry(raw, where))
    return tuple(entries)


def _entry(raw: dict, where: str) -> Canned:
    thinking = raw.get("thinking", [])
    examples = raw.get("examples", [])
    for name, value in (("thinking", thinking), ("examples", examples)):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise CannedRepliesError(f"{where}: '{name}' must be a list of text")
    after = raw.get("after_tool")
    if after is not None:
        if not isinstance(after, str):
            raise CannedRepliesError(f"{where}: 'after_tool' must be text")
        fields = [f for _, f, _, _ in string.Formatter().parse(after) if f is not None]
        if not all(f.isidentifier() for f in fields):
            raise CannedRepliesError(f"{where}: 'after_tool' uses {{name}} fields only")
    pattern = None
    if "pattern" in raw:
        try:
            pattern = re.compile(str(raw["pattern"]))
        except re.error as exc:
            raise CannedRepliesError(f"{where}: bad pattern: {exc}") from None
        if not examples:
            raise CannedRepliesError(f"{where}: a pattern needs 'examples'")
    prompt = fold(str(raw["prompt"])) if "prompt" in raw else None
    answer = raw["answer"]
    wordings = answer if isinstance(answer, list) else [answer]
    return Canned(
        answers=tuple(" ".join(a.split()) for a in wordings),
        prompt=prompt,
        pattern=pattern,
        examples=tuple(examples),
        thinking=tuple(" ".join(t.split()) for t in thinking),
        after_tool=after,
    )


@functools.cache
def table() -> tuple[Canned, ...]:
    """The packaged table, read once."""
    text = resources.files(__package__).joinpath(DATA_FILE).read_text("utf-8")
    return parse(yaml.safe_load(text))


def lookup(user_text: str, entries: tuple[Canned, ...] | None = None) -> Canned | None:
    """The first entry matching ``user_text``, or None."""
    folded = fold(user_text)
    if not folded:
        return None
    for entry in table() if entries is None else entries:
        if entry.matches(folded):
            return entry
    return None
