"""Summarise a py-spy profile of the mock into the stages PROFILE.md reports.

Record the mock while wrk drives it (see benchmarks/PROFILE.md, "How to re-profile"):

    py-spy record -p <mock pid> -d 6 -r 200 --format raw -o stacks.txt
    .venv/bin/python benchmarks/profile_stacks.py stacks.txt

It prints (1) each sample's stage: sending the response, the mock's own logic, the
web framework, receiving/parsing HTTP, the event loop; (2) self time by component
(the leaf frame's library); (3) inclusive time of the functions worth watching. The
same script before and after a change is what makes two profiles comparable.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

# A sample goes to the first stage whose pattern matches any frame of its stack.
STAGES = [
    (
        "send: serialise + write the response",
        r"send_with_id|RequestResponseCycle\.send"
        r"|(_write|_write_paced|encode_reply|encode_stream) \(ezrouter_mock/mock/http",
    ),
    (
        "mock logic: auth, body checks, parse, engine, render, journal, ids",
        r"ezrouter_mock/(anthropic|openai)_surface|Engine\.|Gateway\."
        r"|ezrouter_mock/(engine|replies|tokens|ids|journal|fields|errors|faults"
        r"|model|signatures|cache)|_answer|anthropic_messages|openai_chat"
        r"|ezrouter_mock/mock/(core|wire)/"
        r"|ezrouter_mock/mock/http/(app|auth|body|journal|faults|request)\.py",
    ),
    (
        "framework: Starlette, middleware, StreamingResponse/anyio",
        r"\(starlette/|\(anyio/|RequestContext|ProxyHeaders",
    ),
    (
        "receive: HTTP parsing, connection handling",
        r"h11_impl|httptools_impl|\(h11/|\(httptools|ezrouter_mock/mock/http/protocol",
    ),
    ("event loop: scheduling, selector", r"."),
]

# Self time: the component of the innermost frame.
COMPONENTS = [
    (
        "socket send (asyncio transport.write)",
        r"write \(asyncio/selector_events|sendall",
    ),
    ("h11", r"\(h11/"),
    (
        "mock: HTTP protocol (holds uvloop's C writes and httptools' parsing)",
        r"ezrouter_mock/mock/http/(protocol|reply)",
    ),
    ("uvicorn (httptools protocol; holds uvloop's C writes)", r"httptools_impl"),
    ("uvicorn (other)", r"\(uvicorn/"),
    ("starlette", r"\(starlette/"),
    ("anyio", r"\(anyio/"),
    ("json", r"\(json/"),
    ("orjson", r"orjson"),
    ("pydantic", r"pydantic"),
    ("mock: signatures", r"ezrouter_mock/signatures"),
    ("mock: journal", r"ezrouter_mock/(mock/http/)?journal"),
    (
        "mock: engine, replies, tokens, ids, cache",
        r"ezrouter_mock/(mock/core/)?(engine|replies|tokens|ids|cache|generators)",
    ),
    (
        "mock: surfaces (parse, render)",
        r"ezrouter_mock/(anthropic_surface|openai_surface|model|fields|mock/wire/)",
    ),
    (
        "mock: app (auth, body checks, middleware, faults, errors)",
        r"ezrouter_mock/(app|errors|faults|mock/http/(app|auth|body|faults|request))",
    ),
    ("logging", r"\(logging/"),
    ("asyncio event loop", r"\(asyncio/|\(selectors\.py|\(socket\.py"),
]

WATCH = [
    ("read_json (body checks)", r"read_json "),
    ("json.loads", r"^loads \(json/"),
    ("_check_depth", r"_check_depth "),
    ("json.dumps (all)", r"^dumps \(json/"),
    (
        "jsontext.loads (orjson + depth check)",
        r"^loads \(ezrouter_mock/mock/core/jsontext",
    ),
    ("jsontext.dumps (orjson)", r"^dumps \(ezrouter_mock/mock/core/"),
    ("surface parse()", r"^parse \(ezrouter_mock/"),
    ("Engine.respond", r"Engine\.respond "),
    ("render_json", r"render_json "),
    ("render_sse", r"render_sse "),
    ("signatures", r"ezrouter_mock/signatures"),
    ("journal (Entry, redact, append)", r"ezrouter_mock/(mock/http/)?journal"),
    ("new_request_id", r"new_request_id "),
    ("error_frame (built even without a fault)", r"error_frame "),
    ("StreamingResponse", r"StreamingResponse"),
    ("anyio task group", r"\(anyio/"),
    ("logging", r"\(logging/"),
    ("pydantic", r"pydantic"),
]

IDLE = ("_wait_for_tstate_lock", "Thread.join")  # serve's main thread, waiting


def read_samples(path: Path) -> list[tuple[list[str], int]]:
    samples = []
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip():
            continue
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            raise SystemExit(
                f"{path}:{number}: not py-spy raw output (record with --format raw)"
            )
        if any(marker in stack for marker in IDLE):
            continue
        samples.append((stack.split(";"), int(count)))
    if not samples:
        raise SystemExit(f"{path}: no busy samples")
    return samples


def summarise(samples: list[tuple[list[str], int]]) -> str:
    total = sum(n for _, n in samples)
    stages, components, watched = Counter(), Counter(), Counter()
    for frames, n in samples:
        stack = ";".join(frames)
        stages[next(name for name, rx in STAGES if re.search(rx, stack))] += n
        leaf = frames[-1]
        component = next((name for name, rx in COMPONENTS if re.search(rx, leaf)), None)
        components[component or "other: " + leaf.split(" (")[0]] += n
        for name, rx in WATCH:
            if any(re.search(rx, frame) for frame in frames):
                watched[name] += n

    def pct(n: int) -> str:
        return f"{100 * n / total:5.1f}%"

    lines = [f"{total} busy samples", "stage (inclusive, each sample counted once):"]
    lines += [f"  {pct(stages[name])}  {name}" for name, _ in STAGES]
    lines.append("self time by component (top 12):")
    lines += [f"  {pct(n)}  {name}" for name, n in components.most_common(12)]
    lines.append("inclusive time of watched functions:")
    lines += [f"  {pct(watched[name])}  {name}" for name, _ in WATCH if watched[name]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "stacks", nargs="+", type=Path, help="py-spy --format raw files"
    )
    args = parser.parse_args(argv)
    for path in args.stacks:
        if not path.is_file():
            parser.error(f"no such file: {path}")
        print(f"== {path.name}")
        print(summarise(read_samples(path)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
