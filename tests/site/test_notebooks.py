"""The notebook pages show what their source really prints, and match that source.

mkdocs-jupyter renders the outputs stored in each docs/*.ipynb without executing it,
so this module does the executing: it runs each jupytext source on a fresh mock (base
URL swapped as for snippets) and requires the stored outputs to equal that run, the
same guarantee `#>` comments give a snippet. Fix a failure with `make notebooks`.
"""

from __future__ import annotations

import nbformat
import pytest

from tools.notebooks import (
    PAIRS,
    ROOT,
    SOURCE_KEY,
    cell_outputs,
    cell_sources,
    read_source,
    render,
)

FIX = "run `make notebooks` to rebuild it from its source"
IDS = [pair.page.name for pair in PAIRS]


@pytest.mark.parametrize("pair", PAIRS, ids=IDS)
def test_page_is_in_sync_with_its_source(pair):
    page = nbformat.read(ROOT / pair.page, as_version=4)
    source = read_source(ROOT / pair.source)
    assert cell_sources(page) == cell_sources(source), (
        f"{pair.page} differs from {pair.source}; {FIX}"
    )
    assert (
        page.metadata.get(SOURCE_KEY) == pair.source.relative_to("snippets").as_posix()
    ), f"{pair.page} does not name its source; {FIX}"


@pytest.mark.parametrize("pair", PAIRS, ids=IDS)
def test_stored_outputs_equal_a_fresh_run(pair, ezrouter_mock_fresh):
    page = nbformat.read(ROOT / pair.page, as_version=4)
    fresh = render(pair, ezrouter_mock_fresh.root_url, ezrouter_mock_fresh.key)
    fresh_outputs = cell_outputs(fresh)
    assert any(fresh_outputs), f"{pair.source} printed nothing on the mock"
    assert cell_outputs(page) == fresh_outputs, (
        f"{pair.page} shows outputs a fresh run does not produce; {FIX}"
    )


@pytest.mark.parametrize("pair", PAIRS, ids=IDS)
def test_page_is_valid_and_shows_public_urls(pair):
    page = nbformat.read(ROOT / pair.page, as_version=4)
    nbformat.validate(page)
    text = (ROOT / pair.page).read_text(encoding="utf-8")
    assert "127.0.0.1" not in text, f"{pair.page} leaks the mock's address; {FIX}"
    assert "https://www.ezrouter.dev" in text
