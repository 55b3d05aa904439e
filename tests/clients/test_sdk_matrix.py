"""Every Python snippet under every SDK major line, and what each release does.

Each test id names the snippet and the release it ran on, e.g.
`snippets/anthropic/quickstart.py[anthropic==1.17.0]`. The releases come from the
locks in matrix/locks/ (`make matrix-lock`); with SDK_MATRIX_LATEST=1 (the
client-drift workflow) each line's newest release is installed instead. All selected
runs happen once, concurrently, in the session fixture `matrix`; each test then
judges its own run. `pytest --update-examples` (or `make matrix-record`) rewrites
matrix/client-matrix.json and the includes under snippets/matrix/ from a real run.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from tools.sdk_matrix import behaviour, drift, envs, render, session, support
from tools.sdk_matrix.envs import Env
from tools.sdk_matrix.lines import LINES, ROOT, SNIPPETS, line_named, matrix_snippets
from tools.sdk_matrix.runner import Job, Run

LATEST = os.environ.get("SDK_MATRIX_LATEST", "").strip() not in ("", "0")
DOCS = ROOT / "docs"


def _pin(line) -> str:
    if LATEST:
        return f"{line.sdk} newest {line.major}.x"
    try:
        return f"{line.sdk}=={envs.locked_version(line)}"
    except envs.EnvError:
        return line.label


PAIRS = session.all_pairs()
PAIR_IDS = [
    f"snippets/{p.relative_to(SNIPPETS).as_posix()}[{_pin(ln)}]" for p, ln in PAIRS
]


@pytest.fixture(scope="session")
def matrix(request: pytest.FixtureRequest) -> session.Results:
    """Run every selected (snippet, line) pair, and the probes when a test needs
    them, in one concurrent pass; prints the wall time it took."""
    pairs, probes = [], False
    for item in request.session.items:
        if Path(str(item.fspath)) != Path(__file__):
            continue
        name = getattr(item, "originalname", item.name)
        if name == "test_snippet_on_sdk_line":
            pairs.append(item.callspec.params["pair"])
        elif name == "test_client_matrix_data_is_fresh":
            probes = True
    started = time.monotonic()
    try:
        results = session.run(pairs, probes=LINES if probes else (), latest=LATEST)
    except envs.EnvError as exc:
        pytest.fail(f"cannot build the SDK environments: {exc}", pytrace=False)
    elapsed = time.monotonic() - started
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(
                f"\nsdk matrix: {len(pairs)} snippet runs and "
                f"{len(results.probe_runs)} probes in {len(results.envs)} "
                f"environments, {elapsed:.1f}s wall"
            )
    return results


@pytest.fixture(scope="session")
def marks() -> list[support.Mark]:
    return support.load()


@pytest.mark.parametrize("pair", PAIRS, ids=PAIR_IDS)
def test_snippet_on_sdk_line(pair, matrix: session.Results, marks):
    path, line = pair
    name = path.relative_to(SNIPPETS).as_posix()
    run = matrix.snippet_runs[(name, line.name)]
    outcome, message = session.verdict(run, support.mark_for(marks, name, line))
    if outcome == "skip":
        pytest.skip(message)
    if outcome == "fail":
        pytest.fail(message, pytrace=False)


def test_client_matrix_data_is_fresh(matrix: session.Results, request):
    """matrix/client-matrix.json is what the pinned releases do now."""
    fresh = matrix.measured()
    if request.config.getoption("update_examples") and not LATEST:
        behaviour.dump(fresh)
        render.write_all(behaviour.load(), support.load())
        return
    changed = drift.changes(behaviour.load(), fresh)
    assert not changed, (
        "the SDKs behave differently from matrix/client-matrix.json "
        "(run `make matrix-record` if this is expected):\n  " + "\n  ".join(changed)
    )


def test_matrix_includes_are_fresh():
    stale = render.stale(behaviour.load(), support.load())
    assert not stale, (
        f"stale files under snippets/matrix/: {stale}: run `make matrix-record`"
    )


def test_every_line_is_recorded():
    data = behaviour.load()
    assert sorted(data.get("lines", {})) == sorted(line.name for line in LINES)
    for line in LINES:
        if not LATEST:
            assert data["lines"][line.name]["version"] == envs.locked_version(line)


def _includes(page: Path) -> list[str]:
    return re.findall(r'--8<-- "([^"]+)"', page.read_text(encoding="utf-8"))


def test_pages_show_each_mark_next_to_the_code(marks):
    """A page that includes a marked snippet includes its note right after it."""
    problems = []
    for mark in marks:
        note = f"matrix/{render.NOTES}/{mark.note_name}"
        for page in sorted(DOCS.rglob("*.md")):
            included = _includes(page)
            for index, target in enumerate(included):
                if (
                    target == mark.snippet
                    and note not in included[index + 1 : index + 2]
                ):
                    problems.append(
                        f"{page.relative_to(ROOT)}: {target} without {note}"
                    )
    assert not problems, "\n".join(problems)


def test_tested_with_page_is_in_the_nav():
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "reference/tested-with.md" in nav
    assert "matrix/tested-with.md" in _includes(DOCS / "reference" / "tested-with.md")


# -- the machinery itself, on made-up runs and records ----------------------------

SOME_SNIPPET = sorted(SNIPPETS.glob("anthropic/*.py"))[0]


def _run(source: str, prints=(), error=None) -> Run:
    env = Env(line_named("anthropic-1"), Path("python"), "1.17.0")
    return Run(
        env,
        Job(SOME_SNIPPET),
        source,
        "http://127.0.0.1:9",
        "3.11",
        list(prints),
        error,
    )


ONE_PRINT = [{"line": 1, "sep": " ", "args": [{"data": "1", "is_str": False}]}]
FAILED = {"type": "builtins.TypeError", "message": "no temperature"}


@pytest.mark.parametrize(
    ("run", "marked", "outcome", "says"),
    [
        (_run("print(1)\n#> 1\n", ONE_PRINT), False, "pass", ""),
        (_run("print(1)\n#> 2\n", ONE_PRINT), False, "fail", "printed something else"),
        (_run("x = 1\n", error=FAILED), False, "fail", "[anthropic==1.17.0] failed"),
        (_run("x = 1\n", error=FAILED), True, "skip", "the reason"),
        (_run("print(1)\n#> 1\n", ONE_PRINT), True, "fail", "remove the mark"),
    ],
    ids=["matches", "other-output", "fails", "marked-fails", "marked-but-works"],
)
def test_verdict(run, marked, outcome, says):
    name = SOME_SNIPPET.relative_to(SNIPPETS).as_posix()
    mark = support.Mark(name, (run.env.line,), "the reason") if marked else None
    got, message = session.verdict(run, mark)
    assert got == outcome
    assert says in message
    if outcome == "fail":
        assert f"snippets/{name}[anthropic==1.17.0]" in message


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("marks: [1]", "needs exactly snippet, lines and reason"),
        (
            "marks:\n- {snippet: no/such.py, lines: [openai 3.x], reason: x}",
            "no snippet",
        ),
        (
            "marks:\n- {snippet: openai/quickstart.py, lines: [openai 9.x], reason: x}",
            "unknown lines ['openai 9.x']",
        ),
        (
            "marks:\n- {snippet: openai/quickstart.py, lines: [], reason: x}",
            "non-empty",
        ),
        ("marks: {}", "expected a mapping with a `marks:` list"),
        ("marks: [", "cannot read it"),
    ],
    ids=[
        "not-a-mapping",
        "no-snippet",
        "unknown-line",
        "no-lines",
        "no-list",
        "bad-yaml",
    ],
)
def test_bad_support_file_gets_one_line_error(tmp_path, text, error):
    path = tmp_path / "support.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(support.SupportError) as caught:
        support.load(path)
    assert error in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_mark_renders_a_note_and_a_row():
    mark = support.Mark("openai/quickstart.py", (line_named("openai-1"),), "Because.")
    files = render.render_all(behaviour.load(), [mark])
    assert (
        'Does not run on openai 1.x"\n    Because.'
        in files["notes/openai-quickstart.md"]
    )
    assert (
        "| `openai/quickstart.py` | openai 1.x | Because. |" in files["tested-with.md"]
    )
    total = sum(1 for _, sdk in matrix_snippets() if sdk == "openai")
    row = f"| `openai` 1.x | `{behaviour.load()['lines']['openai-1']['version']}` | "
    assert f"{row}{total - 1} of {total} |" in files["tested-with.md"]


def test_drift_names_new_headers_removed_parameters_and_new_exceptions():
    old = behaviour.load()
    new = {
        "python": old["python"],
        "lines": {k: dict(v) for k, v in old["lines"].items()},
    }
    entry = new["lines"]["anthropic-2"]
    entry["version"] = "2.99.0"
    entry["headers"] = [*entry["headers"], "x-new-header"]
    entry["create_parameters"] = [
        p for p in entry["create_parameters"] if p != "system"
    ]
    entry["exceptions"] = [*entry["exceptions"], "ShinyNewError"]
    entry["auth_header"] = "x-api-key"
    found = drift.changes(old, new)
    label = f"anthropic 2.x ({old['lines']['anthropic-2']['version']} -> 2.99.0)"
    assert f"{label}: new header `x-new-header`" in found
    assert f"{label}: removed parameter `system`" in found
    assert f"{label}: new exception `ShinyNewError`" in found
    assert f"{label}: auth header: Authorization: Bearer -> x-api-key" in found
    assert drift.changes(old, old) == []
