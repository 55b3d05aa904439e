"""`mkdocs build --strict` succeeds with zero warnings and renders the snippets.

The build is what GitHub Pages publishes; a warning (a broken link, a page missing from
the nav, an include that does not resolve) is treated as a failure, and the built pages
must contain the included code rather than a raw `--8<--` line.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_ROOT = "https://www.ezrouter.dev"
_PROBLEM = re.compile(r"^\s*(WARNING|ERROR)\b")


@pytest.fixture(scope="module")
def build(site) -> tuple[Path, str]:
    """The session's one strict build (conftest.py's `site`, from built_site.py).

    A failed build fails here with mkdocs' output; the log is kept for the checks.
    """
    return site.dir, site.log


def test_build_has_no_warnings(build: tuple[Path, str]):
    _, log = build
    warnings = [line for line in log.splitlines() if _PROBLEM.match(line)]
    assert not warnings, "\n".join(warnings)


def test_no_raw_include_reaches_the_site(build: tuple[Path, str]):
    site, _ = build
    raw = [
        str(page.relative_to(site))
        for page in site.rglob("*.html")
        if "--8&lt;--" in (text := page.read_text(encoding="utf-8")) or "--8<--" in text
    ]
    assert not raw, f"pages with an unexpanded snippet include: {raw}"


def test_anthropic_page_renders_its_quickstart(build: tuple[Path, str]):
    site, _ = build
    page = site / "guides" / "anthropic-surface" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "quickstart.py" in html  # the block's title
    assert "messages" in html and "create" in html
    code = "".join(re.findall(r"<pre.*?</pre>", html, flags=re.S))
    assert f"{PUBLIC_ROOT}/anthropic" in code
    assert "127.0.0.1" not in code  # readers see the public URL, never the mock's


def test_a_warning_fails_the_strict_build(tmp_path: Path):
    """strict: true turns warnings (here, a link to a missing page) into a failure."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\nSee [nowhere](no-such-page.md).\n")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"docs_dir: {docs}\n"
        f"site_dir: {tmp_path / 'site'}\n"
        "hooks: []\n"
        "watch: []\n"
        "nav:\n  - Home: index.md\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode != 0
    assert "no-such-page.md" in done.stdout + done.stderr
