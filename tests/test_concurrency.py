"""Many simultaneous streams: every one completes and matches its non-streamed answer.

The snippet suite, the notebooks and the docs server all share one mock, so it must
not mix up or stall concurrent streams. 200 streams run at once (one connection
each, through the SDKs' async clients; a barrier holds every stream open after its
first event until all 200 have one) with distinct prompts; each stream's text
must equal the non-streamed answer to the same prompt. A generous overall deadline
keeps a deadlock from hanging the suite; it is a guard, not a timing assertion.
"""

from __future__ import annotations

import asyncio

import anthropic
import httpx2
import openai
import pytest

from ezrouter_mock.server import MockServer, MockSettings

N_STREAMS = 200
DEADLINE = 120
MODEL = "claude-sonnet-4-6"
LIMITS = httpx2.Limits(max_connections=N_STREAMS + 10, max_keepalive_connections=20)


async def _chain(first, rest):
    yield first
    async for item in rest:
        yield item


def prompt(i: int) -> list[dict]:
    return [{"role": "user", "content": f"Request {i}: describe the number {i}."}]


@pytest.fixture(scope="module")
def mock():
    # always_sse off so the OpenAI surface has a genuine non-streamed answer.
    with MockServer(settings=MockSettings(divergences_off={"always_sse"})) as server:
        yield server


def test_200_anthropic_streams(mock):
    async def run():
        client = anthropic.AsyncAnthropic(
            api_key=mock.key,
            base_url=mock.anthropic_url,
            max_retries=0,
            http_client=anthropic.DefaultAsyncHttpxClient(limits=LIMITS),
        )

        barrier = asyncio.Barrier(N_STREAMS)

        async def one(i):
            async with client.messages.stream(
                model=MODEL, max_tokens=200, messages=prompt(i)
            ) as stream:
                first = await stream.__anext__()
                assert first.type == "message_start"
                await barrier.wait()  # all 200 streams are open at this point
                text = "".join([piece async for piece in stream.text_stream])
                final = await stream.get_final_message()
            return text, final

        async with client:
            streamed = await asyncio.gather(*(one(i) for i in range(N_STREAMS)))
            expected = await asyncio.gather(
                *(
                    client.messages.create(
                        model=MODEL, max_tokens=200, messages=prompt(i)
                    )
                    for i in range(N_STREAMS)
                )
            )
        return streamed, expected

    streamed, expected = asyncio.run(asyncio.wait_for(run(), DEADLINE))
    assert len(streamed) == N_STREAMS
    texts = set()
    for (text, final), created in zip(streamed, expected, strict=True):
        assert final.stop_reason == "end_turn"
        assert text == created.content[0].text
        assert final.usage.output_tokens == created.usage.output_tokens
        texts.add(text)
    assert len(texts) > N_STREAMS // 2, "distinct prompts should get distinct answers"


def test_200_openai_streams(mock):
    async def run():
        client = openai.AsyncOpenAI(
            api_key=mock.key,
            base_url=mock.openai_url,
            max_retries=0,
            http_client=openai.DefaultAsyncHttpxClient(limits=LIMITS),
        )

        barrier = asyncio.Barrier(N_STREAMS)

        async def one(i):
            stream = await client.chat.completions.create(
                model=MODEL, messages=prompt(i), stream=True
            )
            first = await stream.__anext__()
            await barrier.wait()  # all 200 streams are open at this point
            text, finish = "", None
            async for chunk in _chain(first, stream):
                for choice in chunk.choices:
                    text += choice.delta.content or ""
                    finish = choice.finish_reason or finish
            return text, finish

        async with client:
            streamed = await asyncio.gather(*(one(i) for i in range(N_STREAMS)))
            expected = await asyncio.gather(
                *(
                    client.chat.completions.create(model=MODEL, messages=prompt(i))
                    for i in range(N_STREAMS)
                )
            )
        return streamed, expected

    streamed, expected = asyncio.run(asyncio.wait_for(run(), DEADLINE))
    for (text, finish), completion in zip(streamed, expected, strict=True):
        assert finish == "stop"
        assert text == completion.choices[0].message.content
        assert text
