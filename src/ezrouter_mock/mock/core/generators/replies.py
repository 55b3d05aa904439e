"""Deterministic reply text.

Answers must read like an assistant wrote them and be a pure function of the request,
so the output printed in the docs can be asserted. A stable hash of the conversation
picks phrasings; the user's own words supply the topic; tool results are summarised.
Prompts listed in ``canned_replies.yaml`` (see ``canned.py``) get their canned answer,
reasoning and tool-result phrasing instead, so the docs show real answers.
"""

from __future__ import annotations

import hashlib
import json
import re

from .. import jsontext
from . import canned

_GREETING = re.compile(
    r"^\W*(?:(?:say\s+)?(?:hi|hello|hey)\b|how are you)", re.IGNORECASE
)
_HOW_ARE_YOU = re.compile(r"\bhow are you\b", re.IGNORECASE)
_CAPABILITIES = re.compile(
    r"\b(?:what can you do|what are you able to do|how can you help)\b",
    re.IGNORECASE,
)
_OPENINGS = (
    "Sure.",
    "Good question.",
    "Happy to help.",
    "Here is a short answer.",
)
_BODIES = (
    "The key idea is to start small and check each step against real output.",
    "A short, concrete example usually explains this better than a long description.",
    "In practice the details depend on your setup, so try it with the model "
    "you plan to use.",
    "It helps to write down what you expect first, then compare it with what you get.",
    "Most of the work is in stating the problem clearly; the rest follows from there.",
    "If something is unclear, ask a follow-up question and I will go into more detail.",
)
_THOUGHTS = (
    "The user wants a clear answer about {topic}.",
    "I should restate the question, pick the most useful angle and keep it short.",
    "A concrete example would help, but the main point comes first.",
    "Let me check that the answer actually addresses what was asked before writing it.",
    "There may be edge cases; I will mention the most likely one briefly.",
)


def digest(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def _pick(seq: tuple[str, ...], seed: str, salt: str) -> str:
    return seq[int(digest(seed, salt)[:8], 16) % len(seq)]


def topic_of(text: str, words: int = 10) -> str:
    """The first few words of the user's message, without trailing punctuation."""
    flat = " ".join(text.split())
    parts = flat.split(" ")
    topic = " ".join(parts[:words])
    if len(parts) > words:
        topic += " ..."
    return topic.rstrip("?!.:; ") or "your message"


_NAME_GIVEN = re.compile(r"\b(?i:my name is|i am|i'm|call me)\s+([A-Z][\w'-]*)")
_NAME_ASKED = re.compile(r"\b(?:what(?:'s| is) my name|who am i)\b", re.IGNORECASE)


def recall(history: list[str], user_text: str) -> str | None:
    """Answer "what is my name?" from earlier turns, so multi-turn examples show that
    the conversation history was sent (the endpoint itself is stateless)."""
    if not _NAME_ASKED.search(user_text):
        return None
    for text in reversed(history):
        found = _NAME_GIVEN.search(text)
        if found:
            name = found.group(1)
            return f"Your name is {name}. You told me earlier in this conversation."
    return "I don't know your name yet; you haven't told me in this conversation."


def is_greeting(text: str) -> bool:
    return bool(_GREETING.match(text.strip()))


def text_reply(user_text: str, model: str, seed: str) -> str:
    """A plain assistant answer to ``user_text``."""
    entry = canned.lookup(user_text)
    if entry is not None:
        return entry.answer(seed)
    introduced = _NAME_GIVEN.search(user_text)
    if introduced:
        return f"Nice to meet you, {introduced.group(1)}! How can I help you today?"
    if _CAPABILITIES.search(user_text):
        return "I can answer questions, write and explain code, and call your tools."
    if _HOW_ARE_YOU.search(user_text):
        return "Hello! I'm doing well, thanks for asking. How can I help you today?"
    if _GREETING.match(user_text.strip()):
        return "Hello! How can I help you today?"
    topic = topic_of(user_text)
    first = _pick(_BODIES, seed, "body1")
    second = _pick(tuple(b for b in _BODIES if b != first), seed, "body2")
    return f'{_pick(_OPENINGS, seed, "open")} You asked: "{topic}". {first} {second}'


def tool_result_reply(
    name: str, content: str, is_error: bool, user_text: str = ""
) -> str:
    """An answer that uses what the tool returned (in the canned phrasing for
    ``user_text``'s entry when it has one and the result fills it)."""
    entry = None if is_error else canned.lookup(user_text)
    if entry is not None:
        try:
            answer = entry.tool_answer(jsontext.loads(content.strip()))
        except jsontext.JSONTextError:
            answer = None
        if answer is not None:
            return answer
    label = f"the {name} tool" if name else "the tool"
    summary = summarise(content)
    if is_error:
        return (
            f"{label.capitalize()} reported an error: {summary}. "
            "I can try again with different input."
        )
    return f"According to {label}, {summary}."


def capped_note(tool: str, notes: list[str]) -> str:
    """What the answer says when a tool's schema asked for more than the mock builds."""
    return (
        f"The input schema of {tool} asks for more than this mock generates "
        f"({'; '.join(notes)}), so the arguments below are cut to fit."
    )


def summarise(content: str) -> str:
    text = content.strip()
    try:
        data = jsontext.loads(text)
    except jsontext.JSONTextError:
        data = None
    if isinstance(data, dict) and data:
        items = list(data.items())[:4]
        return ", ".join(f"{k} is {_plain(v)}" for k, v in items)
    if isinstance(data, list) and data:
        return f"there are {len(data)} results, starting with {_plain(data[0])}"
    flat = " ".join(text.split())
    if not flat:
        return "it returned nothing"
    return f'it returned "{flat[:160]}"'


def _plain(value: object) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def thinking_text(user_text: str, seed: str, sentences: int) -> str:
    """Reasoning shown before the answer; longer for a bigger budget or effort."""
    entry = canned.lookup(user_text)
    thoughts = entry.thoughts(sentences) if entry is not None else None
    if thoughts is not None:
        return thoughts
    topic = topic_of(user_text, 8)
    lines = [_THOUGHTS[0].format(topic=topic)]
    start = int(digest(seed, "think")[:8], 16)
    for index in range(1, max(1, sentences)):
        lines.append(_THOUGHTS[1 + (start + index) % (len(_THOUGHTS) - 1)])
    return " ".join(lines)


def json_reply(user_text: str, seed: str) -> dict:
    """The object returned in JSON mode when no schema or example is given."""
    entry = canned.lookup(user_text)
    answer = entry.answer(seed) if entry is not None else _pick(_BODIES, seed, "json")
    return {"answer": answer, "topic": topic_of(user_text, 6)}


def example_object(text: str) -> dict | None:
    """The first JSON object written in the prompt, if any (JSON mode imitates it)."""
    start = text.find("{")
    tries = 0
    while start != -1 and tries < 20:
        tries += 1
        depth = 0
        for end in range(start, min(len(text), start + 4000)):
            char = text[end]
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth == 0:
                    try:
                        found = jsontext.loads(text[start : end + 1])
                    except jsontext.JSONTextError:
                        break
                    return found if isinstance(found, dict) else None
        start = text.find("{", start + 1)
    return None


def schema_of(example: object) -> dict:
    """A JSON Schema describing ``example`` (used to fill the example's shape)."""
    if isinstance(example, dict):
        return {
            "type": "object",
            "properties": {k: schema_of(v) for k, v in example.items()},
            "required": list(example),
        }
    if isinstance(example, list):
        return {"type": "array", "items": schema_of(example[0]) if example else {}}
    if isinstance(example, bool):
        return {"type": "boolean", "default": example}
    if isinstance(example, int):
        return {"type": "integer", "default": example}
    if isinstance(example, float):
        return {"type": "number", "default": example}
    if example is None:
        return {"type": "null"}
    return {"type": "string"}
