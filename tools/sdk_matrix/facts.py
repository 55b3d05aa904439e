"""Per-version sentences for the pages' prose, as named sections of one include.

A guide that says which SDK release sends which header, raises which exception or
lacks which parameter includes a section of `snippets/matrix/facts.md`
(``--8<-- "matrix/facts.md:name"``) instead of typing the versions, so the words
change when a fresh run (`make matrix-record`) finds something else. Each section
is one or more whole lines (an include replaces a line), phrased to stand as a
sentence, a paragraph, table rows or an admonition.

Inputs: the Python lines' record (`matrix/client-matrix.json`, `behaviour.py`) and
the other clients' record (`matrix/clients.json`, `clients.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .lines import LINES

SAMPLING = ("temperature", "top_p", "top_k")


def section(name: str, body: str) -> str:
    start, end = f"<!-- --8<-- [start:{name}] -->", f"<!-- --8<-- [end:{name}] -->"
    return f"{start}\n{body.rstrip()}\n{end}\n"


def _and(items: list[str], word: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def _verb(entries: list, singular: str, plural: str) -> str:
    return singular if len(entries) == 1 else plural


def _entries(data: dict, sdk: str | None = None) -> list[dict]:
    found = [data["lines"][ln.name] for ln in LINES if ln.name in data.get("lines", {})]
    return [e for e in found if sdk is None or e["sdk"] == sdk]


def _major(entry: dict) -> str:
    return entry["line"].split()[-1]


def _lines(entries: Iterable[dict], with_release: bool = True) -> str:
    """```anthropic` 0.x (0.125.0) and 1.x (1.17.0)``: one SDK's lines, named once."""
    by_sdk: dict[str, list[str]] = {}
    for e in entries:
        text = f"{_major(e)} ({e['version']})" if with_release else _major(e)
        by_sdk.setdefault(e["sdk"], []).append(text)
    return _and([f"`{sdk}` {_and(items)}" for sdk, items in by_sdk.items()])


def _group(entries: list[dict], key: Callable[[dict], object]) -> list[list[dict]]:
    groups: dict[object, list[dict]] = {}
    for e in entries:
        groups.setdefault(key(e), []).append(e)
    return list(groups.values())


def _code(value) -> str:
    return "none" if value in (None, "") else f"`{value}`"


def _auth(value: str) -> str:
    return " and ".join(f"`{part}`" for part in value.split(" and "))


def python_lines(data: dict) -> str:
    return _lines(_entries(data), with_release=False) + "."


def releases(data: dict, sdk: str) -> str:
    entries = _entries(data, sdk)
    return (
        f"The examples run under every major line of `{sdk}`, each at its newest "
        f"release: {_and([e['version'] for e in entries])}."
    )


def _missing_sampling(entry: dict) -> list[str]:
    return [p for p in SAMPLING if p not in entry["create_parameters"]]


def anthropic_temperature(data: dict) -> str:
    entries = _entries(data, "anthropic")
    without = [e for e in entries if e["temperature"] != "accepted"]
    takes = [e for e in entries if e["temperature"] == "accepted"]
    if not without:
        return f"Every {_lines(entries)} release takes `temperature`."
    missing = sorted(
        {p for e in without for p in _missing_sampling(e)}, key=SAMPLING.index
    )
    text = (
        f"In {_lines(without)}, `messages.create` has no "
        f"{_and([f'`{p}`' for p in missing], 'or')} parameter: passing one raises "
        "`TypeError` before any request is sent."
    )
    if takes:
        text += f" {_lines(takes)} still {_verb(takes, 'takes', 'take')} them."
    if all(e["extra_body_temperature_sent"] for e in entries):
        text += " With every release, `extra_body` still puts them on the wire."
    return text


def temperature_not_api_version(data: dict) -> str:
    entries = _entries(data, "anthropic")
    taking = {e["anthropic_version"] for e in entries if e["temperature"] == "accepted"}
    same = [
        e
        for e in entries
        if e["temperature"] != "accepted" and e["anthropic_version"] in taking
    ]
    if not same:
        return (
            "Every release without `temperature` also sends another "
            "`anthropic-version` than the releases that take it."
        )
    versions = _and(sorted({f"`{e['anthropic_version']}`" for e in same}))
    return (
        f"{_lines(same)} {_verb(same, 'has', 'have')} no `temperature` but still "
        f"{_verb(same, 'sends', 'send')} `anthropic-version: "
        f"{versions[1:-1]}`, like the releases that take it, so the parameter went "
        "with the SDK release, not with an API version."
    )


def npm_temperature(clients: dict) -> str:
    sdk = clients["npm"]["anthropic"]
    name = f"`{sdk['package']}` {sdk['version']}"
    if sdk["temperature"]:
        return f"The types of {name} still declare `temperature`."
    return f"The types of {name} declare none of them either, so `tsc` reports them."


def anthropic_auth_items(data: dict) -> str:
    """Two list items: which anthropic releases send which auth header."""
    groups = _group(_entries(data, "anthropic"), lambda e: e["auth_header"])
    items = []
    for label in ("x-api-key", "Authorization: Bearer"):
        senders = [g for g in groups if g[0]["auth_header"] == label]
        if senders:
            who = f"{_lines(senders[0])} {_verb(senders[0], 'sends', 'send')}"
        else:
            who = "no tested `anthropic` release sends"
        value = "x-api-key: " if label == "x-api-key" else "Authorization: Bearer "
        items.append(f"- `{value}$EZROUTER_API_KEY`, the header {who};")
    items[-1] = items[-1].rstrip(";") + "."
    return "\n".join(items)


def anthropic_version_sentence(data: dict) -> str:
    groups = _group(_entries(data, "anthropic"), lambda e: e["anthropic_version"])
    parts = [
        f"{_lines(g)} {_verb(g, 'sends', 'send')} {_code(g[0]['anthropic_version'])}"
        for g in groups
    ]
    return f"The SDKs also send an `anthropic-version` header: {'; '.join(parts)}."


def anthropic_auth_history(data: dict) -> str:
    groups = _group(_entries(data, "anthropic"), lambda e: e["auth_header"])
    parts = [
        f"{_lines(g)} {_verb(g, 'sends', 'send')} {_auth(g[0]['auth_header'])}"
        for g in groups
    ]
    return f"Measured on every line: {'; '.join(parts)}."


def header_rows(data: dict, clients: dict) -> str:
    """Table rows (Client | Auth header | anthropic-version) for every client."""
    rows = []
    for entries in _group(
        _entries(data), lambda e: (e["sdk"], e["auth_header"], e["anthropic_version"])
    ):
        first = entries[0]
        rows.append(
            [
                f"{_lines(entries)} (Python)",
                _auth(first["auth_header"]),
                _code(first["anthropic_version"]),
            ]
        )
    for sdk in clients.get("npm", {}).values():
        rows.append(
            [
                f"`{sdk['package']}` {sdk['version']} (TypeScript)",
                _auth(sdk["auth_header"]),
                _code(sdk["anthropic_version"]),
            ]
        )
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def non_stream(data: dict, clients: dict) -> str:
    groups = _group(_entries(data, "openai"), lambda e: e["non_stream_sse_returns"])
    parts = []
    for g in groups:
        returned = g[0]["non_stream_sse_returns"]
        parts.append(f"{_lines(g)} {_verb(g, 'returns', 'return')} {_code(returned)}")
    sdk = clients["npm"]["openai"]
    parts.append(
        f"`{sdk['package']}` {sdk['version']} on npm resolves to "
        f"{_code(sdk['non_stream_sse_returns'])}"
    )
    return (
        "Measured for a call without a stream when the answer is server-sent events: "
        f"{'; '.join(parts)}."
    )


def dropped_stream(data: dict, clients: dict) -> str:
    entries = _entries(data)
    wrapped = [
        e for e in entries if e["dropped_stream_raises"].startswith(e["sdk"] + ".")
    ]
    raw = [e for e in entries if e not in wrapped]
    parts = []
    if wrapped:
        parts.append(
            f"{_lines(wrapped)} {_verb(wrapped, 'raises', 'raise')} the SDK's own "
            f"{_and(sorted({_code(e['dropped_stream_raises']) for e in wrapped}))}"
        )
    for g in _group(raw, lambda e: e["dropped_stream_raises"]):
        parts.append(
            f"{_lines(g)} {_verb(g, 'lets', 'let')} the HTTP library's "
            f"{_code(g[0]['dropped_stream_raises'])} "
            "through unwrapped"
        )
    for sdk in clients.get("npm", {}).values():
        parts.append(
            f"`{sdk['package']}` {sdk['version']} on npm throws "
            f"{_code(sdk['dropped_stream_raises'])}"
        )
    return f"If the connection drops in the middle of a stream, {'; '.join(parts)}."


def node_note(clients: dict) -> str:
    """The TypeScript tabs' admonition: which Node ran, and why that one."""
    node = clients["node"]
    major = node.split(".")[0]
    needs = [
        f"`{s['package']}` {s['version']} needs Node `{s['node_engine']}`"
        for s in clients["npm"].values()
        if s.get("node_engine")
    ]
    body = (
        f"The test suite runs every TypeScript example on Node {node} with exactly "
        "the package versions above."
    )
    if needs:
        body += f" {_and(needs)}."
    body += (
        f" Node {major} is the oldest Node line that still gets fixes, so the suite "
        "tests there; older Node lines are not tested here."
    )
    return f'!!! note "Tested with Node {node}"\n    {body}'


def node_runs_ts(clients: dict) -> str:
    engine = clients["node_engine"].lstrip(">=")
    return f"Node {engine} or newer runs a `.ts` file as it is (it strips the types)."


def agent(clients: dict, key: str) -> str:
    found = clients["agents"][key]
    return f"{found['name']} {found['version']}"


def agent_checked(clients: dict, key: str) -> str:
    return (
        f"Everything below was checked with {agent(clients, key)}, the version the "
        "test suite installs."
    )


def clients_table(data: dict, clients: dict) -> str:
    """Tested with: the npm SDKs under Node, and the agents. The SDKs are columns
    and what we measured are rows: a row per package in five columns overflows the
    720 px content column, two package columns fit it and a phone."""
    sdks = list(clients["npm"].values())
    measured = {
        "Auth header": lambda sdk: _auth(sdk["auth_header"]),
        "`anthropic-version`": lambda sdk: _code(sdk["anthropic_version"]),
        "Call without stream resolves to": lambda sdk: (
            "n/a"
            if sdk["non_stream_sse_returns"] is None
            else _code(sdk["non_stream_sse_returns"])
        ),
        "Dropped stream throws": lambda sdk: _code(sdk["dropped_stream_raises"]),
    }
    lines = [
        "| npm package (release tested) | "
        + " | ".join(f"`{sdk['package']}` ({sdk['version']})" for sdk in sdks)
        + " |",
        "|---" * (len(sdks) + 1) + "|",
    ]
    for label, value in measured.items():
        lines.append(f"| {label} | " + " | ".join(value(s) for s in sdks) + " |")
    lines += [
        "",
        f"Every TypeScript example ran on Node {clients['node']}; the Python examples "
        f"ran on Python {clients['suite']['python']} with "
        + _and([f"`{k}` {v}" for k, v in clients["suite"]["sdks"].items()])
        + " (the project's lock), and every SDK line above on Python "
        + f"{data['python']}.",
        "",
        "| Coding agent | Version tested |",
        "|---|---|",
    ]
    for found in clients["agents"].values():
        lines.append(f"| {found['name']} (`{found['package']}`) | {found['version']} |")
    return "\n".join(lines)


def render(data: dict, clients: dict) -> str:
    parts = [
        section("python-lines", python_lines(data)),
        section("anthropic-releases", releases(data, "anthropic")),
        section("openai-releases", releases(data, "openai")),
        section("anthropic-temperature", anthropic_temperature(data)),
        section("temperature-not-api-version", temperature_not_api_version(data)),
        section("anthropic-auth-items", anthropic_auth_items(data)),
        section("anthropic-auth-history", anthropic_auth_history(data)),
        section("anthropic-version-sentence", anthropic_version_sentence(data)),
        section("non-stream", non_stream(data, clients)),
        section("dropped-stream", dropped_stream(data, clients)),
    ]
    if clients:
        parts += [
            section("header-rows", header_rows(data, clients)),
            section("npm-temperature", npm_temperature(clients)),
            section("node-note", node_note(clients)),
            section("node-runs-ts", node_runs_ts(clients)),
            section("claude-code-checked", agent_checked(clients, "claude-code")),
            section("opencode-checked", agent_checked(clients, "opencode")),
            section("clients", clients_table(data, clients)),
        ]
    return "\n".join(parts)
