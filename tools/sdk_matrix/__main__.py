"""`python -m tools.sdk_matrix COMMAND`: lock, record, render or check for drift.

lock     re-resolve every SDK line to its newest release (make matrix-lock)
record   measure every line's behaviour, store it and re-render the includes
         (make matrix-record)
render   re-render snippets/matrix/ from the stored data and marks
clients  measure only the npm SDKs (under Node) and the coding agents as installed,
         store matrix/clients.json and re-render (part of `record`)
drift    install the newest release of every line, run every snippet and probe,
         and print what changed against the stored data; exit 1 on any change
         or failure (the client-drift workflow)
drift-clients
         measure the npm SDKs and agents as installed (the workflow installs the
         newest first) and print what changed against matrix/clients.json
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from . import behaviour, clients, drift, envs, render, session, support
from .lines import LINES


def _record(args: argparse.Namespace) -> int:
    started = time.monotonic()
    results = session.run([], probes=LINES)
    behaviour.dump(results.measured())
    clients.dump(clients.measure())
    render.write_all(behaviour.load(), support.load())
    print(
        f"sdk-matrix: recorded {len(LINES)} lines into "
        f"{behaviour.relative(behaviour.DATA)} and the npm SDKs and agents into "
        f"{behaviour.relative(clients.DATA)} in {time.monotonic() - started:.1f}s"
    )
    return 0


def _clients(args: argparse.Namespace) -> int:
    clients.dump(clients.measure())
    render.write_all(behaviour.load(), support.load())
    print(f"sdk-matrix: recorded {behaviour.relative(clients.DATA)}")
    return 0


def _drift_clients(args: argparse.Namespace) -> int:
    """What the installed npm SDKs and agents do differently from the stored data."""
    fresh = clients.measure()
    changed = clients.changes(clients.load(), fresh)
    lines = ["# Client drift: npm SDKs and coding agents as installed", ""]
    lines += ["| Client | Version |", "|---|---|"]
    lines.append(f"| Node | {fresh['node']} |")
    for group in ("npm", "agents"):
        for entry in fresh[group].values():
            lines.append(f"| `{entry['package']}` | {entry['version']} |")
    lines += ["", "## What changed against matrix/clients.json", ""]
    lines += [f"- {change}" for change in changed] or ["- nothing"]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.summary:
        with open(args.summary, "a", encoding="utf-8") as handle:
            handle.write(text)
    return 1 if changed else 0


def _drift(args: argparse.Namespace) -> int:
    started = time.monotonic()
    marks = support.load()
    results = session.run(session.all_pairs(), probes=LINES, latest=True)
    changed = drift.changes(behaviour.load(), results.measured())
    counts: Counter[tuple[str, str]] = Counter()
    failures = []
    for (name, _line), run in sorted(results.snippet_runs.items()):
        outcome, message = session.verdict(
            run, support.mark_for(marks, name, run.env.line)
        )
        counts[(run.env.pin, outcome)] += 1
        if outcome == "fail":
            failures.append(message)
    lines = ["# Client drift: newest SDK releases against the mock", ""]
    lines.append("| Release | passed | skipped | failed |")
    lines.append("|---|---|---|---|")
    for env in results.envs.values():
        lines.append(
            f"| {env.pin} | {counts[(env.pin, 'pass')]} | {counts[(env.pin, 'skip')]} "
            f"| {counts[(env.pin, 'fail')]} |"
        )
    lines += ["", "## What changed against matrix/client-matrix.json", ""]
    lines += [f"- {change}" for change in changed] or ["- nothing"]
    if failures:
        lines += ["", "## Snippets that failed", ""]
        lines += [f"```\n{failure}\n```" for failure in failures]
    lines += ["", f"({time.monotonic() - started:.0f}s)"]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.summary:
        with open(args.summary, "a", encoding="utf-8") as handle:
            handle.write(text)
    return 1 if changed or failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.sdk_matrix",
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("lock", help="re-resolve the SDK lines' locks")
    commands.add_parser("record", help="measure and store each line's behaviour")
    commands.add_parser("render", help="re-render snippets/matrix/")
    commands.add_parser("clients", help="measure and store the npm SDKs and agents")
    for name, what in (
        ("drift", "compare the newest Python SDK releases"),
        ("drift-clients", "compare the installed npm SDKs and agents"),
    ):
        drift_parser = commands.add_parser(name, help=what)
        drift_parser.add_argument(
            "--summary", type=Path, help="also append the Markdown summary to this file"
        )
    args = parser.parse_args(argv)
    try:
        if args.command == "lock":
            for line in LINES:
                envs.lock(line)
                print(f"sdk-matrix: {line.label} -> {envs.locked_version(line)}")
            return 0
        if args.command == "render":
            render.write_all(behaviour.load(), support.load())
            return 0
        if args.command == "record":
            return _record(args)
        if args.command == "clients":
            return _clients(args)
        if args.command == "drift-clients":
            return _drift_clients(args)
        return _drift(args)
    except (envs.EnvError, support.SupportError, RuntimeError) as exc:
        print(f"sdk-matrix: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
