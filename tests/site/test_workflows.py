"""The GitHub workflows stay safe to run: zizmor, the Actions linter pinned in
requirements.lock, audits `.github/workflows` offline and must find nothing.

zizmor enforces what issue 11 asked of the supply chain: every action pinned by commit
SHA (`unpinned-uses`, blanket hash-pin policy since zizmor 1.20), no token left in
`.git/config` by checkout (`artipacked`), explicit least-privilege `permissions`
(`excessive-permissions`). The pedantic persona also wants named jobs and concurrency
limits. A canary workflow proves the installed zizmor still reports those audits, so a
future release that relaxed a default could not turn this gate green by itself.
"""

from __future__ import annotations

import json
import re
import subprocess
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
# --offline: no GitHub API calls (and no token); the online audits are skipped.
ZIZMOR_ARGS = [
    "--offline",
    "--persona",
    "pedantic",
    "--no-progress",
    "--color",
    "never",
]
# `uses: owner/repo[/path]@<40-hex commit> # v1.2.3`: the comment names the release.
PINNED_USES = re.compile(
    r"^\s*(-\s+)?uses:\s+[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+\s*$"
)


def zizmor(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the zizmor binary installed beside this interpreter (it ships no module)."""
    binary = Path(sysconfig.get_path("scripts")) / "zizmor"
    return subprocess.run(
        [str(binary), *ZIZMOR_ARGS, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_zizmor_finds_nothing_in_the_workflows():
    assert sorted(WORKFLOWS.glob("*.yml")), "no workflows found"
    done = zizmor(".github/workflows", cwd=ROOT)
    if done.returncode != 0 or "No findings" not in done.stdout + done.stderr:
        pytest.fail(f"zizmor exited {done.returncode}:\n{done.stdout}\n{done.stderr}")


def test_zizmor_still_reports_an_unsafe_workflow(tmp_path: Path):
    canary = tmp_path / ".github" / "workflows" / "canary.yml"
    canary.parent.mkdir(parents=True)
    canary.write_text(
        "name: Canary\n"
        "on: [push]\n"
        "jobs:\n"
        "  t:\n"
        "    name: T\n"
        "    runs-on: ubuntu-24.04\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
    )
    done = zizmor("--format", "json", ".github/workflows", cwd=tmp_path)
    assert done.returncode != 0, done.stdout + done.stderr
    found = {finding["ident"] for finding in json.loads(done.stdout)}
    assert {"unpinned-uses", "artipacked", "excessive-permissions"} <= found, found


def test_every_action_names_its_release_beside_the_sha():
    bad = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(WORKFLOWS.glob("*.yml"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.match(r"^\s*(-\s+)?uses:", line) and not PINNED_USES.match(line)
    ]
    assert not bad, "pin as `uses: owner/repo@<sha> # vX.Y.Z`:\n" + "\n".join(bad)
