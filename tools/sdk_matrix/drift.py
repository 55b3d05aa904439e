"""What changed between two client-matrix records, in sentences a reviewer reads.

Used by the staleness test (stored data against a fresh run of the pinned releases)
and by the client-drift workflow (stored data against the newest releases).
"""

from __future__ import annotations

FIELD_NAMES = {
    "version": "release",
    "transport": "HTTP library",
    "auth_header": "auth header",
    "anthropic_version": "anthropic-version",
    "headers": "header",
    "temperature": "`temperature`",
    "extra_body_temperature_sent": "`extra_body` temperature sent",
    "non_stream_sse_returns": "SSE to a non-stream call returns",
    "dropped_stream_raises": "dropped stream raises",
    "create_parameters": "parameter of create()",
    "exceptions": "exception class",
}
# For lists: the words for an added and a removed item.
LIST_WORDS = {
    "headers": ("new header", "no longer sends header"),
    "create_parameters": ("new parameter", "removed parameter"),
    "exceptions": ("new exception", "removed exception"),
}


def changes(stored: dict, fresh: dict) -> list[str]:
    """One line per difference; empty when the records agree."""
    found = []
    if stored.get("python") != fresh.get("python"):
        found.append(f"Python: {stored.get('python')} -> {fresh.get('python')}")
    old_lines, new_lines = stored.get("lines", {}), fresh.get("lines", {})
    for name in sorted(set(old_lines) | set(new_lines)):
        old, new = old_lines.get(name), new_lines.get(name)
        if old is None or new is None:
            found.append(
                f"{name}: {'only in the fresh run' if old is None else 'missing'}"
            )
            continue
        label = f"{new['line']} ({old['version']} -> {new['version']})"
        if old["version"] == new["version"]:
            label = f"{new['line']} ({new['version']})"
        for field, words in FIELD_NAMES.items():
            before, after = old.get(field), new.get(field)
            if before == after or field == "version":
                continue
            if field in LIST_WORDS:
                added_word, removed_word = LIST_WORDS[field]
                added = sorted(set(after or []) - set(before or []))
                removed = sorted(set(before or []) - set(after or []))
                found += [f"{label}: {added_word} `{item}`" for item in added]
                found += [f"{label}: {removed_word} `{item}`" for item in removed]
            else:
                found.append(f"{label}: {words}: {before} -> {after}")
        if old["version"] != new["version"] and not any(
            line.startswith(label) for line in found
        ):
            found.append(f"{label}: new release, same behaviour")
    return found
