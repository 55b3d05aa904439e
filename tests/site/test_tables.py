"""Docs tables are rendered from the profile: the committed files are fresh, every row
shows its status, and the Markdown renders to real tables."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from ezrouter_mock.cli import run_module
from ezrouter_mock.profile import load_profile
from tools import tables

ROOT = Path(__file__).resolve().parents[2]
TABLE_DIR = ROOT / "snippets" / "tables"


@pytest.fixture(scope="module")
def profile():
    return load_profile()


@pytest.fixture(scope="module")
def rendered(profile):
    return tables.render_all(profile)


def test_committed_tables_are_fresh(profile):
    stale = tables.stale_tables(profile, TABLE_DIR)
    assert not stale, f"stale tables {stale}: run `make tables`"


def test_no_stray_files_in_the_tables_dir():
    assert {p.name for p in TABLE_DIR.glob("*.md")} == set(tables.TABLES)


def test_a_profile_change_makes_a_table_stale(profile, tmp_path):
    tables.write_tables(profile, tmp_path)
    assert tables.stale_tables(profile, tmp_path) == []
    flipped = profile.with_entry("glm-5.1", "openai", "json_mode", "broken")
    assert tables.stale_tables(flipped, tmp_path) == [
        "field-support-openai.md",
        "json-mode.md",
        "facts.md",
    ]
    assert run_module(tables, "tables", ["--check", "--out", str(tmp_path)]) == 0
    (tmp_path / "models.md").write_text("edited by hand\n")
    assert run_module(tables, "tables", ["--check", "--out", str(tmp_path)]) == 1


@pytest.mark.parametrize("name", sorted(set(tables.TABLES) - {"facts.md"}))
def test_tables_render_as_markdown_tables(rendered, name):
    text = rendered[name]
    assert "```" not in text
    html = markdown.markdown(text, extensions=["tables"])
    separators = [ln for ln in text.splitlines() if ln.startswith("|---")]
    assert html.count("<table>") == len(separators) > 0
    for block in text.split("\n\n"):
        rows = [line for line in block.splitlines() if line.startswith("|")]
        widths = {len(re.split(r"(?<!\\)\|", row)) for row in rows}
        assert len(widths) <= 1, f"ragged rows in {name}"


def test_every_matrix_cell_shows_support_and_status(profile, rendered):
    for surface in ("anthropic", "openai"):
        text = rendered[f"field-support-{surface}.md"]
        tables_ = [b for b in text.split("\n\n") if b.startswith("| Feature |")]
        columns = []
        for table in tables_:
            head, _, *body = table.strip().splitlines()
            columns += head.strip("| ").split(" | ")[1:]
            assert len(body) == len(profile.features(surface))
            for row in body:
                for cell in row.strip("| ").split(" | ")[1:]:
                    assert re.fullmatch(
                        r"(works|\*\*(ignored|rejected|broken)\*\*) "
                        r'<abbr title="[^"]+">[VDCA]</abbr>',
                        cell,
                    ), cell
        assert columns == [f"`{m.id}`" for m in profile.models]


def test_matrices_split_by_family_to_fit_the_page(profile):
    """Feature plus four model columns fit a 720 px column; no family is cut in two."""
    groups = tables.model_groups(profile)
    assert [m for g in groups for m in g] == list(profile.models)
    families = [{m.family for m in g} for g in groups]
    for i, group in enumerate(groups):
        assert len(group) <= tables.MATRIX_MODELS_PER_TABLE or len(families[i]) == 1
        others = set().union(*families[:i], *families[i + 1 :])
        assert not families[i] & others, f"a family split across tables: {families}"


def test_topic_rows_carry_status_and_source(profile, rendered):
    tools = rendered["tools.md"]
    assert "**broken**" in tools and "GW-001" in tools
    rows = [
        r
        for r in tools.splitlines()
        if r.startswith("| ") and not r.startswith("| Feature |")
    ]
    assert len(rows) >= 2 * len(["tools", "tool_call_deltas"]), rows
    for row in rows:
        assert re.search(
            r"\| (documented: \[|\*\*conflicting\*\*: \[|assumed|verified )", row
        ), row
    openai_caching = rendered["caching.md"].split("**OpenAI surface**")[1]
    opus_row = next(
        r
        for r in openai_caching.splitlines()
        if r.startswith("| Prompt cache (automatic) | `claude-opus-4-7` |")
    )
    assert "**ignored**" in opus_row and "kv-cache" in opus_row


def test_models_and_errors_follow_the_profile(profile, rendered):
    for m in profile.models:
        assert f"`{m.id}`" in rendered["models.md"]
    for e in profile.errors:
        assert f"| {e.http} | `{e.code}`<br>`{e.type}` |" in rendered["errors.md"]
    for d in profile.divergences:
        assert f"`{d.id}`" in rendered["divergences.md"]
