"""Run a coding agent's page snippet against the mock, as a reader would run it.

The agent pages (Claude Code, OpenCode) show a shell script and config files; the tests
run those very files with one change, the public gateway root swapped for the mock's
(`ezrouter_mock.snippets`), and the mock's key in ``EZROUTER_API_KEY``. Each run gets
its own empty HOME and working directory, so nothing a developer has configured leaks
in. Agents are found where ``.ci/run`` installs them (``.cache/<name>``), else on PATH.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from ezrouter_mock.snippets import snippet_env, to_gateway
from tools.sdk_matrix import clients

ROOT = Path(__file__).resolve().parents[2]
SNIPPETS = ROOT / "snippets"
_EXPORT = re.compile(r'^export ([A-Z_]+)="?([^"\s]*)"?', re.MULTILINE)


def find_agent(command: str, package_dir: str) -> str | None:
    """The agent's executable: the pinned copy ``.ci/run`` installs into
    ``.cache/<package_dir>`` first (the version the pages state), else PATH."""
    local = ROOT / ".cache" / package_dir / "node_modules" / ".bin" / command
    return str(local) if local.exists() else shutil.which(command)


def exports(snippet: str) -> dict[str, str]:
    """The ``export NAME="value"`` settings of a shell snippet, as its page shows."""
    return dict(_EXPORT.findall((SNIPPETS / snippet).read_text(encoding="utf-8")))


def assert_page_states_the_version(agent: str, name: str, ran: str, page: Path) -> None:
    """The version `page` renders (from matrix/clients.json) is the one that ran."""
    recorded = clients.load()["agents"][agent]["version"]
    assert recorded == ran, (
        f"the tests ran {name} {ran}; matrix/clients.json says {recorded} "
        "(run `make matrix-record`)"
    )
    include = f'--8<-- "matrix/facts.md:{agent}-checked"'
    assert include in page.read_text(encoding="utf-8")


def posts(entries) -> list:
    """The POST requests among journal entries."""
    return [e for e in entries if e.method == "POST"]


@dataclass
class Run:
    done: subprocess.CompletedProcess | None  # None when stopped at the time limit
    stdout: str
    stderr: str
    requests: list
    seconds: float

    @property
    def posts(self) -> list:
        return posts(self.requests)


def run_snippet(
    snippet: str,
    mock,
    workdir: Path,
    home: Path,
    *,
    key: str | None = None,
    agent_dir: str | None = None,
    files: dict[str, str] | None = None,
    extra_env: dict[str, str] | None = None,
    timeout: float = 180,
    stop_after: float | None = None,
    stop_when=None,
    edit=None,
) -> Run:
    """Run ``snippets/<snippet>`` under bash against ``mock`` and collect the journal.

    ``files`` maps names in ``workdir`` to snippet files copied there first (rebased
    too), for agents that read a config file from the project. ``stop_after`` ends a
    run that is expected to hang (retrying) after that many seconds, or as soon as
    ``stop_when(journal)`` holds, instead of failing it. ``edit`` changes
    the script's and the files' text first, for runs that show what happens off the
    page's path.
    """
    env = snippet_env(mock.key if key is None else key, loopback=True)
    env["HOME"] = str(home)
    if agent_dir is not None:
        local_bin = ROOT / ".cache" / agent_dir / "node_modules" / ".bin"
        env["PATH"] = os.pathsep.join([str(local_bin), env["PATH"]])
    env.update(extra_env or {})
    for name, source in (files or {}).items():
        text = (SNIPPETS / source).read_text(encoding="utf-8")
        text = to_gateway(text, mock.root_url)
        (workdir / name).write_text(edit(text) if edit else text, encoding="utf-8")
    script = workdir.parent / f"{workdir.name}-{Path(snippet).name}"
    text = to_gateway((SNIPPETS / snippet).read_text(encoding="utf-8"), mock.root_url)
    script.write_text(edit(text) if edit else text, encoding="utf-8")
    mock.journal.clear()
    started = time.monotonic()
    # Own process group: stopping the run must stop the agent bash started too.
    proc = subprocess.Popen(
        ["bash", "-e", "-o", "pipefail", str(script)],
        cwd=workdir,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    limit = started + (stop_after or timeout)
    while True:
        try:
            stdout, stderr = proc.communicate(timeout=0.5)
            break
        except subprocess.TimeoutExpired:
            hit = stop_when is not None and stop_when(list(mock.journal))
            if not hit and time.monotonic() < limit:
                continue
            os.killpg(proc.pid, signal.SIGKILL)
            stdout, stderr = proc.communicate()
            if stop_after is None:
                raise
            seconds = time.monotonic() - started
            return Run(None, stdout, stderr, list(mock.journal), seconds)
    done = subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
    return Run(done, stdout, stderr, list(mock.journal), time.monotonic() - started)
