"""Which snippets cannot work on which SDK line: `matrix/support.yaml`, validated.

A mark names a snippet (path under snippets/), the lines it cannot run on (labels
such as ``anthropic 1.x``) and the reason a reader sees next to the code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .lines import LINES, MATRIX_DIR, SNIPPETS, Line

SUPPORT = MATRIX_DIR / "support.yaml"


class SupportError(ValueError):
    """support.yaml is malformed; the message names the entry and the problem."""


@dataclass(frozen=True)
class Mark:
    snippet: str
    lines: tuple[Line, ...]
    reason: str

    @property
    def note_name(self) -> str:
        """File name of the page note: ``anthropic-quickstart.md``."""
        return self.snippet.removesuffix(".py").replace("/", "-") + ".md"


def load(path: Path = SUPPORT, snippets: Path = SNIPPETS) -> list[Mark]:
    """The marks in `path`; raises SupportError with a one-line reason when wrong."""
    name = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise SupportError(f"{name}: cannot read it ({exc})".splitlines()[0]) from None
    if not isinstance(data, dict) or not isinstance(data.get("marks", []), list):
        raise SupportError(f"{name}: expected a mapping with a `marks:` list")
    by_label = {line.label: line for line in LINES}
    marks, seen = [], set()
    for index, entry in enumerate(data.get("marks") or [], start=1):
        where = f"{name}: mark {index}"
        if not isinstance(entry, dict) or set(entry) != {"snippet", "lines", "reason"}:
            raise SupportError(f"{where}: needs exactly snippet, lines and reason")
        snippet, labels, reason = entry["snippet"], entry["lines"], entry["reason"]
        if not isinstance(snippet, str) or not (snippets / snippet).is_file():
            raise SupportError(f"{where}: no snippet {snippet!r} under snippets/")
        if not isinstance(reason, str) or not reason.strip():
            raise SupportError(f"{where}: reason must be a non-empty string")
        if not isinstance(labels, list) or not labels:
            raise SupportError(f"{where}: lines must be a non-empty list")
        unknown = [label for label in labels if label not in by_label]
        if unknown:
            known = ", ".join(by_label)
            raise SupportError(f"{where}: unknown lines {unknown} (known: {known})")
        if snippet in seen:
            raise SupportError(f"{where}: {snippet} is marked twice; use one entry")
        seen.add(snippet)
        marks.append(Mark(snippet, tuple(by_label[label] for label in labels), reason))
    return marks


def mark_for(marks: list[Mark], snippet: str, line: Line) -> Mark | None:
    for mark in marks:
        if mark.snippet == snippet and line in mark.lines:
            return mark
    return None
