"""Running a snippet against a gateway other than the one it shows.

The URL swap: snippets show readers the real gateway (`https://www.ezrouter.dev/...`)
with an explicit `base_url=`, which wins over the SDKs' environment variables, so the
only faithful way to run the same code against the mock is to swap that one string and
nothing else. The swap is reversible, so output captured from a run against the mock
can be written back to the snippet with the public URL in it.

`ezrouter-mock run FILE` runs one snippet exactly as the docs test suite does: the
public gateway URL in the file becomes a loopback mock's URL, `EZROUTER_API_KEY` is set
to the mock's key, and the snippet runs as a child process (`python` for `.py`, `bash`
for `.sh`, Node for `.ts`, see `ezrouter_mock.typescript`) with its output passed
straight through. Nothing is written next to the
snippet, so the file on disk stays what the page shows.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ezrouter_mock.profile.endpoints import (
    LOCAL_KEY_ENV,
    GatewayUrlError,
    gateway_root,
    is_loopback,
    local_key,
)

PUBLIC_ROOT = "https://www.ezrouter.dev"

# Variables that could send a snippet (or a tool it starts, like Claude Code) somewhere
# other than the gateway we chose, or hand it a key we did not choose.
_LEAKY_ENV = (
    "ANTHROPIC_BASE_URL",
    "ANTHROPIC_API_KEY",
    "ANTHROPIC_AUTH_TOKEN",
    "OPENAI_BASE_URL",
    "OPENAI_API_KEY",
    "EZROUTER_API_KEY",
)


def _root(root_url: str) -> str:
    root = root_url.rstrip("/")
    if not root.startswith(("http://", "https://")):
        raise ValueError(f"gateway root must be an http(s) URL, got {root_url!r}")
    return root


def to_gateway(text: str, root_url: str) -> str:
    """Return `text` with the public gateway root replaced by `root_url`."""
    return text.replace(PUBLIC_ROOT, _root(root_url))


def to_public(text: str, root_url: str) -> str:
    """Undo `to_gateway`: put the public root back wherever `root_url` appears."""
    root = _root(root_url)
    if root == PUBLIC_ROOT:
        return text
    return text.replace(root, PUBLIC_ROOT)


def snippet_env(
    key: str, base: Mapping[str, str] | None = None, *, loopback: bool = True
) -> dict[str, str]:
    """Environment for a snippet subprocess: only our key, no stray gateway settings.

    With `loopback=True` (a run against the mock) tools that phone home on their own,
    such as Claude Code, are told not to, so the run stays on 127.0.0.1.
    """
    env = {k: v for k, v in (os.environ if base is None else base).items()}
    for name in _LEAKY_ENV:
        env.pop(name, None)
    env["EZROUTER_API_KEY"] = key
    if loopback:
        env["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1"
        env["DISABLE_TELEMETRY"] = "1"
        no_proxy = "127.0.0.1,localhost"
        env["NO_PROXY"] = env["no_proxy"] = no_proxy
    return env


# -- ezrouter-mock run -------------------------------------------------------------

INTERPRETERS = {".py": (sys.executable,), ".sh": ("bash",)}
RUNNABLE = (*INTERPRETERS, ".ts")


def configure(parser: argparse.ArgumentParser) -> None:
    """Declare the `run` subcommand's arguments on `parser`."""
    parser.add_argument("file", type=Path, help="a snippet: a .py, .sh or .ts file")
    parser.add_argument(
        "--port",
        type=int,
        default=0,
        help="port for the in-process mock on 127.0.0.1 (0 = a free one)",
    )
    parser.add_argument(
        "--gateway",
        metavar="URL",
        help=(
            "run against an already running gateway root instead, e.g. "
            "http://127.0.0.1:8080 from `make serve` (a loopback gateway gets the "
            "mock's key, $EZROUTER_MOCK_KEY or the local key; any other gets "
            "$EZROUTER_API_KEY)"
        ),
    )


def _fail(message: str) -> int:
    print(f"ezrouter-mock run: {message}", file=sys.stderr)
    return 2


def run_snippet(path: Path, root_url: str, key: str, *, loopback: bool = True) -> int:
    """Run `path` against the gateway at `root_url` and return its exit status."""
    text = to_gateway(path.read_text(encoding="utf-8"), root_url)
    if path.suffix == ".ts":
        return _run_typescript(path, text, key, loopback=loopback)
    interpreter = INTERPRETERS[path.suffix]
    with tempfile.TemporaryDirectory(prefix="ezrouter-run-") as tmp:
        target = Path(tmp) / path.name
        target.write_text(text, encoding="utf-8")
        env = snippet_env(key, loopback=loopback)
        # Shell snippets may call this project's commands (ezrouter-mock probe ...).
        env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env["PATH"]])
        try:
            return subprocess.run([*interpreter, str(target)], env=env).returncode
        except KeyboardInterrupt:
            return 130


def _project_of(path: Path) -> Path:
    """The folder whose node_modules a TypeScript file imports (as Node finds it)."""
    for folder in path.resolve().parents:
        if (folder / "node_modules").is_dir():
            return folder
    return Path.cwd()


def _run_typescript(path: Path, text: str, key: str, *, loopback: bool) -> int:
    from ezrouter_mock.typescript import NodeMissing, find_node, run_typescript

    try:
        node = find_node(_project_of(path))
    except NodeMissing as exc:
        return _fail(f"{path}: {exc}")
    env = snippet_env(key, loopback=loopback)
    try:
        done = run_typescript(text, path.name, node, env, timeout=None, capture=False)
        return done.returncode
    except KeyboardInterrupt:
        return 130


def check_gateway(root: str, key: str, *, loopback: bool) -> str | None:
    """Why the gateway at ``root`` cannot run a snippet, in one line, or None.

    Asks ``GET /v1/models`` once, as the probe does, so a dead port, a URL that is not
    a gateway root or a refused key is named before the snippet starts and fails
    with an SDK traceback."""
    import httpx

    url = root + "/v1/models"
    try:
        answer = httpx.get(
            url, headers={"Authorization": f"Bearer {key}"}, timeout=10, trust_env=False
        )
    except httpx.HTTPError as exc:
        hint = (
            " (is `make serve` or `ezrouter-mock serve` running?)" if loopback else ""
        )
        reason = str(exc).split("\n")[0] or type(exc).__name__
        return f"cannot reach the gateway at {root}: {reason}{hint}"
    if answer.status_code == 404:
        return f"{url} answered 404: {root} is not an ezrouter gateway root"
    if answer.status_code in (401, 403) and loopback:
        return (
            f"the mock at {root} refused its local key (HTTP {answer.status_code}); "
            f"if it was started with --key, put that key in ${LOCAL_KEY_ENV}"
        )
    if answer.status_code in (401, 403):
        return f"{root} refused $EZROUTER_API_KEY (HTTP {answer.status_code})"
    return None


def main(args: argparse.Namespace) -> int:
    """Run the snippet; returns its exit status (2 for bad arguments)."""
    path: Path = args.file
    if path.suffix not in RUNNABLE:
        return _fail(f"{path}: can only run .py, .sh or .ts snippets")
    if not path.is_file():
        return _fail(f"{path}: no such file")
    try:
        path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return _fail(f"{path}: cannot read it as UTF-8 text ({exc})")
    if not 0 <= args.port <= 65535:
        return _fail(f"--port must be between 0 and 65535, got {args.port}")

    if PUBLIC_ROOT not in path.read_text(encoding="utf-8"):
        print(
            f"ezrouter-mock run: warning: {path} does not contain {PUBLIC_ROOT}, so "
            "nothing in it is pointed at the mock; it runs as written",
            file=sys.stderr,
        )

    if args.gateway:
        try:
            root = gateway_root(args.gateway)
        except GatewayUrlError as exc:
            return _fail(str(exc))
        loopback = is_loopback(root)
        # A local mock gets the mock's key, never the reader's (maybe real) one.
        key = local_key() if loopback else os.environ.get("EZROUTER_API_KEY", "")
        if not key:
            return _fail("set EZROUTER_API_KEY to run against a remote --gateway")
        problem = check_gateway(root, key, loopback=loopback)
        if problem:
            return _fail(problem)
        return run_snippet(path, root, key, loopback=loopback)

    from ezrouter_mock.mock.http.server import MockServer

    mock = MockServer(keys=local_key(), port=args.port)
    try:
        mock.start()
    except OSError as exc:
        return _fail(f"cannot start the mock on 127.0.0.1:{args.port}: {exc.strerror}")
    try:
        banner = f"# {path} -> mock gateway at {mock.root_url}"
        print(banner, file=sys.stderr, flush=True)
        return run_snippet(path, mock.root_url, mock.key)
    finally:
        mock.stop()
