"""How the docs tables state where a fact comes from.

A profile entry's status is spelled out with its evidence: the ezrouter page and the
words it rests on, our SDK measurement, the probe date, or, for a conflict, both
statements, which one the mock follows and how a reader settles it. The tables
(tables.py: the tables and the facts fragments) use these helpers.
"""

from __future__ import annotations

from ezrouter_mock.profile import FeatureCell, Profile

STATUS_LETTERS = {
    "verified": "V",
    "documented": "D",
    "conflicting": "C",
    "assumed": "A",
}
STATUS_MEANING = {
    "verified": "checked by a live probe",
    "documented": "stated in ezrouter's documentation (page and the words it rests on)",
    "conflicting": (
        "two of ezrouter's pages (or a page and our measurement of the SDKs) disagree; "
        "both statements are shown, with the one the mock follows first, and the "
        "probe settles it against the live gateway"
    ),
    "assumed": "our assumption; ezrouter's documentation is silent",
}


def cell(text: str) -> str:
    """Make text safe inside a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _source_link(profile: Profile, slug: str | None) -> str:
    if not slug:
        return ""
    url = profile.sources.get(slug)
    return f"[{slug}]({url})" if url else slug


def _quote(text: str | None) -> str:
    return f"“{cell(text)}”" if text else ""


def _side(profile: Profile, source, section, measured=None) -> str:
    """One statement with its evidence: page link and the words it rests on."""
    if source:
        return f"{_source_link(profile, source)} {_quote(section)}".strip()
    return f"measured: {cell(measured)}"


def probe_hint(item, feature: str | None = None) -> str:
    """How a reader settles a conflict: the probe command, narrowed where it can be.
    An error row is about access the probe cannot test, and a measured side is about
    the reader's own SDK, so those say what to do instead."""
    if getattr(item, "http", None):
        return "the probe cannot test per-key access; ask ezrouter, citing both pages"
    against = getattr(item, "against", None)
    if against is not None and against.measured:
        return "run this site's snippet with your SDK version to see which applies"
    if feature:
        return f"settle it with `ezrouter-mock probe --feature {feature}`"
    if getattr(item, "surfaces", None):
        return "settle it with `ezrouter-mock probe --surface anthropic --feature text`"
    return "settle it with `ezrouter-mock probe`"


def status_text(profile: Profile, item, feature: str | None = None) -> str:
    """Status spelled out, with its evidence: the page and section, the measurement,
    the probe date, or, for a conflict, both statements and which one the mock follows.
    ``item`` is an Entry, Divergence, ErrorCode or Model (they share these fields)."""
    status = item.status
    if status == "verified":
        return cell(f"verified {item.verified_on} ({item.how})")
    measured = getattr(item, "measured", None)
    extra = f"; also measured: {cell(measured)}" if measured else ""
    if status == "documented":
        return f"documented: {_side(profile, item.source, item.section)}{extra}"
    if status == "conflicting":
        a = item.against
        return (
            f"**conflicting**: {_side(profile, item.source, item.section)} (the mock "
            f"follows this) vs {_side(profile, a.source, a.section, a.measured)}: "
            f"{cell(a.says)}; {probe_hint(item, feature)}{extra}"
        )
    link = _source_link(profile, item.source)
    return (f"assumed (closest page: {link})" if link else "assumed") + extra


def badge(profile: Profile, entry: FeatureCell) -> str:
    """A one-letter status mark with a tooltip, for dense matrix cells."""
    if entry.status == "verified":
        title = f"verified on {entry.verified_on}"
    elif entry.status == "documented":
        title = f"documented on ezrouter page {entry.source}: “{entry.section}”"
    elif entry.status == "conflicting":
        a = entry.against
        other = a.source or "our SDK measurement"
        title = (
            f"conflicting: {entry.source} “{entry.section}” (the mock follows this) "
            f"vs {other}: {a.says}"
        )
    else:
        title = "assumed: not stated by ezrouter"
    letter = STATUS_LETTERS[entry.status]
    return f'<abbr title="{cell(title)}">{letter}</abbr>'


def code(name: str) -> str:
    return f"`{name}`"
