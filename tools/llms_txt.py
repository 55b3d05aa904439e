"""MkDocs hook: publish /llms.txt and a Markdown copy of every page.

Coding agents read Markdown far better than themed HTML, so next to each built page
(``guides/thinking/index.html``) we write the page's source as ``guides/thinking.md``,
and list every nav page in ``/llms.txt`` (https://llmstxt.org). The copies must hold
what the reader sees: snippet includes (``--8<--``) are expanded by pymdownx.snippets
itself, configured exactly as in ``mkdocs.yml``, so code and generated tables appear
inline; notebooks are flattened to Markdown with their stored outputs.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path, PurePosixPath

import markdown as md_lib

_copies: dict[str, str] = {}  # src_uri -> Markdown text of the copy
_notebooks: dict[str, str] = {}  # src_uri -> source path, published next to the copy
_nav = None


def copy_path(src_uri: str) -> str:
    """Where the Markdown copy of a page lives, relative to the site root."""
    return str(PurePosixPath(src_uri).with_suffix(".md"))


def on_config(config):
    global _nav
    _copies.clear()
    _notebooks.clear()
    _nav = None


def on_nav(nav, config, files):
    global _nav
    _nav = nav
    return nav


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri.endswith(".md"):
        _copies[page.file.src_uri] = _expand_snippets(markdown, config)
    else:  # a notebook rendered by mkdocs-jupyter: `markdown` is its raw JSON
        _copies[page.file.src_uri] = _notebook_markdown(page.file.abs_src_path)
        _notebooks[page.file.src_uri] = page.file.abs_src_path
    return markdown


def on_post_build(config):
    site = Path(config.site_dir)
    for src_uri, text in _copies.items():
        target = site / copy_path(src_uri)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            text if text.endswith("\n") else text + "\n", encoding="utf-8"
        )
    for src_uri, path in _notebooks.items():  # the copy's "download" links land
        shutil.copyfile(path, site / src_uri)
    (site / "llms.txt").write_text(_llms_txt(config), encoding="utf-8")


def _expand_snippets(text: str, config) -> str:
    """Run pymdownx.snippets' own preprocessor with the site's settings."""
    ext_config = config.mdx_configs.get("pymdownx.snippets", {})
    md = md_lib.Markdown(
        extensions=["pymdownx.snippets"],
        extension_configs={"pymdownx.snippets": ext_config},
    )
    return "\n".join(md.preprocessors["snippet"].run(text.split("\n")))


def _notebook_markdown(path: str) -> str:
    """Markdown cells as they are, code cells fenced, stored text outputs after them."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    lang = nb.metadata.get("language_info", {}).get("name", "python")
    parts = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            parts.append(cell.source)
        elif cell.cell_type == "code":
            parts.append(f"```{lang}\n{cell.source}\n```")
            out = "".join(_output_text(o) for o in cell.get("outputs", []))
            if out.strip():
                parts.append(f"Output:\n\n```text\n{out.rstrip()}\n```")
    return "\n\n".join(parts)


def _output_text(output) -> str:
    if output.output_type == "stream":
        return output.text
    if output.output_type in ("execute_result", "display_data"):
        text = output.get("data", {}).get("text/plain", "")
        return text if text.endswith("\n") else text + "\n"
    if output.output_type == "error":
        return "\n".join(output.traceback) + "\n"
    return ""


def _llms_txt(config) -> str:
    lines = [f"# {config.site_name}", ""]
    if config.site_description:
        lines += [f"> {config.site_description}", ""]
    lines += [
        "Every page below is the Markdown source of the rendered page, with all code",
        "examples and tables inlined.",
        "",
    ]
    top, sections = [], []
    for item in _nav.items if _nav else []:
        if item.is_page:
            top.append(item)
        elif item.is_section:
            sections.append((item.title, list(_pages(item))))
    groups = ([("Overview", top)] if top else []) + sections
    for title, pages in groups:
        lines += [f"## {title}", ""]
        lines += [_entry(page) for page in pages]
        lines.append("")
    return "\n".join(lines)


def _pages(section):
    for child in section.children:
        if child.is_page:
            yield child
        elif child.is_section:
            yield from _pages(child)


def _entry(page) -> str:
    # Relative to /llms.txt, so the links hold wherever the site is deployed.
    url = copy_path(page.file.src_uri)
    description = page.meta.get("description") or _first_sentence(
        _copies.get(page.file.src_uri, "")
    )
    return f"- [{page.title}]({url})" + (f": {description}" if description else "")


_SKIP = re.compile(
    r"^\s*(#|!!!|\?\?\?|===|```|~~~|\||<|--8<--|-{3,}|\*{3,}|- |\* |\d+\. )"
)


def _first_sentence(text: str) -> str:
    """The first prose sentence of a page: its one-line description in llms.txt."""
    para: list[str] = []
    in_fence = False
    for line in text.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if not line.strip() or _SKIP.match(line) or line[0].isspace():
            if para:
                break
            continue
        para.append(line.strip())
    prose = " ".join(para)
    prose = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", prose)  # links -> their text
    prose = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", prose)
    prose = re.sub(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)", "", prose)
    sentence = re.split(r"(?<=[.!?])\s", prose, maxsplit=1)[0]
    if len(sentence) > 200:
        sentence = sentence[:200].rsplit(" ", 1)[0].rstrip(",;:") + " ..."
    return sentence
