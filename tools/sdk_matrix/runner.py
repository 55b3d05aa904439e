"""Run Python files inside an SDK environment, each against a fresh mock gateway.

This is the one place the matrix touches the mock: a `MockServer` of its own per file
(so ids, the prompt cache, queued faults and the journal belong to that file alone),
the public URL swapped for that mock's, and `ezrouter_mock.snippets`'s clean environment
for the child process. A batch of files runs in one child process (`harness.py`), so
the SDK is imported once per batch; batches of different environments run in
parallel (`run_all`).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ezrouter_mock.mock.http.server import MockServer
from ezrouter_mock.snippets import snippet_env, to_gateway, to_public

from .envs import Env

HARNESS = Path(__file__).with_name("harness.py")
# Seconds for a whole batch; a file that hangs fails its batch with this message.
TIMEOUT = 300


@dataclass(frozen=True)
class Job:
    """One file to run: a snippet, or a probe with faults queued by `prepare`."""

    path: Path
    text: str | None = None
    prepare: Callable[[MockServer], None] | None = None


@dataclass
class Run:
    """What one file did in one environment."""

    env: Env
    job: Job
    source: str  # the text that ran (the mock's URL in it)
    root_url: str
    python: str = ""
    prints: list[dict] = field(default_factory=list)
    error: dict | None = None
    stdout: str = ""
    stderr: str = ""
    journal: list = field(default_factory=list)
    seconds: float = 0.0  # the file's own run time, without the SDK import

    @property
    def ok(self) -> bool:
        return self.error is None

    def failure(self) -> str:
        """Readable account of a failed run, with the public URL put back."""
        error = self.error or {}
        text = error.get("traceback") or error.get("message") or "failed"
        if self.stderr.strip():
            text += "\nstderr:\n" + self.stderr
        return to_public(text, self.root_url).rstrip()


def run_batch(env: Env, jobs: Sequence[Job]) -> list[Run]:
    """Run `jobs` one after the other in one process of `env`'s Python."""
    with contextlib.ExitStack() as stack:
        tmp = Path(
            stack.enter_context(tempfile.TemporaryDirectory(prefix="sdk-matrix-"))
        )
        runs, manifest = [], []
        for index, job in enumerate(jobs):
            mock = stack.enter_context(MockServer())
            if job.prepare:
                job.prepare(mock)
            source = (
                job.path.read_text(encoding="utf-8") if job.text is None else job.text
            )
            rebased = to_gateway(source, mock.root_url)
            folder = tmp / str(index)
            folder.mkdir()
            target = folder / job.path.name
            target.write_text(rebased, encoding="utf-8")
            manifest.append({"file": str(target), "out": str(folder / "result.json")})
            runs.append((Run(env, job, rebased, mock.root_url), mock, folder))
        (tmp / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        env_vars = snippet_env(runs[0][1].key) if runs else {}
        problem = ""
        try:
            done = subprocess.run(
                [str(env.python), "-I", str(HARNESS), str(tmp / "manifest.json")],
                env=env_vars,
                cwd=tmp,
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
                stdin=subprocess.DEVNULL,
            )
            if done.returncode != 0:
                problem = f"the batch exited {done.returncode}:\n{done.stderr}"
        except subprocess.TimeoutExpired:
            problem = f"the batch did not finish within {TIMEOUT}s"
        results = []
        for run, mock, folder in runs:
            out = folder / "result.json"
            if out.is_file():
                recorded = json.loads(out.read_text(encoding="utf-8"))
                run.python = recorded["python"]
                run.prints = recorded["prints"]
                run.error = recorded["error"]
                run.stdout, run.stderr = recorded["stdout"], recorded["stderr"]
                run.seconds = recorded["seconds"]
            else:
                run.error = {
                    "type": "harness",
                    "message": problem or "no result written",
                }
            run.journal = list(mock.journal)
            results.append(run)
        return results


def run_all(
    batches: Sequence[tuple[Env, Sequence[Job]]], workers: int = 0
) -> list[Run]:
    """Run every batch, several at a time; results come back in batch order."""
    workers = workers or max(2, (os.cpu_count() or 2))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        done = pool.map(lambda batch: run_batch(*batch), batches)
        return [run for runs in done for run in runs]
