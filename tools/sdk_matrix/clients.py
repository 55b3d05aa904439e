"""What the clients beside the Python SDKs are and do: npm SDKs on Node, and agents.

The Python lines are measured by `behaviour.py`; this module measures the rest the
same way, by a real run against the mock gateway:

- the npm SDKs (`@anthropic-ai/sdk`, `openai`) as `package-lock.json` installs them,
  run under the Node it pins: small probe scripts (`probes_ts/`) go through the
  TypeScript snippets' runner (`ezrouter_mock.typescript`), and the mock's journal
  gives the auth header and `anthropic-version`; the probes print what a call without
  `stream: true` resolves to and what a dropped stream throws;
- the coding agents `.ci/run` installs (Claude Code, OpenCode): the version each
  reports. Their tests (tests/clients/test_claude_code.py, test_opencode.py) check
  that the User-Agent the mock's journal saw names the same version.

`latest=True` measures whatever node_modules holds without comparing it with the
lock (the client-drift workflow installs the newest releases there first).
The record is stored in `matrix/clients.json`; tests compare it with a fresh run.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ezrouter_mock import typescript
from ezrouter_mock.mock.http.server import MockServer
from ezrouter_mock.snippets import snippet_env, to_gateway

from .behaviour import wire_facts
from .lines import MATRIX_DIR, ROOT

DATA = MATRIX_DIR / "clients.json"
PROBES = Path(__file__).with_name("probes_ts")


@dataclass(frozen=True)
class NpmSdk:
    """An npm SDK the TypeScript snippets use; `key` names its probes."""

    key: str
    package: str
    # d.ts file and interface holding the create() body parameters
    types: str
    params_interface: str


NPM_SDKS = (
    NpmSdk(
        "anthropic",
        "@anthropic-ai/sdk",
        "resources/messages/messages.d.ts",
        "MessageCreateParamsBase",
    ),
    NpmSdk(
        "openai",
        "openai",
        "resources/chat/completions/completions.d.ts",
        "ChatCompletionCreateParamsBase",
    ),
)


@dataclass(frozen=True)
class Agent:
    """A coding agent installed by `.ci/run` into `.cache/<folder>`."""

    key: str
    name: str
    package: str
    folder: str
    command: str


AGENTS = (
    Agent(
        "claude-code",
        "Claude Code",
        "@anthropic-ai/claude-code",
        "claude-code",
        "claude",
    ),
    Agent("opencode", "OpenCode", "opencode-ai", "opencode", "opencode"),
)


class ClientError(RuntimeError):
    """A client is missing or a probe failed; the message says which and why."""


def _drop(mock: MockServer) -> None:
    mock.faults.push(break_stream="drop")


# probe name -> fault queued on the mock first
PROBE_SETUP: dict[str, dict[str, Callable[[MockServer], None] | None]] = {
    "anthropic": {"call": None, "dropped_stream": _drop},
    "openai": {"call": None, "non_stream": None, "dropped_stream": _drop},
}


def _probe(node: typescript.Node, sdk: str, name: str, prepare) -> tuple[str, list]:
    """Run one probe against a fresh mock: (last printed line, journal POSTs)."""
    path = PROBES / f"{sdk}_{name}.ts"
    with MockServer() as mock:
        if prepare:
            prepare(mock)
        run = typescript.run_typescript(
            to_gateway(path.read_text(encoding="utf-8"), mock.root_url),
            path.name,
            node,
            snippet_env(mock.key),
        )
        posts = [e for e in mock.journal if e.method == "POST"]
    if run.returncode != 0 or not run.calls:
        raise ClientError(
            f"probe {path.name} failed (exit {run.returncode}):\n{run.stderr.strip()}"
        )
    return run.calls[-1][1], posts


def _wire(posts: list, probe: str) -> dict:
    if not posts:
        raise ClientError(f"probe {probe} sent nothing")
    return wire_facts(posts[-1].headers)


def _package(node_modules: Path, package: str) -> dict:
    manifest = node_modules / package / "package.json"
    if not manifest.is_file():
        raise ClientError(
            f"{package} is not installed in {node_modules} (run `npm ci`)"
        )
    return json.loads(manifest.read_text(encoding="utf-8"))


def _takes_temperature(node_modules: Path, sdk: NpmSdk) -> bool:
    """Whether the SDK's types declare `temperature` on the create() parameters."""
    text = (node_modules / sdk.package / sdk.types).read_text(encoding="utf-8")
    start = text.find(f"interface {sdk.params_interface} ")
    if start < 0:
        raise ClientError(f"{sdk.package}: no interface {sdk.params_interface}")
    body = text[start : text.find("\n}", start)]
    return re.search(r"^\s+temperature\??:", body, flags=re.M) is not None


def npm_sdk(node: typescript.Node, sdk: NpmSdk) -> dict:
    """One npm SDK's record."""
    found = {
        name: _probe(node, sdk.key, name, prepare)
        for name, prepare in PROBE_SETUP[sdk.key].items()
    }
    manifest = _package(node.node_modules, sdk.package)
    non_stream = found.get("non_stream")
    return {
        "package": sdk.package,
        "version": manifest["version"],
        "node_engine": (manifest.get("engines") or {}).get("node"),
        **_wire(found["call"][1], f"{sdk.key}_call.ts"),
        "temperature": _takes_temperature(node.node_modules, sdk),
        "non_stream_sse_returns": non_stream[0] if non_stream else None,
        "dropped_stream_raises": found["dropped_stream"][0],
    }


def agent_version(agent: Agent, root: Path = ROOT) -> str:
    """The version the agent installed under .cache/ reports with --version."""
    binary = root / ".cache" / agent.folder / "node_modules" / ".bin" / agent.command
    if not binary.exists():
        raise ClientError(
            f"{agent.name} is not installed in .cache/{agent.folder} (run .ci/run)"
        )
    done = subprocess.run(
        [str(binary), "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env=snippet_env("unused", loopback=True),
    )
    match = re.search(r"\d+\.\d+\.\d+\S*", done.stdout)
    if done.returncode != 0 or not match:
        raise ClientError(f"{agent.name} --version printed {done.stdout!r}")
    return match.group(0)


def node_version(node: typescript.Node) -> str:
    done = subprocess.run(
        [node.binary, "--version"], capture_output=True, text=True, timeout=30
    )
    return done.stdout.strip().removeprefix("v")


def suite() -> dict:
    """The Python (major.minor) and SDK releases the main test suite runs on."""
    return {
        "python": ".".join(map(str, sys.version_info[:2])),
        "sdks": {
            name: importlib.metadata.version(name) for name in ("anthropic", "openai")
        },
    }


def measure(root: Path = ROOT) -> dict:
    """The whole record: Node and its engine range, npm SDKs, agents."""
    try:
        node = typescript.find_node(root)
    except typescript.NodeMissing as exc:
        raise ClientError(str(exc)) from None
    project = json.loads((root / "package.json").read_text(encoding="utf-8"))
    return {
        "suite": suite(),
        "node": node_version(node),
        "node_engine": project.get("engines", {}).get("node"),
        "npm": {sdk.key: npm_sdk(node, sdk) for sdk in NPM_SDKS},
        "agents": {
            agent.key: {
                "name": agent.name,
                "package": agent.package,
                "version": agent_version(agent, root),
            }
            for agent in AGENTS
        },
    }


def load(path: Path = DATA) -> dict:
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def dump(data: dict, path: Path = DATA) -> None:
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


FIELD_NAMES = {
    "auth_header": "auth header",
    "anthropic_version": "anthropic-version",
    "temperature": "`temperature` in the create() types",
    "non_stream_sse_returns": "a call without stream resolves to",
    "dropped_stream_raises": "dropped stream throws",
    "node_engine": "needs Node",
}


def changes(stored: dict, fresh: dict) -> list[str]:
    """One readable line per difference between two records; empty when equal."""
    found = []
    if stored.get("suite") != fresh.get("suite"):
        found.append(f"test suite: {stored.get('suite')} -> {fresh.get('suite')}")
    for field in ("node", "node_engine"):
        if stored.get(field) != fresh.get(field):
            found.append(f"Node ({field}): {stored.get(field)} -> {fresh.get(field)}")
    for group in ("npm", "agents"):
        old_all, new_all = stored.get(group, {}), fresh.get(group, {})
        for key in sorted(set(old_all) | set(new_all)):
            old, new = old_all.get(key), new_all.get(key)
            if old is None or new is None:
                found.append(f"{key}: {'new' if old is None else 'missing'}")
                continue
            name = new.get("package", key)
            label = f"{name} ({old['version']} -> {new['version']})"
            if old["version"] == new["version"]:
                label = f"{name} ({new['version']})"
            before_count = len(found)
            added = sorted(set(new.get("headers", [])) - set(old.get("headers", [])))
            removed = sorted(set(old.get("headers", [])) - set(new.get("headers", [])))
            found += [f"{label}: new header `{h}`" for h in added]
            found += [f"{label}: no longer sends header `{h}`" for h in removed]
            for field, words in FIELD_NAMES.items():
                if old.get(field) != new.get(field):
                    found.append(
                        f"{label}: {words}: {old.get(field)} -> {new.get(field)}"
                    )
            if old["version"] != new["version"] and len(found) == before_count:
                found.append(f"{label}: new release, same behaviour")
    return found
