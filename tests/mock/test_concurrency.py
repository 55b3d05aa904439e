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

from ezrouter_mock.mock.http.server import MockServer, MockSettings

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


def roomy(client_class, sdk, base_url: str, key: str):
    """An SDK's async client with a connection for every stream and no retries."""
    return client_class(
        api_key=key,
        base_url=base_url,
        max_retries=0,
        http_client=sdk.DefaultAsyncHttpxClient(limits=LIMITS),
    )


def run_streams(make_client, stream_one, create_one):
    """Open N_STREAMS streams at once, then ask each prompt again without streaming.

    `stream_one(client, barrier, i)` opens stream i, reads its first event, waits on
    the barrier (so all streams are open together) and reads the rest;
    `create_one(client, i)` is the non-streamed request. Returns both lists, in order.
    """

    async def run():
        client = make_client()
        barrier = asyncio.Barrier(N_STREAMS)
        async with client:
            streamed = await asyncio.gather(
                *(stream_one(client, barrier, i) for i in range(N_STREAMS))
            )
            expected = await asyncio.gather(
                *(create_one(client, i) for i in range(N_STREAMS))
            )
        return streamed, expected

    return asyncio.run(asyncio.wait_for(run(), DEADLINE))


def test_200_anthropic_streams(mock):
    def make_client():
        return roomy(anthropic.AsyncAnthropic, anthropic, mock.anthropic_url, mock.key)

    async def one(client, barrier, i):
        async with client.messages.stream(
            model=MODEL, max_tokens=200, messages=prompt(i)
        ) as stream:
            first = await stream.__anext__()
            assert first.type == "message_start"
            await barrier.wait()  # all 200 streams are open at this point
            text = "".join([piece async for piece in stream.text_stream])
            final = await stream.get_final_message()
        return text, final

    def create(client, i):
        return client.messages.create(model=MODEL, max_tokens=200, messages=prompt(i))

    streamed, expected = run_streams(make_client, one, create)
    assert len(streamed) == N_STREAMS
    texts = set()
    for (text, final), created in zip(streamed, expected, strict=True):
        assert final.stop_reason == "end_turn"
        assert text == created.content[0].text
        assert final.usage.output_tokens == created.usage.output_tokens
        texts.add(text)
    assert len(texts) > N_STREAMS // 2, "distinct prompts should get distinct answers"


def test_200_openai_streams(mock):
    def make_client():
        return roomy(openai.AsyncOpenAI, openai, mock.openai_url, mock.key)

    async def one(client, barrier, i):
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

    def create(client, i):
        return client.chat.completions.create(model=MODEL, messages=prompt(i))

    streamed, expected = run_streams(make_client, one, create)
    for (text, finish), completion in zip(streamed, expected, strict=True):
        assert finish == "stop"
        assert text == completion.choices[0].message.content
        assert text
