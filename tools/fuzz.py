"""Property-based fuzzing of the mock's own surfaces, from the vendored request schemas.

Hypothesis draws requests for every operation the mock serves (chat and count_tokens
on the Anthropic surface, chat on the OpenAI surface, both model lists) from the
upstream request schemas vendored beside each wire format: valid bodies (a catalog
model, a small ``max_tokens``) and the same bodies mutated (a field set to a value of
the wrong type or range, deleted, or added; a broken JSON text; a missing key). Every
answer must be below 500, carry a request id, and, when it is an error, be ezrouter's
envelope ``{"error": {"code", "message", "type"}}`` with the request id in the message.
The server must still answer a plain request afterwards.

    python -m tools.fuzz                      # 50,000 cases against a fresh mock
    python -m tools.fuzz --cases 2000 --seed 7
    python -m tools.fuzz --gateway http://127.0.0.1:8080 --key sk-...

hypothesis-jsonschema is not used: it does not run on current Hypothesis, and on the
Anthropic schema (30 KB of nested unions) it spends minutes before a first example.
The strategies below follow the schema's types, enums, bounds and required fields,
stop following ``$ref`` after a few levels, and keep every size small, which is what
a fast fuzz pass needs.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources

import httpx
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

#: (surface package, operation in request_schemas.json, method, path)
OPERATIONS = [
    ("anthropic", "messages", "POST", "/anthropic/v1/messages"),
    ("anthropic", "count_tokens", "POST", "/anthropic/v1/messages/count_tokens"),
    ("anthropic", "models", "GET", "/anthropic/v1/models"),
    ("openai", "chat_completions", "POST", "/v1/chat/completions"),
    ("openai", "models", "GET", "/v1/models"),
]
MAX_REF_DEPTH = 8  # $ref levels followed (a recursive one only once)
OPTIONAL_DEPTH = 4  # deeper than this, objects get their required fields only
MAX_ITEMS = 3
MAX_TEXT = 24
ODD_VALUES = [
    None,
    True,
    -1,
    0,
    1.5,
    10**30,
    1e308,
    "",
    "x",
    "\u00e9\u2603",
    [],
    [None],
    {},
    {"type": "bogus"},
    "[" * 200 + "]" * 200,
]
TEXT = st.text(
    alphabet=st.sampled_from("abc xyz\u00e9{}[]\"'\\0123"),
    min_size=1,
    max_size=MAX_TEXT,
)


def load_document(surface: str) -> dict:
    """The vendored request schemas of one wire format (what the mock checks)."""
    package = f"ezrouter_mock.mock.wire.{surface}"
    text = resources.files(package).joinpath("request_schemas.json").read_text("utf-8")
    return json.loads(text)


class SchemaStrategies:
    """Hypothesis strategies for the values one schema document allows."""

    def __init__(self, components: dict):
        self.components = components

    def of(self, schema: object, refs: tuple = ()) -> st.SearchStrategy:
        """Values of ``schema``; ``refs``: the ``$ref`` names followed to get here."""
        if schema is True or schema == {} or not isinstance(schema, dict):
            return st.one_of(st.none(), st.booleans(), st.integers(-5, 5), TEXT)
        ref = schema.get("$ref")
        if isinstance(ref, str):
            name = ref.rsplit("/", 1)[1]
            if name in refs or len(refs) >= MAX_REF_DEPTH:
                return st.just({})
            return self.of(self.components[name], (*refs, name))
        if "const" in schema:
            return st.just(schema["const"])
        if isinstance(schema.get("enum"), list) and schema["enum"]:
            return st.sampled_from(schema["enum"])
        for key in ("anyOf", "oneOf"):
            if isinstance(schema.get(key), list) and schema[key]:
                return st.one_of([self.of(s, refs) for s in schema[key]])
        if isinstance(schema.get("allOf"), list) and schema["allOf"]:
            merged: dict = {"properties": {}, "required": []}
            for part in schema["allOf"]:
                while isinstance(part, dict) and "$ref" in part:
                    part = self.components[part["$ref"].rsplit("/", 1)[1]]
                if isinstance(part, dict):
                    merged["properties"].update(part.get("properties", {}))
                    merged["required"] += part.get("required", [])
                    merged.setdefault("type", part.get("type"))
            return self.of(merged, refs)
        kind = schema.get("type")
        if isinstance(kind, list):
            return st.one_of([self.of({**schema, "type": k}, refs) for k in kind])
        if kind == "object" or "properties" in schema:
            return self._object(schema, refs)
        if kind == "array":
            low = min(schema.get("minItems", 0), MAX_ITEMS)
            high = max(low, min(schema.get("maxItems", MAX_ITEMS), MAX_ITEMS))
            return st.lists(
                self.of(schema.get("items", {}), refs), min_size=low, max_size=high
            )
        if kind == "string":
            if isinstance(schema.get("pattern"), str):
                return st.from_regex(schema["pattern"], fullmatch=True)
            low = min(schema.get("minLength", 0), MAX_TEXT)
            return TEXT.filter(lambda s: len(s) >= low) if low else TEXT
        if kind == "integer":
            return st.integers(*_bounds(schema, integer=True))
        if kind == "number":
            low, high = _bounds(schema, integer=False)
            return st.floats(low, high, allow_nan=False, allow_infinity=False)
        if kind == "boolean":
            return st.booleans()
        if kind == "null":
            return st.none()
        return self.of(True)

    def _object(self, schema: dict, refs: int) -> st.SearchStrategy:
        props = schema.get("properties") or {}
        required = [r for r in schema.get("required", []) if r in props]
        optional = {} if len(refs) > OPTIONAL_DEPTH else props
        return st.fixed_dictionaries(
            {k: self.of(props[k], refs) for k in required},
            optional={
                k: self.of(v, refs) for k, v in optional.items() if k not in required
            },
        )


def _bounds(schema: dict, integer: bool) -> tuple:
    low = schema.get("minimum", schema.get("exclusiveMinimum"))
    high = schema.get("maximum", schema.get("exclusiveMaximum"))
    if integer:
        low = -(10**6) if low is None else int(low)
        high = 10**6 if high is None else int(high)
    return low, high


@dataclass
class Case:
    operation: str
    method: str
    path: str
    kind: str  # valid | mutated | raw | no-key
    body: object = None  # a JSON value, or bytes sent as they are
    query: dict = field(default_factory=dict)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


@st.composite
def _mutated(draw, body: dict) -> object:
    body = json.loads(json.dumps(body))
    where = draw(st.sampled_from(list(_paths(body))[1:] or [()]))
    action = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
    if not where:
        return draw(st.sampled_from(ODD_VALUES))
    parent = body
    for key in where[:-1]:
        parent = parent[key]
    last = where[-1]
    if action == "delete" and isinstance(parent, dict):
        del parent[last]
    elif action == "add" and isinstance(parent, dict):
        parent["zz_" + draw(st.sampled_from("abc"))] = draw(st.sampled_from(ODD_VALUES))
    else:
        parent[last] = draw(st.sampled_from(ODD_VALUES))
    return body


RAW_BODIES = [
    b"",
    b"{",
    b"[1]",
    b'{"model": NaN}',
    b'{"a": 1e999}',
    b'{"s": "\\ud800"}',
    b"\xff\xfe",
    b"[" * 3000,
]


#: Requests one drawn scenario sends: a valid body and mutations of it.
MUTATIONS = 2


def scenarios(catalogs: dict[str, list[str]]) -> st.SearchStrategy[list[Case]]:
    """One operation's requests per draw: for a POST, a valid body, then
    :data:`MUTATIONS` mutations of it (cheap to draw, so most of the cost of a
    generated body is spent on several requests), now and then a raw body; for a
    GET, a query, sometimes without the key."""
    per_op = []
    for surface, op, method, path in OPERATIONS:
        document = load_document(surface)
        schemas = SchemaStrategies(document["components"]["schemas"])
        spec = document["operations"][op]
        if method == "GET":
            query = schemas.of(spec.get("query", {"type": "object"}))
            per_op.append(
                st.builds(
                    lambda q, kind, op=op, m=method, p=path: [
                        Case(op, m, p, kind, query={k: _text(v) for k, v in q.items()})
                    ],
                    query,
                    st.sampled_from(["valid", "no-key"]),
                )
            )
            continue
        valid = st.tuples(
            schemas.of(spec["body"]),
            st.sampled_from(catalogs[surface]),
            st.integers(1, 64),
        ).map(lambda t, op=op: _plausible(op, *t))
        per_op.append(_post_scenario(valid, op, method, path))
    return st.one_of(per_op)


@st.composite
def _post_scenario(draw, valid, op: str, method: str, path: str) -> list[Case]:
    body = draw(valid)
    out = [Case(op, method, path, "valid", body)]
    for _ in range(MUTATIONS):
        out.append(Case(op, method, path, "mutated", draw(_mutated(body))))
    if draw(st.integers(0, 9)) == 0:
        out.append(Case(op, method, path, "raw", draw(st.sampled_from(RAW_BODIES))))
    return out


def _plausible(op: str, body: dict, model: str, max_tokens: int) -> dict:
    """A generated body made likely to pass: a catalog model, a small max_tokens
    (the answer's size), and at least one message."""
    body = {**body, "model": model}
    if "max_tokens" in body or op == "messages":
        body["max_tokens"] = max_tokens
    if not body.get("messages"):
        body["messages"] = [{"role": "user", "content": "Hi"}]
    return body


def _text(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return value if isinstance(value, str) else json.dumps(value)


def send(client: httpx.Client, base: str, key: str, case: Case) -> httpx.Response:
    headers = {} if case.kind == "no-key" else {"authorization": f"Bearer {key}"}
    if case.method == "GET":
        return client.get(base + case.path, params=case.query, headers=headers)
    content = case.body if isinstance(case.body, bytes) else json.dumps(case.body)
    headers["content-type"] = "application/json"
    return client.post(base + case.path, content=content, headers=headers)


def problem(resp: httpx.Response) -> str | None:
    """What is wrong with an answer, or None: below 500, a request id, the envelope."""
    if resp.status_code >= 500:
        return f"HTTP {resp.status_code}: {resp.text[:300]}"
    request_id = resp.headers.get("x-oneapi-request-id")
    if not request_id:
        return f"HTTP {resp.status_code} without x-oneapi-request-id"
    if resp.status_code < 400:
        return None
    try:
        error = resp.json()["error"]
        assert set(error) == {"code", "message", "type"}
        assert all(isinstance(error[k], str) for k in error)
    except (ValueError, KeyError, TypeError, AssertionError):
        return f"HTTP {resp.status_code} not in the envelope: {resp.text[:300]}"
    if f"(request id: {request_id})" not in error["message"]:
        return f"HTTP {resp.status_code} message lacks the request id: {error}"
    return None


@dataclass
class Report:
    cases: int = 0
    seconds: float = 0.0
    statuses: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)
    operations: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    still_serving: bool = False

    def summary(self) -> str:
        rate = self.cases / self.seconds if self.seconds else 0.0
        lines = [
            f"cases: {self.cases} in {self.seconds:.1f} s ({rate:.0f}/s)",
            "statuses: "
            + ", ".join(f"{k}={v}" for k, v in sorted(self.statuses.items(), key=str)),
            "kinds: " + ", ".join(f"{k}={v}" for k, v in sorted(self.kinds.items())),
            "operations: "
            + ", ".join(f"{k}={v}" for k, v in sorted(self.operations.items())),
            f"failures: {len(self.failures)}",
            f"still serving afterwards: {'yes' if self.still_serving else 'NO'}",
        ]
        lines += [f"  {f}" for f in self.failures[:20]]
        return "\n".join(lines)


def catalogs_of(client: httpx.Client, base: str, key: str) -> dict[str, list[str]]:
    auth = {"authorization": f"Bearer {key}"}
    openai = client.get(base + "/v1/models", headers=auth).json()["data"]
    anthropic = client.get(base + "/anthropic/v1/models", headers=auth).json()["data"]
    return {
        "openai": [m["id"] for m in openai],
        "anthropic": [m["id"] for m in anthropic],
    }


class _Enough(Exception):
    """Raised to end the Hypothesis run once ``count`` requests have been sent."""


def run(base: str, key: str, count: int, seed_value: int = 0) -> Report:
    """Send ``count`` generated cases over one keep-alive connection; never raises
    for a bad answer (the report lists each), so a campaign sees all of them."""
    report = Report()
    with httpx.Client(timeout=30) as client:
        strategy = scenarios(catalogs_of(client, base, key))

        @seed(seed_value)
        @settings(
            max_examples=count,  # more than needed: it stops at count requests
            database=None,
            deadline=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(strategy)
        def one(drawn: list[Case]) -> None:
            for case in drawn[: count - report.cases]:
                check(case)
            if report.cases >= count:
                raise _Enough

        def check(case: Case) -> None:
            report.cases += 1
            report.kinds[case.kind] += 1
            report.operations[case.operation] += 1
            try:
                resp = send(client, base, key, case)
            except httpx.TransportError as exc:  # a reset or a stall is a finding too
                report.statuses["no answer"] += 1
                found = f"no answer: {exc!r}"
            else:
                report.statuses[resp.status_code] += 1
                found = problem(resp)
            if found:
                body = (
                    case.body if isinstance(case.body, bytes) else json.dumps(case.body)
                )
                report.failures.append(
                    f"{case.method} {case.path} {case.kind} {str(body)[:200]}: {found}"
                )

        start = time.perf_counter()
        try:
            one()
        except _Enough:
            pass
        report.seconds = time.perf_counter() - start
        plain = {
            "model": "claude-sonnet-4-6",
            "max_tokens": 16,
            "messages": [{"role": "user", "content": "Hi"}],
        }
        after = client.post(
            base + "/anthropic/v1/messages",
            json=plain,
            headers={"authorization": f"Bearer {key}"},
        )
        report.still_serving = after.status_code == 200
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.fuzz",
        description="Fuzz the mock's surfaces with requests generated from the "
        "vendored upstream request schemas; print the counts; exit 1 on any 5xx, "
        "missing envelope or request id, or if the server stops answering.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--cases", type=int, default=50_000, help="requests to send")
    parser.add_argument("--seed", type=int, default=0, help="Hypothesis seed")
    parser.add_argument(
        "--gateway",
        help="root URL of a running mock (default: start a fresh one in-process)",
    )
    parser.add_argument(
        "--key", help="API key for --gateway (default: $EZROUTER_API_KEY)"
    )
    args = parser.parse_args(argv)
    if args.cases < 1:
        parser.error("--cases must be at least 1")
    if args.gateway:
        import os

        key = args.key or os.environ.get("EZROUTER_API_KEY", "")
        try:
            report = run(args.gateway.rstrip("/"), key, args.cases, args.seed)
        except (httpx.HTTPError, ValueError, KeyError) as exc:
            print(
                f"fuzz: cannot use the gateway at {args.gateway}: {exc!r}",
                file=sys.stderr,
            )
            return 2
    else:
        from ezrouter_mock.mock.http.server import MockServer

        with MockServer() as mock:
            report = run(mock.root_url, mock.key, args.cases, args.seed)
    print(report.summary())
    return 0 if not report.failures and report.still_serving else 1


if __name__ == "__main__":
    sys.exit(main())
