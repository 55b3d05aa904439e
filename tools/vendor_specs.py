"""Vendor the request schemas the mock validates against, from the OpenAPI specs.

The installed package never reads ``../shared`` at run time, so the request schemas
of the operations the mock serves (bodies, and query parameters where a spec has
them) are cut out of the upstream OpenAPI specs, with every ``components.schemas``
entry they reference, and stored beside each wire format as JSON. A test runs
``--check``, so a vendored copy cannot drift from its spec unnoticed.

    python -m tools.vendor_specs            # rewrite the vendored files
    python -m tools.vendor_specs --check    # exit 1 and name the stale files
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SPECS = REPO.parent / "shared" / "specs"
WIRE = REPO / "src" / "ezrouter_mock" / "mock" / "wire"
FILENAME = "request_schemas.json"

#: surface -> (spec file, {operation: (path, method)}); the names are what the
#: surface asks the validator for.
OPERATIONS: dict[str, tuple[str, dict[str, tuple[str, str]]]] = {
    "anthropic": (
        "anthropic-openapi.json",
        {
            "messages": ("/v1/messages", "post"),
            "messages_beta": ("/v1/messages?beta=true", "post"),
            "count_tokens": ("/v1/messages/count_tokens", "post"),
            "count_tokens_beta": ("/v1/messages/count_tokens?beta=true", "post"),
            "models": ("/v1/models", "get"),
        },
    ),
    "openai": (
        "openai-openapi.json",
        {
            "chat_completions": ("/chat/completions", "post"),
            "models": ("/models", "get"),
        },
    ),
}


def _referenced(spec: dict, roots: list) -> dict:
    """Every ``components.schemas`` entry reachable from ``roots``, by name."""
    schemas = spec["components"]["schemas"]
    found: dict = {}
    todo = list(roots)
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
                name = ref.rsplit("/", 1)[1]
                if name not in found:
                    found[name] = schemas[name]
                    todo.append(schemas[name])
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    return dict(sorted(found.items()))


def _operation(spec: dict, path: str, method: str) -> dict:
    """The body schema and the query-parameter schema of one operation."""
    op = spec["paths"][path][method]
    entry: dict = {}
    body = op.get("requestBody", {}).get("content", {}).get("application/json")
    if body:
        entry["body"] = body["schema"]
    query = {
        p["name"]: p["schema"] for p in op.get("parameters", []) if p["in"] == "query"
    }
    if query:
        entry["query"] = {
            "type": "object",
            "properties": query,
            "additionalProperties": True,
        }
    return entry


def render(surface: str, specs: Path = SPECS) -> str:
    """The vendored file's text for one surface (stable, so diffs stay readable)."""
    spec_file, operations = OPERATIONS[surface]
    spec = json.loads((specs / spec_file).read_text(encoding="utf-8"))
    ops = {name: _operation(spec, *where) for name, where in operations.items()}
    document = {
        "source": f"../shared/specs/{spec_file}",
        "operations": ops,
        "components": {"schemas": _referenced(spec, list(ops.values()))},
    }
    return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def target(surface: str) -> Path:
    return WIRE / surface / FILENAME


def stale(specs: Path = SPECS) -> list[Path]:
    """The vendored files that differ from what the specs give now."""
    return [
        target(s)
        for s in OPERATIONS
        if not target(s).is_file() or target(s).read_text("utf-8") != render(s, specs)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.vendor_specs",
        description="Cut the request schemas the mock validates against out of the "
        "OpenAPI specs and store them beside each wire format.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 and name each vendored file that is stale",
    )
    parser.add_argument(
        "--specs", type=Path, default=SPECS, help="folder holding the OpenAPI specs"
    )
    args = parser.parse_args(argv)
    if not args.specs.is_dir():
        print(f"vendor_specs: no specs folder at {args.specs}", file=sys.stderr)
        return 2
    if args.check:
        old = stale(args.specs)
        for path in old:
            print(f"stale: {path.relative_to(REPO)} (run python -m tools.vendor_specs)")
        return 1 if old else 0
    for surface in OPERATIONS:
        target(surface).write_text(render(surface, args.specs), encoding="utf-8")
        print(f"wrote {target(surface).relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
