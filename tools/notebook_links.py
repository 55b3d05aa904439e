"""MkDocs hook: links in notebook pages work like links in Markdown pages.

MkDocs turns ``[text](../running-locally.md)`` in a Markdown page into the URL of the
built page; mkdocs-jupyter renders notebook cells itself and leaves such links as they
are, so on the site they would point at a source file. This hook resolves them the way
MkDocs does, for notebook pages only. Writing notebook links against the docs sources
also keeps them right in the Markdown copy of the page that hooks/llms_txt.py
publishes next to it.
"""

from __future__ import annotations

import posixpath
import re

_HREF = re.compile(r'href="(?P<target>[^":#?]+\.md)(?P<fragment>#[^"]*)?"')


def on_page_content(html, page, config, files):
    if not page.file.src_uri.endswith(".ipynb"):
        return html

    def resolve(match: re.Match) -> str:
        here = posixpath.dirname(page.file.src_uri)
        target = posixpath.normpath(posixpath.join(here, match["target"]))
        file = files.get_file_from_path(target)
        if file is None:
            return match[0]  # left as written: the browser tests report it broken
        return f'href="{file.url_relative_to(page.file)}{match["fragment"] or ""}"'

    return _HREF.sub(resolve, html)
