"""`make serve`: the docs site and a mock gateway, side by side on loopback.

Readers browsing the guides locally get a gateway to run the examples against without a
key: the mock listens on 127.0.0.1:8080 and `mkdocs serve` on 127.0.0.1:8000. One
Ctrl-C stops both. Ports are checked before anything starts, so a leftover server gives
a one-line message instead of a traceback halfway through start-up.
"""

from __future__ import annotations

import argparse
import errno
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

from ezrouter_mock.cli import run_module

HOST = "127.0.0.1"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--mock-port", type=int, default=8080, help="port of the mock gateway"
    )
    parser.add_argument(
        "--docs-port", type=int, default=8000, help="port of `mkdocs serve`"
    )


def port_problem(port: int, what: str) -> str | None:
    """A one-line reason why `port` cannot be used on 127.0.0.1, or None."""
    if not 1 <= port <= 65535:
        return f"{what} port must be between 1 and 65535, got {port}"
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return (
                    f"{HOST}:{port} is already in use, so the {what} cannot start "
                    "there. Stop whatever holds it (another `make serve`?) or pick "
                    f"another port: make serve SERVE_ARGS='--{what}-port N'"
                )
            return f"cannot listen on {HOST}:{port} for the {what}: {exc.strerror}"
    return None


def _banner(mock, docs_port: int) -> str:
    example = "snippets/anthropic/quickstart.py"
    return "\n".join(
        [
            "",
            f"Mock gateway   {mock.root_url}",
            f"  Anthropic surface  {mock.anthropic_url}",
            f"  OpenAI surface     {mock.openai_url}",
            f"  key                {mock.key}   (a local test key, not a real one)",
            "Run an example against this mock (the public URL in it is swapped):",
            f"  .venv/bin/ezrouter-mock run {example} --gateway {mock.root_url}",
            "or against a fresh mock of its own:",
            f"  .venv/bin/ezrouter-mock run {example}",
            f"Docs           http://{HOST}:{docs_port}/",
            "Press Ctrl-C to stop both.",
            "",
        ]
    )


def _raise_interrupt(signum, frame):  # SIGTERM ends us like Ctrl-C does
    raise KeyboardInterrupt


def main(args: argparse.Namespace) -> int:
    root = Path.cwd()
    if not (root / "mkdocs.yml").is_file():
        print(
            "make serve: run it from the repository root (where mkdocs.yml is)",
            file=sys.stderr,
        )
        return 2
    for port, what in ((args.mock_port, "mock"), (args.docs_port, "docs")):
        problem = port_problem(port, what)
        if problem:
            print(f"make serve: {problem}", file=sys.stderr)
            return 2

    # Ctrl-C and SIGTERM both end the run, even when started with SIGINT ignored
    # (as background jobs of a non-interactive shell are).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _raise_interrupt)
    # The docs server first: it takes longest to start; it builds as the mock starts.
    docs = _start_docs(root, args.docs_port)
    try:
        from ezrouter_mock.mock.http.server import MockServer

        with MockServer(port=args.mock_port, host=HOST) as mock:
            print(_banner(mock, args.docs_port), flush=True)
            status = docs.wait()
            print(f"make serve: mkdocs serve exited ({status}); see above. Stopping.")
            return status or 1
    except OSError as exc:  # the port was taken between the check and the bind
        print(f"make serve: cannot start the mock: {exc.strerror}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    finally:
        _stop(docs)
    print("Stopped the docs server and the mock gateway.", flush=True)
    return 0


def _start_docs(root: Path, port: int) -> subprocess.Popen:
    """Start `mkdocs serve` (via tools.docs_live: its port answers during the build)."""
    command = [sys.executable, "-m", "tools.docs_live", "serve"]
    command += ["--dev-addr", f"{HOST}:{port}"]
    # Material prints a multi-line end-of-life notice on every start; keep the
    # terminal for the URLs above and mkdocs' own messages.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen(command, cwd=root, env=env)


def _stop(proc: subprocess.Popen) -> None:
    """Ask as Ctrl-C would (SIGINT), then more firmly, until the process is gone."""
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
        if proc.poll() is not None:
            return
        proc.send_signal(sig)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            continue


if __name__ == "__main__":
    sys.exit(run_module(sys.modules[__name__], "python -m tools.docs_server"))
