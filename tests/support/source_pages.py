"""Find the ezrouter page text a profile entry cites, so tests can check the citation.

ezrouter's own pages are stored as excerpts, one file per source slug, in
``../shared/reference/ezrouter-pages/`` (resolved from the repository root). The
anthropic-api page also has a fuller copy, the seed this project started from
(``../shared/reference/seed-anthropic-api-surface.txt``): its field-support table is cut
off in the excerpt. A citation is a slug plus a ``section``: a heading or a short phrase
that must occur in one of that page's copies (whitespace and table pipes ignored).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: ../shared/reference from the repository root; EZROUTER_REFERENCE points elsewhere
#: (a CI copy, or a trimmed copy to watch the check fail).
REFERENCE = Path(
    os.environ.get("EZROUTER_REFERENCE") or ROOT.parent / "shared" / "reference"
)

#: Slug -> extra copies of the same page, relative to the reference directory.
FULLER_COPIES: dict[str, tuple[str, ...]] = {
    "anthropic-api": ("seed-anthropic-api-surface.txt",),
}
CITING_STATUSES = ("documented", "conflicting")


def normalise(text: str) -> str:
    """Collapse whitespace and drop table pipes, so a quote matches across layouts."""
    return " ".join(text.replace("|", " ").split())


def page_texts(reference: Path, slug: str) -> list[str] | None:
    """The copies of one page (the excerpt first); None without its excerpt file."""
    excerpt = reference / "ezrouter-pages" / f"{slug}.txt"
    if not excerpt.is_file():
        return None
    texts = [excerpt.read_text(encoding="utf-8")]
    for name in FULLER_COPIES.get(slug, ()):
        extra = reference / name
        if extra.is_file():
            texts.append(extra.read_text(encoding="utf-8"))
    return texts


def citations(
    data: object, where: str = ""
) -> Iterator[tuple[str, str | None, str | None]]:
    """(location, slug, section) for every place the raw profile data cites a page as
    evidence: documented and conflicting entries, model statuses, and both sides of a
    conflict."""
    if isinstance(data, dict):
        statuses = {
            v for k, v in data.items() if k == "status" or k.endswith("_status")
        }
        if statuses & set(CITING_STATUSES):
            yield where, data.get("source"), data.get("section")
        against = data.get("against")
        if isinstance(against, dict) and against.get("source"):
            yield f"{where}.against", against.get("source"), against.get("section")
        for key, value in data.items():
            if key != "against":
                yield from citations(value, f"{where}.{key}" if where else str(key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from citations(value, f"{where}[{i}]")


def citation_problems(data: dict, reference: Path) -> list[str]:
    """Every citation whose page file is missing or whose section is not in it."""
    problems = []
    for where, slug, section in citations(data):
        if not slug or not section:
            problems.append(f"{where}: cites no source slug and section")
            continue
        texts = page_texts(reference, slug)
        if texts is None:
            problems.append(
                f"{where}: source {slug!r} has no file "
                f"{reference / 'ezrouter-pages' / (slug + '.txt')}"
            )
            continue
        if not any(normalise(section) in normalise(t) for t in texts):
            problems.append(f"{where}: section {section!r} is not in page {slug!r}")
    return problems
