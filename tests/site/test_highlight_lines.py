"""Highlighted lines (`hl_lines`) still point at code after snippets change.

Refreshing `#>` output inserts and removes lines, which silently moves a highlight
onto a comment, an output line or past the end of the file. Each `hl_lines` number
of an include fence must name a line of the included snippet that holds code.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"

_FENCE = re.compile(r'^\s*`{3,}\w+\s*\{[^}]*hl_lines="(?P<lines>[^"]+)"[^}]*\}\s*$')
_INCLUDE = re.compile(r'^\s*-{1,}8<-{1,}\s+"(?P<target>[^"]+)"\s*$')


def highlighted_includes() -> list[tuple[str, str, list[int]]]:
    """(page, snippet path, highlighted line numbers) for each fence that has both."""
    found = []
    for page in sorted(DOCS.rglob("*.md")):
        lines = page.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines[:-1]):
            fence = _FENCE.match(line)
            include = _INCLUDE.match(lines[i + 1])
            if fence and include:
                numbers = []
                for part in fence["lines"].split():
                    low, _, high = part.partition("-")
                    numbers.extend(range(int(low), int(high or low) + 1))
                rel = f"{page.relative_to(DOCS)}:{i + 1}"
                found.append((rel, include["target"], numbers))
    return found


CASES = highlighted_includes()


def test_some_pages_highlight_lines():
    assert CASES, "no include fence with hl_lines found; is the pattern stale?"


@pytest.mark.parametrize(
    ("where", "target", "numbers"), CASES, ids=[c[0] for c in CASES]
)
def test_highlights_point_at_code(where: str, target: str, numbers: list[int]):
    snippet = (SNIPPETS / target).read_text(encoding="utf-8").splitlines()
    bad = []
    for n in numbers:
        text = snippet[n - 1].strip() if 0 < n <= len(snippet) else None
        if text is None:
            bad.append(f"{n}: past the end ({len(snippet)} lines)")
        elif not text or text.startswith(("#>", "//>")):
            bad.append(f"{n}: {'blank' if not text else 'output'} line {text!r}")
    assert not bad, f"{where} highlights {target} badly:\n  " + "\n  ".join(bad)
