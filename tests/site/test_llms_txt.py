"""/llms.txt and the Markdown copies of each page (tools/llms_txt.py).

Coding agents read these instead of the HTML, so they must be complete: every nav page
listed with a description, every page copied, and every snippet include expanded to the
exact file it names (code and generated tables inline, nothing left as `--8<--`).
"""

from __future__ import annotations

import importlib.util
import json
import re
from urllib.parse import urlsplit

import pytest
from support.built_site import DOCS, ROOT, SNIPPETS, _load_config

_spec = importlib.util.spec_from_file_location(
    "llms_txt_hook", ROOT / "tools" / "llms_txt.py"
)
hook = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hook)

ENTRY = re.compile(r"^- \[(?P<title>[^\]]+)\]\((?P<url>[^)\s]+)\)(?:: (?P<desc>.+))?$")
# An include line (`--8<-- "file"`) or a block-include delimiter left unexpanded.
INCLUDE = re.compile(r"""^\s*-+8<-+(\s+(["']?)[^\s"']+\2)?\s*$""")
WHOLE_FILE_INCLUDE = re.compile(r"""^\s*-+8<-+\s+(["'])(?P<path>[^"':]+)\1\s*$""")


@pytest.fixture(scope="module")
def config():
    return _load_config()


def source_pages() -> list[str]:
    """Every page source under docs/, as src_uri ("guides/thinking.md")."""
    return sorted(
        p.relative_to(DOCS).as_posix()
        for p in DOCS.rglob("*")
        if p.suffix in (".md", ".ipynb") and ".ipynb_checkpoints" not in p.parts
    )


def nav_pages(nav) -> list[str]:
    """The src_uri of every page in mkdocs.yml's nav (every page when nav is unset)."""
    if nav is None:
        return source_pages()
    found = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found += nav_pages(value)
        elif "://" not in value:
            found.append(value)
    return found


def llms_entries(site) -> list[re.Match]:
    lines = (site.dir / "llms.txt").read_text(encoding="utf-8").splitlines()
    return [m for m in map(ENTRY.match, lines) if m]


def test_llms_txt_has_title_and_summary(site, config):
    lines = (site.dir / "llms.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"# {config.site_name}"
    assert any(line.startswith("> ") and len(line) > 10 for line in lines[1:4]), (
        "llms.txt needs a one-line '> summary' under the title (set site_description)"
    )


def test_every_nav_page_is_listed_with_a_description(site, config):
    entries = llms_entries(site)
    listed = {urlsplit(m["url"]).path.lstrip("/") for m in entries}
    prefix = urlsplit(config.site_url or "/").path.lstrip("/")
    listed = {p[len(prefix) :] if p.startswith(prefix) else p for p in listed}
    missing = [p for p in nav_pages(config.nav) if hook.copy_path(p) not in listed]
    assert not missing, f"nav pages missing from llms.txt: {missing}"
    no_desc = [m["title"] for m in entries if not (m["desc"] or "").strip()]
    assert not no_desc, f"llms.txt entries without a description: {no_desc}"


def test_every_llms_txt_link_is_a_published_copy(site, config):
    base = urlsplit(config.site_url or "/").path
    broken = []
    for m in llms_entries(site):
        path = urlsplit(m["url"]).path
        rel = path[len(base) :] if path.startswith(base) else path.lstrip("/")
        if not (site.dir / rel).is_file():
            broken.append(m["url"])
    assert not broken, f"llms.txt links to files that were not built: {broken}"


def test_every_page_has_a_markdown_copy_with_includes_expanded(site):
    problems = []
    for src in source_pages():
        copy = site.dir / hook.copy_path(src)
        if not copy.is_file():
            problems.append(f"{src}: no copy at /{hook.copy_path(src)}")
            continue
        text = copy.read_text(encoding="utf-8")
        left = [line for line in text.splitlines() if INCLUDE.match(line)]
        if left:
            problems.append(f"{src}: unexpanded includes {left}")
        if len(text.strip()) < 20:
            problems.append(f"{src}: copy is empty")
    assert not problems, "\n".join(problems)


def test_copies_inline_the_exact_snippet_files(site):
    """Each whole-file include shows up in the copy line for line (code and tables)."""
    problems = []
    checked = 0
    for src in source_pages():
        if not src.endswith(".md"):
            continue
        page = (DOCS / src).read_text(encoding="utf-8")
        copy_lines = {
            line.strip()
            for line in (site.dir / hook.copy_path(src)).read_text("utf-8").splitlines()
        }
        for line in page.splitlines():
            m = WHOLE_FILE_INCLUDE.match(line)
            if not m or not (SNIPPETS / m["path"]).is_file():
                continue
            checked += 1
            snippet = (SNIPPETS / m["path"]).read_text(encoding="utf-8").splitlines()
            absent = [s for s in snippet if s.strip() and s.strip() not in copy_lines]
            if absent:
                problems.append(f"{src}: {m['path']} not inlined, e.g. {absent[0]!r}")
    assert checked, "no page includes a snippet file"
    assert not problems, "\n".join(problems)


LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")
FENCE = re.compile(r"^([ \t]*)(```|~~~).*?^\1\2", re.M | re.S)


def test_relative_links_in_copies_resolve(site):
    """Links between pages point at .md sources, so in the copies they reach copies."""
    broken = []
    for src in source_pages():
        copy = site.dir / hook.copy_path(src)
        text = FENCE.sub("", copy.read_text(encoding="utf-8"))
        for m in LINK.finditer(re.sub(r"`[^`\n]+`", "", text)):  # prose only
            target = m["target"].split("#")[0]
            if not target or re.match(r"^[a-z][a-z0-9+.-]*:", target):
                continue  # an anchor on the same page, or an absolute URL
            if not (copy.parent / target).exists():
                broken.append(f"{hook.copy_path(src)}: {m['target']}")
    assert not broken, "links in Markdown copies that lead nowhere:\n" + "\n".join(
        broken
    )


def test_notebook_copies_keep_their_outputs(site):
    notebooks = [s for s in source_pages() if s.endswith(".ipynb")]
    if not notebooks:
        pytest.skip(
            "no notebook under docs/ yet (GUIDES-1 adds quickstart/notebook.ipynb)"
        )
    for src in notebooks:
        nb = json.loads((DOCS / src).read_text(encoding="utf-8"))
        copy = (site.dir / hook.copy_path(src)).read_text(encoding="utf-8")
        for cell in nb["cells"]:
            for out in cell.get("outputs", []):
                text = out.get("text") or out.get("data", {}).get("text/plain", "")
                for line in (
                    "".join(text) if isinstance(text, list) else text
                ).splitlines():
                    assert line.strip() in copy, f"{src}: output line {line!r} missing"


def test_first_sentence_makes_a_one_line_description():
    text = (
        "# Title\n\n!!! note\n    aside\n\nSee the [guide](x.md) for **more**. Then.\n"
    )
    assert hook._first_sentence(text) == "See the guide for more."
    assert hook._first_sentence("# Only a title\n") == ""
    assert hook.copy_path("guides/thinking.md") == "guides/thinking.md"
    assert hook.copy_path("quickstart/notebook.ipynb") == "quickstart/notebook.md"
