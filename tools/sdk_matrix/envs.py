"""Lock files and virtual environments for the SDK lines, built with `uv`.

Each environment holds exactly what a reader has after `pip install` of that line:
the SDK and its dependencies, nothing of this project (no httpx unless the SDK pulls
it in, no pytest). Locked environments live under `.cache/sdk-matrix/`, named after
the lock's hash, so a changed lock builds a new one and an unchanged lock costs
nothing. `latest=True` resolves the line's requirement afresh (the drift workflow).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .lines import LINES, ROOT, Line

CACHE = ROOT / ".cache" / "sdk-matrix"
# Every lock is resolved for the oldest Python the project supports.
PYTHON_VERSION = "3.11"
LOCK_COMMAND = "make matrix-lock"


class EnvError(RuntimeError):
    """An environment could not be locked or built; the message says why."""


def uv() -> str:
    """The uv pinned in requirements.lock, installed next to this Python."""
    beside = Path(sys.executable).parent / "uv"
    found = str(beside) if beside.exists() else shutil.which("uv")
    if not found:
        raise EnvError(
            "uv is missing: run `make test` once to install requirements.lock"
        )
    return found


def _run(args: list[str], what: str, stdin: str | None = None) -> str:
    done = subprocess.run(args, input=stdin, capture_output=True, text=True)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise EnvError(f"{what} failed: {detail[-1] if detail else done.returncode}")
    return done.stdout


def lock(line: Line) -> Path:
    """Resolve `line` to its newest release and write its hashed lock."""
    line.lock.parent.mkdir(parents=True, exist_ok=True)
    _run(
        [
            uv(),
            "pip",
            "compile",
            "-",
            "--quiet",
            "--generate-hashes",
            "--upgrade",
            "--python-version",
            PYTHON_VERSION,
            "--custom-compile-command",
            LOCK_COMMAND,
            "-o",
            str(line.lock),
        ],
        f"locking {line.label}",
        stdin=line.requirement + "\n",
    )
    return line.lock


def locked_version(line: Line) -> str:
    """The release of the SDK that `line`'s lock pins."""
    if not line.lock.is_file():
        raise EnvError(
            f"{line.lock.relative_to(ROOT)} is missing: run `{LOCK_COMMAND}`"
        )
    match = re.search(
        rf"^{re.escape(line.sdk)}==(\S+)", line.lock.read_text(), flags=re.M
    )
    if not match:
        raise EnvError(f"{line.lock.name} does not pin {line.sdk}")
    return match.group(1)


@dataclass(frozen=True)
class Env:
    """A built environment: its interpreter and the SDK release in it."""

    line: Line
    python: Path
    version: str

    @property
    def pin(self) -> str:
        """``anthropic==1.17.0``: how test ids and reports name the environment."""
        return f"{self.line.sdk}=={self.version}"


def _create(directory: Path) -> Path:
    if directory.exists():
        shutil.rmtree(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    _run(
        [uv(), "venv", "--quiet", "--python", sys.executable, str(directory)],
        f"creating {directory.name}",
    )
    return directory / "bin" / "python"


def build(line: Line, *, latest: bool = False) -> Env:
    """The environment for `line`: from its lock (cached), or the newest release."""
    if latest:
        python = _create(CACHE / "latest" / line.name)
        _run(
            [
                uv(),
                "pip",
                "install",
                "--quiet",
                "--python",
                str(python),
                line.requirement,
            ],
            f"installing the newest {line.label}",
        )
        version = _run(
            [
                str(python),
                "-c",
                f"import importlib.metadata as m; print(m.version({line.sdk!r}))",
            ],
            f"reading the {line.sdk} version",
        ).strip()
        return Env(line, python, version)
    version = locked_version(line)
    digest = hashlib.sha256(line.lock.read_bytes() + sys.version.encode()).hexdigest()
    directory = CACHE / f"{line.name}-{digest[:12]}"
    python = directory / "bin" / "python"
    done = directory / ".complete"
    if not done.exists():
        python = _create(directory)
        _run(
            [
                uv(),
                "pip",
                "sync",
                "--quiet",
                "--require-hashes",
                "--python",
                str(python),
                str(line.lock),
            ],
            f"installing {line.lock.name}",
        )
        done.touch()
    return Env(line, python, version)


def build_all(
    lines: tuple[Line, ...] = LINES, *, latest: bool = False
) -> dict[str, Env]:
    return {line.name: build(line, latest=latest) for line in lines}
