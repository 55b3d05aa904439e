"""MkDocs hook: keep code and tab labels out of the search index.

Material's search indexes every element of a page, so a query such as "stream" answered
with whole code blocks, and the labels of a tab set ran together into one word
("OpenAI SDKAnthropic SDKcurl"). Readers search for the prose that explains a thing;
the code sits right under it. Material skips any element that carries
``data-search-exclude``, so this hook adds that attribute to code blocks (and their
file titles), tab-label rows and notebook code and output before the search plugin
reads the page (it indexes in ``on_page_context``, after every ``on_page_content``).
Inline ``code`` in sentences stays searchable: field names such as ``cache_control``
are found through the sentence that mentions them.
"""

from __future__ import annotations

import re

#: class names of the containers to exclude. Material's parser matches excluded
#: elements by tag name, so the first nested element of the same tag that closes ends
#: the exclusion: each container here holds no element of its own tag.
EXCLUDED = (
    "highlight",  # fenced code from pymdownx.highlight / superfences
    "tabbed-labels",  # the row of tab names of a content tab set
    # notebook cells (mkdocs-jupyter): prompts, code, copy button and its hidden
    # copy of the source, outputs
    "jp-InputPrompt",
    "jp-OutputPrompt",
    "highlight-ipynb",
    "zeroclipboard-container",
    "clipboard-copy-txt",
    "jp-OutputArea-output",
)
_NAMES = "|".join(re.escape(c) for c in EXCLUDED)
_OPENING = re.compile(
    rf'<(?P<tag>div|pre)(?P<attrs> class="(?:[^"]*\s)?(?:{_NAMES})(?:\s[^"]*)?"[^>]*)>'
)


def exclude_from_search(html: str) -> str:
    """Mark every excluded container with data-search-exclude."""
    return _OPENING.sub(r"<\g<tag>\g<attrs> data-search-exclude>", html)


def on_page_content(html, page, config, files):
    return exclude_from_search(html)
