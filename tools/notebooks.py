"""Build the docs' notebooks from their jupytext sources by running them on the mock.

The site renders the outputs stored in each `.ipynb` (mkdocs-jupyter runs with
`execute: false`), so those outputs must come from a real run, exactly like the `#>`
comments under a snippet. Each notebook has a diffable source, a jupytext percent file
under `snippets/notebooks/`; this module executes that source against a gateway with
the same swap the snippet harness uses (public URL -> gateway root, key from
`EZROUTER_API_KEY`), puts the public URL back, and writes the rendered notebook.
`tests/site/test_notebooks.py` re-runs it and compares, so a stale notebook fails
the suite.

Refresh every notebook with `make notebooks` (or `python -m tools.notebooks`). jupytext,
nbformat and nbclient are test dependencies, imported only when a notebook is built.
"""

from __future__ import annotations

import argparse
import copy
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ezrouter_mock.cli import run_module
from ezrouter_mock.snippets import snippet_env, to_gateway, to_public

from .repo import repo_root

if TYPE_CHECKING:  # test dependencies, imported when a notebook is built
    import nbformat

ROOT = repo_root(Path(__file__))
CELL_TIMEOUT = 60  # seconds per cell; mkdocs-jupyter itself sets none


@dataclass(frozen=True)
class Pair:
    """A notebook source (what we edit and diff) and its rendered page."""

    source: Path  # snippets/notebooks/<name>.py, jupytext percent format
    page: Path  # docs/<...>.ipynb, with stored outputs


# The notebook pages of the site. The page metadata also names its source, so the
# docs integrity test can count the source as included by a page.
PAIRS = (
    Pair(
        Path("snippets/notebooks/quickstart.py"),
        Path("docs/quickstart/notebook.ipynb"),
    ),
)
SOURCE_KEY = "ezrouter_source"  # notebook metadata: source path relative to snippets/


def read_source(path: Path) -> nbformat.NotebookNode:
    """The notebook described by a jupytext percent file, without outputs."""
    import jupytext

    return jupytext.read(path, fmt="py:percent")


def execute(
    notebook: nbformat.NotebookNode, root_url: str, key: str
) -> nbformat.NotebookNode:
    """Run `notebook` against the gateway at `root_url` and return the executed copy.

    Code cells run with the public URL swapped for `root_url`; the returned notebook
    shows the public URL again, in the code and in any output that echoes it.
    """
    from nbclient import NotebookClient

    run = copy.deepcopy(notebook)
    for cell in run.cells:
        if cell.cell_type == "code":
            cell.source = to_gateway(cell.source, root_url)
    client = NotebookClient(
        run,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        allow_errors=False,
        record_timing=False,
    )
    client.execute(env=snippet_env(key), cwd=str(ROOT))
    for cell in run.cells:
        if cell.cell_type != "code":
            continue
        cell.source = to_public(cell.source, root_url)
        for output in cell.get("outputs", []):
            if "text" in output:
                output.text = to_public(output.text, root_url)
            for mime, value in output.get("data", {}).items():
                if isinstance(value, str):
                    output.data[mime] = to_public(value, root_url)
    return run


def render(pair: Pair, root_url: str, key: str) -> nbformat.NotebookNode:
    """The page notebook for `pair`: its source, executed, with the pairing noted."""
    notebook = execute(read_source(ROOT / pair.source), root_url, key)
    notebook.metadata.pop("jupytext", None)  # the page is not a jupytext pair itself
    notebook.metadata[SOURCE_KEY] = pair.source.relative_to("snippets").as_posix()
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index}"  # stable ids, so a re-run changes only real outputs
    return notebook


def cell_sources(notebook: nbformat.NotebookNode) -> list[tuple[str, str]]:
    """(cell type, source) of every cell: what must agree between source and page."""
    return [(cell.cell_type, cell.source.strip()) for cell in notebook.cells]


def cell_outputs(notebook: nbformat.NotebookNode) -> list[list[tuple[str, str]]]:
    """What each code cell showed, reduced to the parts a reader sees."""
    shown = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        parts = []
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                parts.append((f"stream:{output.name}", output.text))
            elif output.output_type in ("execute_result", "display_data"):
                parts.append((output.output_type, output.data.get("text/plain", "")))
            else:  # errors: allow_errors=False means a fresh run never stores one
                parts.append((output.output_type, output.get("evalue", "")))
        shown.append(parts)
    return shown


def build_all() -> list[Path]:
    """Execute every notebook source on a fresh mock and write its page."""
    import nbformat

    from ezrouter_mock.mock.http.server import MockServer

    written = []
    with MockServer() as mock:
        for pair in PAIRS:
            notebook = render(pair, mock.root_url, mock.key)
            nbformat.validate(notebook)
            nbformat.write(notebook, ROOT / pair.page)
            written.append(pair.page)
    return written


def configure(parser: argparse.ArgumentParser) -> None:
    """No options: every notebook is rebuilt on a fresh mock."""


def main(args: argparse.Namespace) -> int:
    for page in build_all():
        print(f"wrote {page}")
    return 0


if __name__ == "__main__":
    sys.exit(run_module(sys.modules[__name__], "python -m tools.notebooks"))
