"""Part of `make bench`: how long a light request waits while heavy ones are served.

Not a test: it prints figures. The mock runs in its own process (as in bench.py). One
client sends a short Anthropic message again and again on its own connection, first
alone (the baseline), then while other clients keep sending the heaviest requests the
mock accepts: an 8 MiB body of many small content blocks, a tool schema with a
backtracking-prone pattern and text made to trip it, a schema whose ``$ref`` fans out,
and one asking for a million array items. It prints the light request's p50, p99 and
worst latency in each phase; issue 11 asks that a heavy request never delay a light
one by more than 100 ms.

    .venv/bin/python benchmarks/isolation.py [--duration 8]
"""

from __future__ import annotations

import argparse
import http.client
import json
import secrets
import statistics
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
LIGHT = (HERE / "requests" / "anthropic_json.json").read_bytes()
MESSAGES = "/anthropic/v1/messages"


def _forced_tool(schema: dict, text: str = "Please call the tool.") -> bytes:
    return json.dumps(
        {
            "model": "claude-sonnet-4-6",
            "max_tokens": 300,
            "tools": [{"name": "t", "description": "a tool", "input_schema": schema}],
            "tool_choice": {"type": "tool", "name": "t"},
            "messages": [{"role": "user", "content": text}],
        }
    ).encode()


def big_body(blocks: int = 100_000, size: int = 8 * 1024 * 1024 - 4096) -> bytes:
    """A message of ``blocks`` text blocks, padded to just under ``size`` bytes."""
    text = "word " * max(1, (size // blocks - 40) // 5)
    content = [{"type": "text", "text": text} for _ in range(blocks)]
    body = {
        "model": "claude-sonnet-4-6",
        "max_tokens": 50,
        "messages": [{"role": "user", "content": content}],
    }
    return json.dumps(body).encode()


def heavy_bodies(blocks: int = 100_000) -> dict[str, bytes]:
    """The heavy requests (all POSTed to the Anthropic messages path), by name."""
    string = {"type": "string"}
    return {
        "8 MiB body": big_body(blocks),
        "ReDoS pattern": _forced_tool(
            {
                "type": "object",
                "properties": {"v": {**string, "pattern": "^(a+)+$"}},
                "required": ["v"],
            },
            "a" * 40 + "!",
        ),
        "$ref fan-out": _forced_tool(
            {
                "type": "object",
                "properties": {k: {"$ref": "#"} for k in "abc"},
                "required": list("abc"),
            }
        ),
        "minItems 1e6": _forced_tool(
            {
                "type": "object",
                "properties": {
                    "x": {"type": "array", "minItems": 1_000_000, "items": string}
                },
                "required": ["x"],
            }
        ),
    }


def send(conn: http.client.HTTPConnection, body: bytes, key: str) -> int:
    headers = {"content-type": "application/json", "x-api-key": key}
    conn.request("POST", MESSAGES, body=body, headers=headers)
    response = conn.getresponse()
    response.read()
    return response.status


def light_latencies(host: str, port: int, key: str, until: threading.Event) -> list:
    """Seconds each light request took, sent one after another until ``until``."""
    conn = http.client.HTTPConnection(host, port, timeout=30)
    out = []
    while not until.is_set():
        start = time.perf_counter()
        status = send(conn, LIGHT, key)
        out.append(time.perf_counter() - start)
        if status != 200:
            raise RuntimeError(f"a light request got {status}")
    conn.close()
    return out


def heavy_loop(host, port, key, body: bytes, until: threading.Event, counts, name):
    conn = http.client.HTTPConnection(host, port, timeout=120)
    while not until.is_set():
        status = send(conn, body, key)
        counts.setdefault(name, []).append(status)
    conn.close()


def measure(host: str, port: int, key: str, seconds: float, heavy: dict | None):
    """Light latencies over ``seconds``, with each heavy body sent in a loop."""
    until, counts, lights = threading.Event(), {}, []
    threads = [
        threading.Thread(
            target=heavy_loop, args=(host, port, key, body, until, counts, name)
        )
        for name, body in (heavy or {}).items()
    ]
    for thread in threads:
        thread.start()
    time.sleep(0.2 if heavy else 0)  # the heavy requests are in flight first
    timer = threading.Timer(seconds, until.set)
    timer.start()
    lights = light_latencies(host, port, key, until)
    for thread in threads:
        thread.join()
    return lights, counts


def summary(latencies: list[float]) -> str:
    ms = sorted(x * 1000 for x in latencies)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    return (
        f"{len(ms):6d} light requests   p50 {statistics.median(ms):7.2f} ms   "
        f"p99 {p99:7.2f} ms   worst {ms[-1]:7.2f} ms"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=8.0, help="seconds per phase")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    import bench  # the same way of starting and stopping the mock

    key = "sk-bench-" + secrets.token_hex(8)
    server = bench.start_mock(key)
    try:
        bench.wait_ready(server, key)
        host, port = "127.0.0.1", int(server.root.rsplit(":", 1)[1])
        print("Light requests (a short Anthropic message) while heavy ones are served")
        alone, _ = measure(host, port, key, min(args.duration, 3.0), None)
        print(f"  alone:       {summary(alone)}")
        loaded, counts = measure(host, port, key, args.duration, heavy_bodies())
        print(f"  with heavy:  {summary(loaded)}")
        for name, statuses in counts.items():
            print(
                f"    heavy {name:14s} {len(statuses):4d} answered, statuses "
                f"{sorted(set(statuses))}"
            )
    except bench.SetupError as exc:
        print(f"isolation: {exc}", file=sys.stderr)
        return 1
    finally:
        bench.stop(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
