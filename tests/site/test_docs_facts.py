"""Pages render gateway facts from the profile instead of typing them.

A catalog model id typed into a page's Markdown (outside a `--8<--` include) is a
fact stated twice: when the catalog or a per-model behaviour changes, the profile, the
mock and the tables move and the sentence does not. Pages include the named sections of
the generated snippets/tables/facts.md instead. The ids are taken from the profile, so
a model added to the catalog is covered without touching this test.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ezrouter_mock.profile import load_profile
from tools import tables

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
FACTS = ROOT / "snippets" / "tables" / "facts.md"
_INCLUDE = re.compile(r"""^\s*-{1,}8<-{1,}\s+["']([^"']+)["']\s*$""")
_SECTION = re.compile(r"--8<-- \[start:([\w-]+)\]")


def catalog_ids() -> list[str]:
    return [m.id for m in load_profile().models]


def prose(page: Path) -> list[tuple[int, str]]:
    """(line number, text) of a page's own words: include lines left out. Notebooks
    contribute their Markdown cells (their code cells are snippets)."""
    if page.suffix == ".ipynb":
        cells = json.loads(page.read_text(encoding="utf-8"))["cells"]
        lines = [
            "".join(c["source"]) for c in cells if c.get("cell_type") == "markdown"
        ]
        text = "\n".join(lines)
    else:
        text = page.read_text(encoding="utf-8")
    return [
        (n, line)
        for n, line in enumerate(text.splitlines(), 1)
        if not _INCLUDE.match(line)
    ]


def typed_ids(lines: list[tuple[int, str]], ids: list[str]) -> list[str]:
    """'line N: id' for every catalog id that occurs as a word in these lines."""
    found = []
    for model_id in ids:
        pattern = re.compile(rf"(?<![\w.-]){re.escape(model_id)}(?![\w-]|\.\d)")
        found += [f"line {n}: {model_id}" for n, line in lines if pattern.search(line)]
    return found


PAGES = sorted([*DOCS.rglob("*.md"), *DOCS.rglob("*.ipynb")])


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_no_catalog_id_typed_into_a_page(page):
    found = typed_ids(prose(page), catalog_ids())
    assert not found, (
        f"{page.relative_to(ROOT)} types catalog model ids into its prose: {found}; "
        "include a section of tables/facts.md instead"
    )


def test_the_check_catches_a_typed_id_and_spares_an_include(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "Use the model below.\n"
        '--8<-- "tables/facts.md:openai-tool-call-deltas-works"\n'
        "Or glm-5.1, which also caches.\n"
        "Not an id: glm-5.10 or my-glm-5.1x.\n",
        encoding="utf-8",
    )
    assert typed_ids(prose(page), catalog_ids()) == ["line 3: glm-5.1"]


def test_every_facts_section_a_page_includes_exists():
    sections = set(_SECTION.findall(FACTS.read_text(encoding="utf-8")))
    wanted = []
    for page in DOCS.rglob("*.md"):
        for line in page.read_text(encoding="utf-8").splitlines():
            m = _INCLUDE.match(line)
            if m and m.group(1).startswith("tables/facts.md:"):
                wanted.append((page.name, m.group(1).split(":", 1)[1]))
    assert wanted, "no page includes a section of tables/facts.md"
    missing = [w for w in wanted if w[1] not in sections]
    assert not missing, f"pages include facts.md sections that do not exist: {missing}"


def test_facts_name_every_catalog_model():
    text = tables.facts(load_profile())
    catalog = text.split("[start:catalog]", 1)[1].split("[end:catalog]", 1)[0]
    assert all(f"`{i}`" in catalog for i in catalog_ids())
