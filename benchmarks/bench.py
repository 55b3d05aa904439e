"""`make bench`: the mock's throughput and latency beside its peer, aimock, under wrk.

Not a test: it prints figures. Both servers run on loopback at once, each in its own
process; wrk (a C load generator, so the generator is not the limit) sends the same
request to each, in alternating rounds (mock, aimock, mock, aimock, ...) so that drift
in the machine's load hits both alike. Three scenarios: a short Anthropic message
answered in JSON, the same streamed, and an OpenAI chat streamed.

    make bench                                   # 3 rounds x 6 s, 16 connections
    make bench BENCH_ARGS="--rounds 5 --duration 10 --connections 32"
    make bench BENCH_ARGS=--smoke                # 1 round of 1 s, every answer checked
                                                 # (~10 s; its figures mean nothing)

Per scenario it prints, for each server, the median over the rounds of req/s, p50 and
p99 (wrk's latency percentiles), and the ratios mock/aimock. Setup it does itself:
installs wrk with apt-get when run as root (otherwise says what to install), and
aimock from benchmarks/package-lock.json with `npm ci` into benchmarks/node_modules.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
LUA = HERE / "wrk" / "post.lua"
AIMOCK_FIXTURES = HERE / "aimock" / "fixtures.json"
AIMOCK_CLI = HERE / "node_modules" / "@copilotkit" / "aimock" / "dist" / "cli.js"
START_TIMEOUT = 30.0  # seconds a server may take to answer its first request


@dataclass(frozen=True)
class Scenario:
    """One request, sent unchanged to both servers; ``expect`` is a substring every
    correct answer holds (checked in smoke runs and by the test)."""

    name: str
    path: str
    body_file: Path
    surface: str  # "anthropic" | "openai": which auth headers
    expect: str

    def headers(self, key: str) -> dict[str, str]:
        if self.surface == "anthropic":
            return {"x-api-key": key, "anthropic-version": "2023-06-01"}
        return {"authorization": f"Bearer {key}"}


SCENARIOS = [
    Scenario(
        "anthropic json",
        "/anthropic/v1/messages",
        HERE / "requests" / "anthropic_json.json",
        "anthropic",
        "Hello! How can I help you today?",
    ),
    Scenario(
        "anthropic stream",
        "/anthropic/v1/messages",
        HERE / "requests" / "anthropic_stream.json",
        "anthropic",
        "event: message_stop",
    ),
    Scenario(
        "openai stream",
        "/v1/chat/completions",
        HERE / "requests" / "openai_stream.json",
        "openai",
        "data: [DONE]",
    ),
]

# aimock serves Anthropic's API at /v1/messages; the mock at /anthropic/v1/messages.
AIMOCK_PATHS = {"/anthropic/v1/messages": "/v1/messages"}


class SetupError(Exception):
    """A prerequisite is missing; the message says what to do."""


@dataclass
class Server:
    name: str
    root: str
    process: subprocess.Popen
    log: object  # the server's stderr, kept in a temporary file

    def path_for(self, scenario: Scenario) -> str:
        if self.name == "aimock":
            return AIMOCK_PATHS.get(scenario.path, scenario.path)
        return scenario.path


@dataclass(frozen=True)
class Round:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    failures: int  # socket errors + non-2xx + (smoke) unexpected answers


# -- setup ---------------------------------------------------------------------------
def ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk is missing; installing it with apt-get (Debian package wrk)")
        quiet = {"stdout": subprocess.DEVNULL}
        if subprocess.run(["apt-get", "install", "-y", "wrk"], **quiet).returncode:
            subprocess.run(["apt-get", "update"], check=False, **quiet)
            subprocess.run(["apt-get", "install", "-y", "wrk"], check=False, **quiet)
        wrk = shutil.which("wrk")
        if wrk:
            return wrk
    raise SetupError(
        "the load generator wrk is missing: install it (Debian/Ubuntu: "
        "`sudo apt-get install wrk`; macOS: `brew install wrk`) and re-run"
    )


def ensure_aimock() -> list[str]:
    node = shutil.which("node")
    if not node:
        raise SetupError("aimock needs Node.js 20.15+ (`node` is not on PATH)")
    if not AIMOCK_CLI.is_file():
        npm = shutil.which("npm")
        if not npm:
            raise SetupError("installing aimock needs npm (not on PATH)")
        print("installing aimock into benchmarks/node_modules (npm ci)")
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE
        )
        if done.returncode or not AIMOCK_CLI.is_file():
            raise SetupError("`npm ci` in benchmarks/ failed; see its output above")
    return [node, str(AIMOCK_CLI)]


# -- servers -------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_mock(key: str) -> Server:
    port = free_port()
    command = Path(sys.executable).with_name("ezrouter-mock")
    log = tempfile.TemporaryFile()  # a file, not a pipe: it can never fill up
    process = subprocess.Popen(
        [str(command), "serve", "--host", "127.0.0.1", "--port", str(port), "--quiet"],
        env=dict(os.environ, EZROUTER_MOCK_KEY=key),
        stdout=subprocess.DEVNULL,
        stderr=log,
        start_new_session=True,  # Ctrl-C reaches us, and we stop it in order
    )
    return Server("mock", f"http://127.0.0.1:{port}", process, log)


def start_aimock(command: list[str]) -> Server:
    port = free_port()
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port)]
        + ["--fixtures", str(AIMOCK_FIXTURES), "--log-level", "warn"],
        stdout=subprocess.DEVNULL,
        stderr=log,
        start_new_session=True,
    )
    return Server("aimock", f"http://127.0.0.1:{port}", process, log)


def post(server: Server, scenario: Scenario, key: str, timeout: float = 5.0):
    """One request as wrk sends it; returns (status, body text)."""
    request = urllib.request.Request(
        server.root + server.path_for(scenario),
        data=scenario.body_file.read_bytes(),
        headers={"content-type": "application/json", **scenario.headers(key)},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")


def wait_ready(server: Server, key: str) -> None:
    """Until the server answers the first scenario correctly (or gives up)."""
    deadline = time.monotonic() + START_TIMEOUT
    last = "no answer"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            server.log.seek(0)
            stderr = server.log.read().decode(errors="replace").strip()
            raise SetupError(
                f"{server.name} exited with {server.process.returncode}: "
                f"{stderr.splitlines()[-1] if stderr else 'no message'}"
            )
        try:
            status, body = post(server, SCENARIOS[0], key, timeout=2)
        except OSError as exc:
            last = str(exc)
            time.sleep(0.1)
            continue
        if status == 200 and SCENARIOS[0].expect in body:
            return
        raise SetupError(f"{server.name} answered {status}: {body[:200]}")
    raise SetupError(
        f"{server.name} did not answer within {START_TIMEOUT:.0f} s ({last})"
    )


def stop(server: Server) -> None:
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()
    server.log.close()


# -- load ----------------------------------------------------------------------------
RESULT = re.compile(r"^BENCH_RESULT (.*)$", re.MULTILINE)


def run_wrk(
    wrk: str,
    server: Server,
    scenario: Scenario,
    key: str,
    *,
    duration: int,
    connections: int,
    threads: int,
    check: bool,
) -> Round:
    env = dict(
        os.environ,
        BENCH_BODY_FILE=str(scenario.body_file),
        BENCH_HEADERS="\n".join(f"{k}: {v}" for k, v in scenario.headers(key).items()),
    )
    if check:
        env["BENCH_EXPECT"] = scenario.expect
    command = [wrk, f"-t{threads}", f"-c{connections}", f"-d{duration}s"]
    command += [
        "--timeout",
        "5s",
        "-s",
        str(LUA),
        server.root + server.path_for(scenario),
    ]
    try:
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=duration + 30
        )
    except subprocess.TimeoutExpired:
        raise SetupError(
            f"wrk did not finish {server.name} / {scenario.name} within "
            f"{duration + 30} s"
        ) from None
    match = RESULT.search(done.stdout)
    if done.returncode or not match:
        raise SetupError(
            f"wrk failed on {server.name} / {scenario.name}: "
            f"{(done.stderr or done.stdout).strip()[:300]}"
        )
    fields = {k: int(v) for k, v in (p.split("=") for p in match.group(1).split())}
    return Round(
        rps=fields["requests"] / (fields["duration_us"] / 1e6),
        p50_ms=fields["p50_us"] / 1000,
        p99_ms=fields["p99_us"] / 1000,
        requests=fields["requests"],
        failures=fields["socket_errors"] + fields["non2xx"] + fields["unexpected"],
    )


# -- report --------------------------------------------------------------------------
def median_round(rounds: list[Round]) -> Round:
    return Round(
        rps=statistics.median(r.rps for r in rounds),
        p50_ms=statistics.median(r.p50_ms for r in rounds),
        p99_ms=statistics.median(r.p99_ms for r in rounds),
        requests=sum(r.requests for r in rounds),
        failures=sum(r.failures for r in rounds),
    )


def print_summary(results: dict[str, dict[str, list[Round]]], rounds: int) -> None:
    print(f"\nsummary: median of {rounds} round(s) per server")
    print(
        f"{'scenario':17} {'server':7} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7}"
        f" {'failed':>6}   ratio mock/aimock"
    )
    for scenario in SCENARIOS:
        m = median_round(results[scenario.name]["mock"])
        a = median_round(results[scenario.name]["aimock"])
        for name, r in (("mock", m), ("aimock", a)):
            print(
                f"{scenario.name:17} {name:7} {r.rps:8.0f} {r.p50_ms:7.2f}"
                f" {r.p99_ms:7.2f} {r.failures:6d}",
                end="",
            )
            if name == "aimock":
                print(
                    f"   req/s {m.rps / a.rps:.2f}  p50 {m.p50_ms / a.p50_ms:.2f}"
                    f"  p99 {m.p99_ms / a.p99_ms:.2f}",
                    end="",
                )
            print()
    print(
        "ratio: req/s above 1 = the mock is faster; p50/p99 below 1 = the mock answers "
        "sooner"
    )


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rounds", type=positive, default=3, help="per server and scenario (default 3)"
    )
    parser.add_argument(
        "--duration", type=positive, default=6, help="seconds per round (default 6)"
    )
    parser.add_argument(
        "--connections", type=positive, default=16, help="wrk connections (default 16)"
    )
    parser.add_argument(
        "--threads", type=positive, default=2, help="wrk threads (default 2)"
    )
    parser.add_argument(
        "--warmup",
        type=int,
        default=1,
        help="seconds of unrecorded load per server and scenario (default 1; 0: none)",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="1 round of 1 s, 2 connections, no warm-up, every answer checked",
    )
    args = parser.parse_args(argv)
    if args.warmup < 0 or args.warmup > 60:
        parser.error("--warmup must be between 0 and 60 seconds")
    if args.duration > 600 or args.rounds > 50 or args.connections > 1024:
        parser.error("at most 50 rounds, 600 s per round and 1024 connections")
    if args.threads > args.connections:
        parser.error("--threads must not exceed --connections")
    if args.smoke:
        args.rounds, args.duration, args.connections, args.threads, args.warmup = (
            1,
            1,
            2,
            1,
            0,
        )
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    servers: list[Server] = []

    def on_term(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    try:
        wrk = ensure_wrk()
        aimock_command = ensure_aimock()
        key = "sk-bench-" + secrets.token_hex(12)
        servers = [start_mock(key), start_aimock(aimock_command)]
        for server in servers:
            wait_ready(server, key)
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(
            f"wrk {args.threads} threads, {args.connections} connections, "
            f"{args.rounds} round(s) of {args.duration} s per server and scenario; "
            f"{os.cpu_count()} CPUs, load average {load:.2f} at start"
        )
        results: dict[str, dict[str, list[Round]]] = {}
        for scenario in SCENARIOS:
            results[scenario.name] = {s.name: [] for s in servers}
            options = {"connections": args.connections, "threads": args.threads}
            if args.warmup:
                for server in servers:
                    run_wrk(
                        wrk,
                        server,
                        scenario,
                        key,
                        duration=args.warmup,
                        check=False,
                        **options,
                    )
            for number in range(1, args.rounds + 1):
                for server in servers:
                    r = run_wrk(
                        wrk,
                        server,
                        scenario,
                        key,
                        duration=args.duration,
                        check=args.smoke,
                        **options,
                    )
                    results[scenario.name][server.name].append(r)
                    print(
                        f"{scenario.name:17} {server.name:7} round {number}: "
                        f"{r.rps:8.0f} req/s  p50 {r.p50_ms:6.2f} ms  "
                        f"p99 {r.p99_ms:6.2f} ms  failed {r.failures}",
                        flush=True,
                    )
        print_summary(results, args.rounds)
        if args.smoke:
            print("smoke run: every answer checked; its figures are not measurements")
        failed = sum(
            r.failures for s in results.values() for rs in s.values() for r in rs
        )
        if failed:
            print(
                f"bench: {failed} request(s) failed or answered unexpectedly",
                file=sys.stderr,
            )
            return 1
        return 0
    except SetupError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nbench: interrupted; servers stopped", file=sys.stderr)
        return 130
    finally:
        for server in servers:
            stop(server)


if __name__ == "__main__":
    raise SystemExit(main())
