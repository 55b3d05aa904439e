"""Where the repository is: found from its files, not from this module's depth."""

from __future__ import annotations

from pathlib import Path


def repo_root(start: Path | None = None) -> Path:
    """The nearest directory at or above ``start`` (default: the current directory,
    then this file) that holds mkdocs.yml and snippets/: the repository root."""
    starts = [start] if start is not None else [Path.cwd(), Path(__file__)]
    for origin in starts:
        for folder in [origin.resolve(), *origin.resolve().parents]:
            if (folder / "mkdocs.yml").is_file() and (folder / "snippets").is_dir():
                return folder
    raise SystemExit("run this from the ezrouter docs repository (no mkdocs.yml found)")
