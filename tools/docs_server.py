"""`make serve`: the docs site and a mock gateway, side by side on loopback.

Readers browsing the guides locally get a gateway to run the examples against without a
key: the mock listens on 127.0.0.1:8080 and `mkdocs serve` on 127.0.0.1:8000. One
Ctrl-C stops both. Both ports are checked before anything starts, and every problem is
reported in one message, so a leftover server gives no traceback halfway through
start-up. The banner (shared with `ezrouter-mock serve`) says how to point your own code
at the mock, and each request it serves is logged as one line.
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
        "--mock-port",
        type=int,
        default=8080,
        metavar="PORT",
        help="port of the mock gateway on 127.0.0.1 (0 = any free port)",
    )
    parser.add_argument(
        "--docs-port",
        type=int,
        default=8000,
        metavar="PORT",
        help="port of the docs site (`mkdocs serve`) on 127.0.0.1",
    )
    parser.add_argument(
        "--key",
        action="append",
        default=[],
        metavar="KEY",
        help="a key the mock accepts (repeatable; default: $EZROUTER_MOCK_KEY, else "
        "the local key sk-ezrouter-mock-local-key)",
    )


def port_problem(port: int, what: str) -> str | None:
    """A one-line reason why `port` cannot be used on 127.0.0.1, or None."""
    lowest = 0 if what == "mock" else 1  # the mock can take any free port
    if not lowest <= port <= 65535:
        return f"{what} port must be between {lowest} and 65535, got {port}"
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return f"{HOST}:{port} is already in use (the {what} port)"
            return f"cannot listen on {HOST}:{port} for the {what}: {exc.strerror}"
    return None


def port_problems(ports: list[tuple[int, str]]) -> list[str]:
    """Every reason the ports cannot be used, so that one message names them all."""
    problems = [p for port, what in ports if (p := port_problem(port, what))]
    taken = [port for port, _ in ports]
    for port in sorted({p for p in taken if taken.count(p) > 1 and p}):
        problems.append(f"the mock and the docs cannot share port {port}")
    if any("already in use" in p for p in problems):
        problems.append(
            "stop whatever holds it (another `make serve`?) or pick other ports: "
            "make serve SERVE_ARGS='--mock-port N --docs-port M'"
        )
    return problems


def banner(mock, source: str | None, docs_port: int) -> str:
    from ezrouter_mock.mock.banner import serve_lines

    return "\n".join(
        [
            "",
            f"Docs on http://{HOST}:{docs_port}/ (Ctrl-C stops the docs and the mock)",
            *serve_lines(mock, source),
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
    problems = port_problems([(args.mock_port, "mock"), (args.docs_port, "docs")])
    if any(not k.strip() for k in args.key):
        problems.append("--key must not be empty")
    if problems:
        print("make serve: " + "; ".join(problems), file=sys.stderr)
        return 2

    from ezrouter_mock.mock.banner import key_note, resolve_keys
    from ezrouter_mock.mock.http.server import MockServer
    from ezrouter_mock.mock.requestlog import log_requests

    keys, source = resolve_keys(args.key, os.environ)

    # Ctrl-C and SIGTERM both end the run, even when started with SIGINT ignored
    # (as background jobs of a non-interactive shell are).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _raise_interrupt)
    # The docs server first: it takes longest to start; it builds as the mock starts.
    docs = _start_docs(root, args.docs_port)
    try:
        mock = MockServer(keys=keys, port=args.mock_port, host=HOST)
        log_requests(mock)
        with mock:
            print(banner(mock, source, args.docs_port), flush=True)
            note = key_note(keys, os.environ)
            if note:
                print(note, file=sys.stderr, flush=True)
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
