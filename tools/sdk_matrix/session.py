"""One matrix run: which files go to which environment, run concurrently, checked.

Shared by the tests (tests/clients/test_sdk_matrix.py) and the command line
(`__main__`), so `make matrix-record`, the test suite and the drift workflow all
measure the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import behaviour, compare, support
from .envs import Env, build
from .lines import LINES, SNIPPETS, Line, matrix_snippets
from .runner import Job, Run, run_all


@dataclass
class Results:
    envs: dict[str, Env]
    snippet_runs: dict[tuple[str, str], Run] = field(default_factory=dict)
    probe_runs: list[Run] = field(default_factory=list)

    def measured(self) -> dict:
        """The client-matrix record of this run (needs probes in every env)."""
        return behaviour.measure(self.envs, self.probe_runs)


def run(
    pairs: Iterable[tuple[Path, Line]],
    *,
    probes: Iterable[Line] = (),
    latest: bool = False,
) -> Results:
    """Run each (snippet, line) pair and the probes of `probes`, all concurrently."""
    pairs, probes = list(pairs), list(probes)
    needed = sorted({line for _, line in pairs} | set(probes), key=LINES.index)
    envs = {line.name: build(line, latest=latest) for line in needed}
    # One child process per environment: importing an SDK costs more CPU than most
    # snippets, so each environment imports it once; environments run in parallel.
    batches: list[tuple[Env, list[Job]]] = []
    for line in needed:
        jobs = behaviour.probe_jobs(line.sdk) if line in probes else []
        jobs += [Job(path) for path, mine in pairs if mine == line]
        batches.append((envs[line.name], jobs))
    results = Results(envs)
    for done in run_all(batches):
        if done.job.path.is_relative_to(SNIPPETS):
            key = (done.job.path.relative_to(SNIPPETS).as_posix(), done.env.line.name)
            results.snippet_runs[key] = done
        else:
            results.probe_runs.append(done)
    return results


def all_pairs() -> list[tuple[Path, Line]]:
    return [
        (path, line)
        for path, sdk in matrix_snippets()
        for line in LINES
        if line.sdk == sdk
    ]


def verdict(run: Run, mark: support.Mark | None) -> tuple[str, str]:
    """("pass" | "skip" | "fail", message) for one snippet run on one line."""
    name = run.job.path.relative_to(SNIPPETS).as_posix()
    where = f"snippets/{name}[{run.env.pin}]"
    diff = compare.output_diff(run.job.path, run.source, run.prints) if run.ok else ""
    if mark is not None:
        if run.ok and not diff:
            return "fail", (
                f"{where} is marked as not working on {run.env.line.label} in "
                "matrix/support.yaml, but it ran and printed what its page shows: "
                "remove the mark"
            )
        return "skip", f"{where}: {mark.reason}"
    if not run.ok:
        return "fail", f"{where} failed:\n{run.failure()}"
    if diff:
        return "fail", f"{where} printed something else than its #> lines:\n{diff}"
    return "pass", ""
