"""Render the docs tables from the gateway profile.

Every table on the site that states a gateway fact is generated here and written to
``snippets/tables/*.md``; pages include them with pymdownx.snippets. Generating plain
Markdown (instead of a MkDocs plugin) keeps the site buildable by any tool that reads
mkdocs.yml, and a test compares the committed files with a fresh render so a table can
never drift from the profile.

    python -m tools.tables            # rewrite snippets/tables/ (or: make tables)
    python -m tools.tables --check    # exit 1 and list stale files
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

from ezrouter_mock.cli import run_module
from ezrouter_mock.profile import (
    FEATURE_TITLES,
    FEATURES,
    SURFACES,
    FeatureCell,
    Profile,
    ProfileError,
    load_profile,
)

from .evidence import (
    STATUS_LETTERS,
    STATUS_MEANING,
    _source_link,
    badge,
    cell,
    code,
    status_text,
)
from .repo import repo_root

HEADER = (
    "<!-- Generated from src/ezrouter_mock/profile/profile.yaml by `make tables`. "
    "Do not edit by hand. -->\n"
)
SURFACE_TITLES = {"anthropic": "Anthropic", "openai": "OpenAI"}


def _table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


# --- individual tables ----------------------------------------------------------------


def legend(profile: Profile) -> str:
    rows = [
        ["works", "Behaves like the upstream API."],
        ["ignored", "Accepted (HTTP 200) but has no effect."],
        ["rejected", "Refused with HTTP 400 naming the field."],
        ["broken", "Accepted, but the result is damaged in a documented way."],
    ]
    statuses = [
        [
            f"{STATUS_LETTERS[s]} ({s})",
            STATUS_MEANING[s][0].upper() + STATUS_MEANING[s][1:] + ".",
        ]
        for s in STATUS_LETTERS
    ]
    return (
        _table(["Support", "Meaning"], rows)
        + "\n"
        + _table(["Status mark", "Meaning"], statuses)
        + "\nA **conflicting** cell is listed again under its table with both "
        "statements, the one the mock follows, and the probe command that settles it "
        "against the live gateway.\n"
    )


def models_table(profile: Profile) -> str:
    """Models as rows in four columns that fit the 720 px content column: what the
    model list says about each model (owned_by and endpoint types, with the evidence)
    shares a cell; a conflicting listing is spelled out in full under the table."""
    rows, conflicts = [], []
    for m in profile.models:
        listing = SimpleNamespace(
            status=m.surfaces_status,
            source=m.source,
            section=m.section,
            against=m.against,
            surfaces=m.surfaces,
        )
        listed = [
            f"{code(m.owned_by)} ({m.owned_by_status})",
            f"{', '.join(m.surfaces)} ({m.surfaces_status})",
        ]
        if m.source:
            listed.append(_short_status(profile, listing))
        if m.surfaces_status == "conflicting":
            conflicts.append(f"- {code(m.id)}: {status_text(profile, listing)}")
        rows.append([code(m.id), m.family, "<br>".join(listed), cell(m.note)])
    head = ["Model", "Family", "owned_by<br>supported_endpoint_types", "Note"]
    return _table(head, rows) + _conflicts_block(conflicts)


def _short_status(profile: Profile, item) -> str:
    """status_text, but a conflict names only its two sources; the table's
    conflicts list (``_conflicts_block``) gives both statements and the probe."""
    if item.status != "conflicting":
        return status_text(profile, item)
    a = item.against
    other = _source_link(profile, a.source) if a.source else "our SDK measurement"
    return (
        f"**conflicting**: {_source_link(profile, item.source)} (the mock follows "
        f"this) vs {other}, see below"
    )


def _conflicts_block(lines: list[str]) -> str:
    if not lines:
        return ""
    return "\nConflicting rows, with both statements:\n\n" + "\n".join(lines) + "\n"


#: Feature plus four model columns is what fits Material's 720 px content column.
MATRIX_MODELS_PER_TABLE = 4
FAMILY_TITLES = {
    "claude": "Claude",
    "deepseek": "DeepSeek",
    "glm": "GLM",
    "kimi": "Kimi",
}


def model_groups(profile: Profile) -> list[list]:
    """The catalog in profile order, cut into runs of whole families of at most
    MATRIX_MODELS_PER_TABLE models (a larger family gets a run of its own)."""
    groups: list[list] = []
    for m in profile.models:
        last = groups[-1] if groups else None
        same_family = last is not None and last[-1].family == m.family
        if last is not None and (
            same_family
            or len(last) + _family_size(profile, m.family) <= MATRIX_MODELS_PER_TABLE
        ):
            last.append(m)
        else:
            groups.append([m])
    return groups


def _family_size(profile: Profile, family: str) -> int:
    return sum(1 for m in profile.models if m.family == family)


def _families_title(models: list) -> str:
    names = [FAMILY_TITLES.get(f, f) for f in dict.fromkeys(m.family for m in models)]
    joined = (
        names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    )
    return f"{joined} models"


def matrix_table(profile: Profile, surface: str) -> str:
    """One table per group of model families, so every model column stays in view;
    the surface's conflicting cells are listed once, under the last table."""
    parts = []
    for models in model_groups(profile):
        head = ["Feature"] + [code(m.id) for m in models]
        rows = []
        for feature in profile.features(surface):
            row = [cell(FEATURE_TITLES[feature])]
            for m in models:
                e = profile.entry(m.id, surface, feature)
                support = e.support if e.support == "works" else f"**{e.support}**"
                row.append(f"{support} {badge(profile, e)}")
            rows.append(row)
        parts.append(f"**{_families_title(models)}**\n\n" + _table(head, rows))
    return "\n".join(parts) + conflicts_list(profile, surface)


def conflicts_list(profile: Profile, surface: str) -> str:
    """The conflicting cells of a surface's matrix, each with both statements."""
    groups: dict[tuple[str, FeatureCell], list[str]] = {}
    for feature in profile.features(surface):
        for m in profile.models:
            e = profile.entry(m.id, surface, feature)
            if e.status == "conflicting":
                groups.setdefault((feature, e), []).append(m.id)
    if not groups:
        return ""
    lines = ["", "Conflicting cells (**C**):", ""]
    for (feature, e), model_ids in groups.items():
        lines.append(
            f"- {cell(FEATURE_TITLES[feature])}, "
            f"{', '.join(code(i) for i in model_ids)}: **{e.support}**. "
            f"{status_text(profile, e, feature)}"
        )
    return "\n".join(lines) + "\n"


def topic_table(profile: Profile, features: list[str]) -> str:
    """One table per surface, one row per (feature, identical entry): models that
    behave the same way for the same documented reason share a row, so each row
    shows its status. Five columns with the models stacked fit the 720 px content
    column; a conflicting row names its two sources and is spelled out under the
    table, with both statements and the probe command that settles it."""
    parts = []
    for surface in SURFACES:
        rows, conflicts = [], []
        for feature in features:
            if surface not in FEATURES[feature]:
                continue
            groups: dict[FeatureCell, list[str]] = {}
            for m in profile.models:
                groups.setdefault(profile.entry(m.id, surface, feature), []).append(
                    m.id
                )
            for entry, model_ids in groups.items():
                models = (
                    "every model"
                    if len(model_ids) == len(profile.models)
                    else "<br>".join(code(i) for i in model_ids)
                )
                rows.append(
                    [
                        cell(FEATURE_TITLES[feature]),
                        models,
                        f"**{entry.support}**",
                        _short_status(profile, entry),
                        cell(entry.note),
                    ]
                )
                if entry.status == "conflicting":
                    conflicts.append(
                        f"- {cell(FEATURE_TITLES[feature])}, "
                        f"{', '.join(code(i) for i in model_ids)}: "
                        f"{status_text(profile, entry, feature)}"
                    )
        if rows:
            head = ["Feature", "Models", "Support", "Status", "Note"]
            parts.append(
                f"**{SURFACE_TITLES[surface]} surface**\n\n"
                + _table(head, rows)
                + _conflicts_block(conflicts)
            )
    return "\n".join(parts)


def errors_table(profile: Profile) -> str:
    rows = [
        [
            str(e.http),
            # code over type in one cell: two nowrap ids side by side squeeze the prose
            f"{code(e.code)}<br>{code(e.type)}",
            cell(e.when),
            cell(e.action),
            status_text(profile, e),
        ]
        for e in sorted(profile.errors, key=lambda e: e.http)
    ]
    head = ["HTTP", "error.code<br>error.type", "When", "What to do", "Status"]
    return _table(head, rows)


def divergences_table(profile: Profile) -> str:
    rows = []
    for d in profile.divergences:
        if d.cells:
            # Group features that hit the same set of models: "models: features".
            by_feature: dict[str, list[str]] = {}
            for model_id, _, feature in d.cells:
                by_feature.setdefault(feature, []).append(model_id)
            groups: dict[tuple[str, ...], list[str]] = {}
            for feature, model_ids in by_feature.items():
                groups.setdefault(tuple(model_ids), []).append(FEATURE_TITLES[feature])
            surfaces = sorted({s for _, s, _ in d.cells})
            where = "; ".join(
                f"{', '.join(code(m) for m in models)}: {', '.join(features)}"
                for models, features in groups.items()
            )
            where = (
                f"{' and '.join(SURFACE_TITLES[s] for s in surfaces)} surface, {where}"
            )
        else:
            where = f"{SURFACE_TITLES[d.surface]} surface, every model"
        rows.append(
            [
                f"{cell(d.title)}<br>{code(d.id)}",
                where,
                status_text(profile, d),
                cell(d.note),
            ]
        )
    return _table(["Divergence (id)", "Affects", "Status", "Note"], rows)


def _section(name: str, body: str) -> str:
    """A named part of facts.md that a page includes as ``tables/facts.md:name``."""
    start, end = f"<!-- --8<-- [start:{name}] -->", f"<!-- --8<-- [end:{name}] -->"
    return f"{start}\n{body.rstrip()}\n{end}\n"


def _id_list(profile: Profile, items: list[tuple[str, str]]) -> str:
    return "\n".join(f"- {code(model_id)}: {text}" for model_id, text in items)


def facts(profile: Profile) -> str:
    """Facts that guides' prose mentions (model ids, affected models, versions), as
    named sections, so no page types a catalog id or an affected-model list by hand.

    ``catalog``: every model; ``roles``: each model with its note;
    ``divergence-<id>``: the models a divergence affects, with the feature;
    ``<surface>-<feature>-<support>``: the models with that support, with the status.
    """
    parts = [
        _section("catalog", ", ".join(code(m.id) for m in profile.models) + "\n"),
        _section(
            "roles",
            _id_list(profile, [(m.id, cell(m.note)) for m in profile.models if m.note]),
        ),
    ]
    for d in profile.divergences:
        if not d.affects:
            continue
        by_model: dict[str, list[str]] = {}
        for model_id, surface, feature in d.cells:
            by_model.setdefault(model_id, []).append(
                f"{FEATURE_TITLES[feature]} ({SURFACE_TITLES[surface]})"
            )
        items = [(m, ", ".join(f)) for m, f in by_model.items()]
        parts.append(
            _section(
                f"divergence-{d.id.replace('_', '-')}",
                _id_list(profile, items) + f"\n\n({status_text(profile, d)})",
            )
        )
    for surface in SURFACES:
        for feature in profile.features(surface):
            groups: dict[str, list[tuple[str, str]]] = {}
            for m in profile.models:
                e = profile.entry(m.id, surface, feature)
                groups.setdefault(e.support, []).append(
                    (m.id, status_text(profile, e, feature))
                )
            for support, items in groups.items():
                name = f"{surface}-{feature}-{support}".replace("_", "-")
                parts.append(_section(name, _id_list(profile, items)))
    return "\n".join(parts)


def _topic(features: list[str]) -> Callable[[Profile], str]:
    return lambda profile: topic_table(profile, features)


#: file name -> renderer. Pages include these as "tables/<name>".
TABLES: dict[str, Callable[[Profile], str]] = {
    "legend.md": legend,
    "models.md": models_table,
    "field-support-anthropic.md": lambda p: matrix_table(p, "anthropic"),
    "field-support-openai.md": lambda p: matrix_table(p, "openai"),
    "tools.md": _topic(["tools", "tool_call_deltas"]),
    "tool-choice.md": _topic(
        [
            "tool_choice_auto",
            "tool_choice_any",
            "tool_choice_tool",
            "tool_choice_none",
        ]
    ),
    "thinking.md": _topic(
        ["thinking_enabled", "thinking_adaptive", "reasoning_effort"]
    ),
    "caching.md": _topic(["cache_explicit", "cache_automatic"]),
    "json-mode.md": _topic(["json_mode"]),
    "errors.md": errors_table,
    "divergences.md": divergences_table,
    "facts.md": facts,
}


def render_all(profile: Profile) -> dict[str, str]:
    """Every generated table, keyed by file name."""
    return {name: HEADER + "\n" + render(profile) for name, render in TABLES.items()}


def stale_tables(profile: Profile, out_dir: Path) -> list[str]:
    """File names under out_dir that are missing or differ from a fresh render."""
    stale = []
    for name, text in render_all(profile).items():
        path = out_dir / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale


def write_tables(profile: Profile, out_dir: Path) -> list[str]:
    """Write every table; returns the names of files that changed."""
    out_dir.mkdir(parents=True, exist_ok=True)
    changed = stale_tables(profile, out_dir)
    for name, text in render_all(profile).items():
        if name in changed:
            (out_dir / name).write_text(text, encoding="utf-8")
    return changed


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--profile", help="profile file (default: the packaged one)")
    parser.add_argument(
        "--out", type=Path, help="output directory (default: snippets/tables/)"
    )
    parser.add_argument(
        "--check", action="store_true", help="only report stale tables (exit 1)"
    )


def main(args: argparse.Namespace) -> int:
    try:
        profile = load_profile(args.profile)
    except ProfileError as exc:
        print(exc, file=sys.stderr)
        return 2
    out_dir = args.out or repo_root() / "snippets" / "tables"
    if args.check:
        stale = stale_tables(profile, out_dir)
        for name in stale:
            print(f"stale: {out_dir / name}", file=sys.stderr)
        if stale:
            print("run `make tables` to regenerate", file=sys.stderr)
        return 1 if stale else 0
    changed = write_tables(profile, out_dir)
    print(f"{len(changed)} of {len(TABLES)} tables updated in {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(run_module(sys.modules[__name__], "python -m tools.tables"))
