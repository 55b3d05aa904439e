"""Pages and snippets stay in step: no code typed into a page, no snippet left unused.

Every fenced block in docs/ must consist only of `--8<--` includes (so the test suite
runs what readers see), every file under snippets/ must be included by some page (so
nothing tested goes unseen and nothing unseen lingers), and an include of a file that
does not exist must break `mkdocs build --strict` rather than render an empty block.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"

_FENCE_OPEN = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_INCLUDE = re.compile(r"""^\s*-{1,}8<-{1,}\s+(?P<q>["'])(?P<target>[^"']+)(?P=q)\s*$""")
_BLOCK_INCLUDE = re.compile(r"^\s*-{1,}8<-{1,}\s*$")


@dataclass(frozen=True)
class Fence:
    page: Path
    line: int
    body: list[str]


def pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md")) if DOCS.is_dir() else []


def fences(page: Path) -> list[Fence]:
    """Fenced code blocks of a page, including ones nested in tabs or admonitions."""
    found: list[Fence] = []
    lines = page.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        m = _FENCE_OPEN.match(lines[i])
        if not m:
            i += 1
            continue
        fence, start = m.group("fence"), i
        close = re.compile(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        body: list[str] = []
        i += 1
        while i < len(lines) and not close.match(lines[i]):
            body.append(lines[i])
            i += 1
        found.append(Fence(page, start + 1, body))
        i += 1
    return found


def include_targets(lines: list[str]) -> list[str]:
    """Snippet paths named by `--8<--` lines (single-line and block forms)."""
    targets: list[str] = []
    in_block = False
    for line in lines:
        if _BLOCK_INCLUDE.match(line):
            in_block = not in_block
            continue
        if in_block:
            if line.strip() and not line.strip().startswith(";"):
                targets.append(line.strip())
            continue
        m = _INCLUDE.match(line)
        if m:
            targets.append(m.group("target"))
    # `file.py:3:8` (lines) and `file.md:section` name the same file.
    return [t.split(":", 1)[0] for t in targets]


def is_include_only(fence: Fence) -> bool:
    body = [line for line in fence.body if line.strip()]
    if not body:
        return False
    in_block = False
    for line in body:
        if _BLOCK_INCLUDE.match(line):
            in_block = not in_block
        elif not in_block and not _INCLUDE.match(line):
            return False
    return True


def included_snippets() -> dict[str, list[str]]:
    """snippet path (relative to snippets/) -> pages that include it."""
    used: dict[str, list[str]] = {}
    for page in pages():
        lines = page.read_text(encoding="utf-8").splitlines()
        for target in include_targets(lines):
            used.setdefault(target, []).append(page.relative_to(DOCS).as_posix())
    # A notebook page names its jupytext source (see tools.notebooks).
    for notebook in sorted(DOCS.rglob("*.ipynb")) if DOCS.is_dir() else []:
        meta = json.loads(notebook.read_text(encoding="utf-8")).get("metadata", {})
        if meta.get("ezrouter_source"):
            used.setdefault(meta["ezrouter_source"], []).append(
                notebook.relative_to(DOCS).as_posix()
            )
    return used


def snippet_files() -> list[str]:
    if not SNIPPETS.is_dir():
        return []
    return sorted(
        p.relative_to(SNIPPETS).as_posix()
        for p in SNIPPETS.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )


def test_every_code_block_is_a_snippet_include():
    inline = [
        f"{f.page.relative_to(ROOT)}:{f.line}"
        for page in pages()
        for f in fences(page)
        if not is_include_only(f)
    ]
    assert not inline, (
        "code typed into a page; move it to snippets/ and include it with "
        '--8<-- "area/name.py":\n  ' + "\n  ".join(inline)
    )


def test_every_snippet_is_included_by_a_page():
    used = included_snippets()
    unused = [s for s in snippet_files() if s not in used]
    assert not unused, "snippets no page includes:\n  " + "\n  ".join(unused)


def test_every_include_names_an_existing_snippet():
    missing = [
        f"{target} (in {', '.join(sorted(set(where)))})"
        for target, where in sorted(included_snippets().items())
        if not (SNIPPETS / target).is_file()
    ]
    assert not missing, "includes of files not in snippets/:\n  " + "\n  ".join(missing)


def test_missing_include_fails_the_strict_build(tmp_path: Path):
    """check_paths must be on: a page including a missing file may not build."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(
        '# Broken\n\n```python {title="gone.py"}\n--8<-- "no/such/snippet.py"\n```\n'
    )
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"docs_dir: {docs}\n"
        f"site_dir: {tmp_path / 'site'}\n"
        "hooks: []\n"  # hook and watch paths are relative to the real config's folder
        "watch: []\n"
        "nav:\n  - Broken: index.md\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode != 0, "a missing snippet include built without error"
    assert "no/such/snippet.py" in done.stdout + done.stderr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('```python {title="a.py"}\n--8<-- "a/b.py"\n```\n', True),
        ('    ```bash\n    --8<-- "curl/x.sh"\n    ```\n', True),
        ("```python\nprint('typed by hand')\n```\n", False),
        ('```python\n--8<-- "a/b.py"\nprint("extra")\n```\n', False),
        ("```text\n```\n", False),
    ],
)
def test_fence_classification(tmp_path: Path, text: str, expected: bool):
    """The detector itself: includes pass, anything typed by hand does not."""
    page = tmp_path / "page.md"
    page.write_text(text)
    (fence,) = fences(page)
    assert is_include_only(fence) is expected
