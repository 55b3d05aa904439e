"""Throughput and latency of the mock gateway under a loopback load generator.

Not a test: it prints figures so later changes (or other mock servers) can be
compared. By default it starts ``ezrouter-mock serve`` in a separate process, so the
load generator and the server do not share one interpreter, and runs four scenarios:
non-streamed and streamed calls on each surface, plus plain JSON chat completions
from a second mock with the always_sse divergence off. On the OpenAI surface the
"non-streamed" body carries no ``stream`` flag; ezrouter answers it in SSE anyway
(divergence always_sse), and so does the mock.

    .venv/bin/python benchmarks/bench_mock.py [--requests 2000] [--concurrency 32]
    .venv/bin/python benchmarks/bench_mock.py --url http://127.0.0.1:8080   # key from
                                                      # EZROUTER_API_KEY

The generator is closed-loop (``--concurrency`` workers, each sending its next request
when the previous answer has been read to the end), written with asyncio and httpx;
for a mock this fast it may itself be the limit, which the CPU figure helps judge.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

MODEL = "claude-sonnet-4-6"
MESSAGES = [{"role": "user", "content": "Say hi in one short sentence."}]


@dataclass(frozen=True)
class Scenario:
    name: str
    path: str
    body: dict
    surface: str
    server: str = "default"  # "plain": a second mock with always_sse switched off


SCENARIOS = [
    Scenario(
        "anthropic  non-streamed",
        "/anthropic/v1/messages",
        {"model": MODEL, "max_tokens": 256, "messages": MESSAGES},
        "anthropic",
    ),
    Scenario(
        "anthropic  streamed",
        "/anthropic/v1/messages",
        {"model": MODEL, "max_tokens": 256, "messages": MESSAGES, "stream": True},
        "anthropic",
    ),
    Scenario(
        "openai     non-streamed*",
        "/v1/chat/completions",
        {"model": MODEL, "messages": MESSAGES},
        "openai",
    ),
    Scenario(
        "openai     streamed",
        "/v1/chat/completions",
        {"model": MODEL, "messages": MESSAGES, "stream": True},
        "openai",
    ),
    Scenario(
        "openai     JSON (plain)**",
        "/v1/chat/completions",
        {"model": MODEL, "messages": MESSAGES},
        "openai",
        server="plain",
    ),
]


def headers_for(surface: str, key: str) -> dict[str, str]:
    if surface == "anthropic":
        return {"x-api-key": key, "anthropic-version": "2023-06-01"}
    return {"authorization": f"Bearer {key}"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(key: str, *extra: str) -> tuple[subprocess.Popen, str]:
    """Run ``ezrouter-mock serve`` on a free loopback port and wait until it answers."""
    port = free_port()
    command = Path(sys.executable).with_name("ezrouter-mock")
    env = dict(os.environ, EZROUTER_API_KEY=key)
    process = subprocess.Popen(
        [str(command), "serve", "--host", "127.0.0.1", "--port", str(port), *extra],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    root = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"ezrouter-mock serve exited with {process.returncode}")
        try:
            if httpx.head(root + "/anthropic", timeout=1).status_code < 300:
                return process, root
        except httpx.TransportError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("ezrouter-mock serve did not come up within 20 s")


def percentile(sorted_values: list[float], fraction: float) -> float:
    index = min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))
    return sorted_values[index]


async def run_scenario(
    root: str, key: str, scenario: Scenario, requests: int, concurrency: int
) -> dict[str, float]:
    latencies: list[float] = []
    first_bytes: list[float] = []
    errors = 0
    remaining = requests
    limits = httpx.Limits(
        max_connections=concurrency, max_keepalive_connections=concurrency
    )
    headers = headers_for(scenario.surface, key)

    async with httpx.AsyncClient(base_url=root, limits=limits, timeout=30) as client:

        async def worker() -> None:
            nonlocal remaining, errors
            while remaining > 0:
                remaining -= 1
                started = time.perf_counter()
                async with client.stream(
                    "POST", scenario.path, json=scenario.body, headers=headers
                ) as response:
                    first = None
                    async for _ in response.aiter_raw():
                        if first is None:
                            first = time.perf_counter()
                    done = time.perf_counter()
                if response.status_code != 200:
                    errors += 1
                    continue
                latencies.append(done - started)
                first_bytes.append((first or done) - started)

        cpu_before = time.process_time()
        wall_before = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - wall_before
        cpu = time.process_time() - cpu_before

    latencies.sort()
    first_bytes.sort()
    if not latencies:
        raise SystemExit(f"{scenario.name}: every request failed")
    return {
        "rps": len(latencies) / wall,
        "p50": percentile(latencies, 0.50) * 1000,
        "p99": percentile(latencies, 0.99) * 1000,
        "ttfb50": percentile(first_bytes, 0.50) * 1000,
        "mean": statistics.fmean(latencies) * 1000,
        "errors": errors,
        "client_cpu": cpu / wall,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="per scenario")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--warmup", type=int, default=100, help="per scenario")
    parser.add_argument(
        "--url", help="benchmark a running mock (root URL) instead of starting one"
    )
    args = parser.parse_args(argv)
    if args.requests < 1 or args.concurrency < 1 or args.warmup < 0:
        parser.error("--requests and --concurrency must be >= 1, --warmup >= 0")

    processes: list[subprocess.Popen] = []
    roots: dict[str, str] = {}
    if args.url:
        key = os.environ.get("EZROUTER_API_KEY", "")
        if not key:
            parser.error("--url needs the server's key in EZROUTER_API_KEY")
        roots["default"] = args.url.rstrip("/")
    else:
        key = "sk-bench-" + secrets.token_hex(8)
        for name, extra in (
            ("default", ()),
            ("plain", ("--divergence-off", "always_sse")),
        ):
            process, roots[name] = start_server(key, *extra)
            processes.append(process)

    try:
        print(
            f"mock at {roots['default']}: {args.requests} requests per scenario, "
            f"{args.concurrency} concurrent, {args.warmup} warm-up"
        )
        print(
            f"{'scenario':26} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
            f"{'ttfb50':>8} {'errors':>6} {'gen cpu':>7}"
        )
        for scenario in SCENARIOS:
            root = roots.get(scenario.server)
            if root is None:
                continue  # --url: only the server that was given
            if args.warmup:
                asyncio.run(
                    run_scenario(root, key, scenario, args.warmup, args.concurrency)
                )
            r = asyncio.run(
                run_scenario(root, key, scenario, args.requests, args.concurrency)
            )
            print(
                f"{scenario.name:26} {r['rps']:8.0f} {r['p50']:8.2f} {r['p99']:8.2f} "
                f"{r['ttfb50']:8.2f} {r['errors']:6d} {r['client_cpu']:7.0%}"
            )
        print("*  no stream flag; answered in SSE (ezrouter divergence always_sse)")
        print("** a second mock started with --divergence-off always_sse: JSON bodies")
        print(
            "gen cpu: load generator CPU per wall second (near 100%: it is the limit)"
        )
    finally:
        for process in processes:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
