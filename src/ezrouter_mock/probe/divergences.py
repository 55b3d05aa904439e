"""Checks of the documented divergences: each reports ``present`` or ``absent``."""

from __future__ import annotations

from .bodies import BASE_PROMPT, chat_body
from .checks import Check, Context, Outcome, observed, refused


async def check_always_sse(ctx: Context, model: str, surface: str) -> Outcome:
    body = chat_body(surface, model, BASE_PROMPT, stream=False)
    answer = await ctx.chat(surface, body)
    if not answer.ok:
        return refused(answer)
    kind = answer.content_type.split(";")[0] or "no content type"
    return observed(
        answer, "present" if answer.streamed else "absent", f"stream false: {kind}"
    )


async def check_reasoning_dropped(ctx: Context, model: str, surface: str) -> Outcome:
    reasoning = " ".join(["The user greeted me, so a short greeting fits."] * 20)

    def history(with_reasoning: bool) -> dict:
        assistant = {"role": "assistant", "content": "Hello there!"}
        if with_reasoning:
            assistant["reasoning_content"] = reasoning
        body = chat_body(surface, model, "Say hello again.")
        body["messages"] = [
            {"role": "user", "content": BASE_PROMPT},
            assistant,
            {"role": "user", "content": "Say hello again."},
        ]
        return body

    without = await ctx.chat(surface, history(False))
    answer = await ctx.chat(surface, history(True))
    for a in (without, answer):
        if not a.ok:
            return refused(a)
    if answer.input_tokens is None or without.input_tokens is None:
        return observed(answer, "error", "no prompt token counts to compare")
    evidence = (
        f"input tokens {answer.input_tokens} with, {without.input_tokens} without"
    )
    dropped = answer.input_tokens <= without.input_tokens
    return observed(answer, "present" if dropped else "absent", evidence)


#: divergence id -> (surface it is checked on, check).
DIVERGENCE_CHECKS: dict[str, tuple[str, Check]] = {
    "always_sse": ("openai", check_always_sse),
    "reasoning_content_dropped": ("openai", check_reasoning_dropped),
}
