"""Present a probe report: a terminal table, JSON, and the list of differences.

The terminal table and the JSON are built from the same :class:`Report`, so they can
not disagree; a cell that differs from the profile is marked with ``*`` in the table
and has ``"match": false`` in the JSON.
"""

from __future__ import annotations

from ..profile import FEATURES
from .runner import CellResult, Report

MISMATCH = "*"


def cell_text(result: CellResult) -> str:
    return result.result + ("" if result.match else MISMATCH)


def format_table(report: Report) -> str:
    """One block per surface: checks down, models across."""
    by_key = {(r.model, r.surface, r.check): r for r in report.results}
    blocks = []
    for surface in report.surfaces:
        checks = [f for f in FEATURES if surface in FEATURES[f]]
        checks += sorted(
            {
                r.check
                for r in report.results
                if r.is_divergence and r.surface == surface
            }
        )
        checks = [
            c for c in checks if any((m, surface, c) in by_key for m in report.models)
        ]
        if not checks:
            continue
        head = [f"{surface} surface"] + report.models
        rows = []
        for check in checks:
            row = [check]
            for model in report.models:
                r = by_key.get((model, surface, check))
                row.append(cell_text(r) if r else "-")
            rows.append(row)
        widths = [max(len(row[i]) for row in [head] + rows) for i in range(len(head))]

        def line(cells, widths=widths):
            padded = (c.ljust(w) for c, w in zip(cells, widths, strict=True))
            return "  ".join(padded).rstrip()

        blocks.append(
            "\n".join(
                [line(head), line(["-" * w for w in widths])] + [line(r) for r in rows]
            )
        )
    return "\n\n".join(blocks)


def format_summary(report: Report) -> str:
    diffs = report.differences()
    lines = [
        f"{len(report.results)} checks, {report.calls} calls, {report.seconds:g} s "
        f"against {report.base_url}"
    ]
    if report.catalog_extra:
        lines.append(
            "listed by the gateway but not in the profile (not probed): "
            + ", ".join(report.catalog_extra)
        )
    if diffs:
        lines.append(f"{len(diffs)} difference(s) from the profile ({MISMATCH} above):")
        lines += [f"  - {d}" for d in diffs]
    else:
        lines.append("no differences from the profile")
    return "\n".join(lines)


def to_json(report: Report) -> dict:
    return {
        "base_url": report.base_url,
        "started": report.started,
        "seconds": report.seconds,
        "calls": report.calls,
        "profile": report.profile_path,
        "models": report.models,
        "surfaces": report.surfaces,
        "results": [
            {
                "model": r.model,
                "surface": r.surface,
                "check": r.check,
                "result": r.result,
                "expected": r.expected,
                "match": r.match,
                "evidence": r.evidence,
                "http_status": r.http_status,
                "seconds": r.seconds,
            }
            for r in report.results
        ],
        "catalog_differences": report.catalog_differences,
        "catalog_not_in_profile": report.catalog_extra,
        "differences": report.differences(),
    }
