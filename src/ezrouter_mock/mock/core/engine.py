"""The deterministic engine: answers an internal ChatRequest with a ChatResponse.

The policy has already been applied to the request (policy.py: rejected features are
400s, ignored ones stripped, broken ones flagged). The engine decides between a tool
call and text, adds reasoning when asked for, applies stop sequences and
``max_tokens``, and bills tokens including prompt-cache reads and writes. Everything
is a pure function of the request and the cache state.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable

from . import cache, signatures, tokens
from .generators import replies
from .generators.toolargs import generate, generate_capped
from .model import (
    ChatRequest,
    ChatResponse,
    MediaPart,
    Part,
    TextPart,
    ThinkingPart,
    ToolCallPart,
    ToolResultPart,
    Usage,
)

MIN_CACHE_TOKENS = 1024  # Anthropic's minimum for Sonnet/Opus-class models


class Engine:
    """Answers requests that the policy has already checked (see policy.py)."""

    def __init__(
        self,
        clock: Callable[[], float] | None = None,
        wall_clock: Callable[[], float] = time.time,
    ):
        self.clock = clock or time.monotonic
        self.wall_clock = wall_clock
        self.cache = cache.PromptCache(self.clock)

    # -- tokens --------------------------------------------------------------------
    def segments(self, req: ChatRequest) -> list[cache.Segment]:
        """The prompt as cacheable units, in Anthropic's prefix order."""
        segs: list[cache.Segment] = []
        for tool in req.tools:
            text = f"<tool>{tool.name}\n{tool.description}\n" + json.dumps(
                tool.schema, sort_keys=True, ensure_ascii=False
            )
            segs.append(cache.Segment(text, tokens.count(text), _ttl(tool.cache)))
        for part in req.system:
            text = "<system>" + part.text
            segs.append(
                cache.Segment(text, tokens.count(part.text) + 1, _ttl(part.cache))
            )
        for message in req.messages:
            first = True
            for part in message.parts:
                text, count = _render(part)
                if first:
                    text, count = f"<{message.role}>" + text, count + 3
                    first = False
                segs.append(
                    cache.Segment(text, count, _ttl(getattr(part, "cache", None)))
                )
            if first:  # a message with no parts still costs its role marker
                segs.append(cache.Segment(f"<{message.role}>", 3))
        return segs

    def count_input(self, req: ChatRequest) -> int:
        return sum(seg.tokens for seg in self.segments(req))

    def _auto_pieces(self, segs: list[cache.Segment]) -> list[str]:
        out: list[str] = []
        for seg in segs:
            piece = tokens.pieces(seg.text)
            # pad or trim so the piece list matches the billed count exactly
            if len(piece) < seg.tokens:
                piece = piece + ["\x1f"] * (seg.tokens - len(piece))
            out.extend(piece[: seg.tokens])
        return out

    # -- answering -----------------------------------------------------------------
    def respond(self, req: ChatRequest) -> ChatResponse:
        seed = _request_seed(req)
        user_text = _last_user_text(req)
        parts: list[Part] = []
        budget = req.max_tokens if req.max_tokens is not None else 1 << 30
        used = 0
        stop_reason = "end_turn"
        stop_sequence = None
        reasoning_tokens = 0

        if req.thinking is not None:
            sentences = _thinking_sentences(req)
            thought = replies.thinking_text(user_text, seed, sentences)
            limit = min(budget, req.thinking.budget or budget)
            thought = tokens.truncate(thought, limit)
            used += tokens.count(thought)
            reasoning_tokens = used
            parts.append(ThinkingPart(thought, signatures.sign(thought)))

        results = _pending_tool_results(req)
        call = None if results else self._choose_tool(req, user_text)
        if call is not None and used < budget:
            args, capped = generate_capped(call.schema, user_text, call.name)
            if capped:  # say so in the answer rather than fail or build it all
                note = replies.capped_note(call.name, capped)
                parts.append(TextPart(note))
                used += tokens.count(note)
            cost = tokens.count(json.dumps(args)) + 4
            if used + cost <= budget:
                parts.append(ToolCallPart(id="", name=call.name, input=args))
                used += cost
                stop_reason = "tool_use"
            else:
                used = budget
                stop_reason = "max_tokens"
        else:
            text = self._answer_text(req, user_text, seed, results)
            text, stop_sequence = _cut_at_stop(text, req.stop)
            if stop_sequence is not None:
                stop_reason = "stop_sequence"
            remaining = budget - used
            if tokens.count(text) > remaining:
                text = tokens.truncate(text, remaining)
                stop_reason = "max_tokens"
                stop_sequence = None
            if text or not parts:
                parts.append(TextPart(text))
            used += tokens.count(text)
        if used >= budget and stop_reason == "end_turn" and req.max_tokens is not None:
            stop_reason = "max_tokens"

        usage = self._bill(req, used, reasoning_tokens)
        created = int(self.wall_clock())
        return ChatResponse(
            seed, req.model, parts, stop_reason, usage, stop_sequence, created
        )

    def _bill(self, req: ChatRequest, output: int, reasoning: int) -> Usage:
        segs = self.segments(req)
        total = sum(seg.tokens for seg in segs)
        usage = Usage(
            input_tokens=total, output_tokens=output, reasoning_tokens=reasoning
        )
        if req.auto_cache:
            chunk = req.auto_cache_chunk
            if chunk is None:
                cached = cache.automatic_by_block(self.cache, req.model, segs)
            else:
                cached = cache.automatic(
                    self.cache, req.model, self._auto_pieces(segs), chunk
                )
            usage.input_tokens = total - cached
            usage.cache_read = cached
        elif any(seg.ttl for seg in segs):
            result = cache.explicit(self.cache, req.model, segs, MIN_CACHE_TOKENS)
            usage.cache_read = result.read
            usage.cache_creation = result.created
            usage.cache_creation_1h = result.created_1h
            usage.input_tokens = total - result.read - result.created
        return usage

    def _choose_tool(self, req: ChatRequest, user_text: str):
        if not req.tools or req.tool_choice.mode == "none":
            return None
        if req.json_mode:
            return None
        if req.tool_choice.mode == "tool":
            return next((t for t in req.tools if t.name == req.tool_choice.name), None)
        if req.tool_choice.mode == "any":
            return _best_tool(req.tools, user_text)
        # auto: call a tool when the request mentions something a tool is about
        if replies.is_greeting(user_text):
            return None
        best = _best_tool(req.tools, user_text)
        return best if _overlap(best, user_text) > 0 else None

    def _answer_text(self, req: ChatRequest, user_text: str, seed: str, results) -> str:
        if results:
            return " ".join(
                replies.tool_result_reply(
                    r.tool_name or "", r.content, r.is_error, user_text
                )
                for r in results
            )
        if req.json_schema is not None:
            return json.dumps(
                generate(req.json_schema, user_text, "value"), ensure_ascii=False
            )
        if req.json_mode:
            example = replies.example_object(_all_prompt_text(req))
            if example is not None:
                value = generate(replies.schema_of(example), user_text, "value")
            else:
                value = replies.json_reply(user_text, seed)
            return json.dumps(value, ensure_ascii=False)
        remembered = replies.recall(_earlier_user_texts(req), user_text)
        if remembered is not None:
            return remembered
        return replies.text_reply(user_text, req.model, seed)


def _ttl(mark) -> int | None:
    return mark.ttl if mark is not None else None


def _render(part: Part) -> tuple[str, int]:
    if isinstance(part, TextPart):
        return part.text, tokens.count(part.text)
    if isinstance(part, ToolCallPart):
        text = f"<call {part.name}>" + json.dumps(
            part.input, sort_keys=True, ensure_ascii=False
        )
        return text, tokens.count(text)
    if isinstance(part, ToolResultPart):
        text = f"<result {part.tool_call_id}>" + part.content
        return text, tokens.count(text)
    if isinstance(part, MediaPart):
        return f"<{part.kind} {part.digest}>", tokens.media_tokens(part.size)
    if isinstance(part, ThinkingPart):
        if part.billed:
            return "<thinking>" + part.thinking, tokens.count(part.thinking)
        return "", 0
    return "", 0


def _request_seed(req: ChatRequest) -> str:
    texts = [req.model]
    for part in req.system:
        texts.append(part.text)
    for message in req.messages:
        texts.append(message.role)
        for part in message.parts:
            texts.append(_render(part)[0])
    return replies.digest(*texts)


_REMINDER = re.compile(r"<system-reminder>.*?</system-reminder>", re.DOTALL)


def _last_user_text(req: ChatRequest) -> str:
    """What the user actually asked: the last non-empty text block of the last user
    turn, without the <system-reminder> spans coding agents prepend."""
    for message in reversed(req.messages):
        if message.role != "user":
            continue
        for part in reversed(message.parts):
            if isinstance(part, TextPart):
                text = _REMINDER.sub("", part.text).strip()
                if text:
                    return text
    return ""


def _earlier_user_texts(req: ChatRequest) -> list[str]:
    texts = []
    for message in req.messages[:-1]:
        if message.role == "user":
            texts += [p.text for p in message.parts if isinstance(p, TextPart)]
    return texts


def _all_prompt_text(req: ChatRequest) -> str:
    texts = [p.text for p in req.system]
    for message in req.messages:
        texts += [p.text for p in message.parts if isinstance(p, TextPart)]
    return "\n".join(texts)


def _pending_tool_results(req: ChatRequest) -> list[ToolResultPart]:
    if not req.messages or req.messages[-1].role != "user":
        return []
    return [p for p in req.messages[-1].parts if isinstance(p, ToolResultPart)]


_STOPWORDS = frozenset(
    "the and for you your with this that what from are was were can will would should "
    "could about into have has had not but use used using get set all any may its it's "
    "how why when where which who please tell give show say make one two out".split()
)


def _words(text: str) -> set[str]:
    lowered = "".join(c.lower() if c.isalnum() else " " for c in text).split()
    return {w for w in lowered if len(w) > 2 and w not in _STOPWORDS}


def _overlap(tool, user_text: str) -> int:
    if tool is None:
        return 0
    name = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", tool.name).replace("_", " ")
    return len(_words(name + " " + tool.description) & _words(user_text))


def _best_tool(tools, user_text: str):
    best, score = tools[0], -1
    for tool in tools:
        value = _overlap(tool, user_text)
        if value > score:
            best, score = tool, value
    return best


def _thinking_sentences(req: ChatRequest) -> int:
    thinking = req.thinking
    if thinking is None:
        return 0
    if thinking.mode == "adaptive":
        return 2
    if thinking.budget is not None:
        return 3 if thinking.budget < 4096 else 4
    return 5 if thinking.effort == "max" else 3


def _cut_at_stop(text: str, stops: list[str]) -> tuple[str, str | None]:
    best_at, best = len(text) + 1, None
    for stop in stops:
        if not stop:
            continue
        at = text.find(stop)
        if at != -1 and at < best_at:
            best_at, best = at, stop
    if best is None:
        return text, None
    return text[:best_at], best
