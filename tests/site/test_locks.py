"""The two locks agree, and the serve lock holds what serving needs.

`make serve` installs requirements-serve.lock alone and `make test` then adds
requirements.lock to the same .venv; a package pinned differently in the two would be
swapped back and forth, and the site a reader serves would be built with other versions
than the one the tests check. `make lock` writes both (the subset under `-c` the full
one); these tests catch a hand edit or a lock refreshed halfway.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tools import fetch_uv

ROOT = Path(__file__).resolve().parents[2]
ENTRY = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)(.*?)(?=^\S|\Z)", re.M | re.S)


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _entries(path: Path) -> dict[str, tuple[str, str, frozenset[str]]]:
    """{name: (version, environment marker, hashes)} of a hashed requirements file."""
    entries = {}
    for name, version, rest in ENTRY.findall(path.read_text()):
        marker = rest.split("\\", 1)[0].strip().lstrip(";").strip()
        entries[_canonical(name)] = (
            version,
            marker,
            frozenset(re.findall(r"--hash=sha256:(\w+)", rest)),
        )
    return entries


FULL = _entries(ROOT / "requirements.lock")
SERVE = _entries(ROOT / "requirements-serve.lock")


def test_every_serve_pin_is_the_full_locks_pin():
    assert SERVE, "requirements-serve.lock pins nothing"
    differ = {
        name: (pin[:2], FULL.get(name, ("missing", ""))[:2])
        for name, pin in SERVE.items()
        if FULL.get(name) != pin
    }
    assert not differ, f"pinned differently (serve, full); run `make lock`: {differ}"


def test_serve_lock_holds_the_runtime_and_docs_dependencies_only():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    wanted = [
        *project["project"]["dependencies"],
        *project["project"]["optional-dependencies"]["docs"],
        *project["dependency-groups"]["build"],
    ]
    names = {_canonical(re.split(r"[<>=!~;\[ ]", req, maxsplit=1)[0]) for req in wanted}
    assert names <= SERVE.keys(), f"missing from the serve lock: {names - SERVE.keys()}"
    test_only = {"pytest", "playwright", "zizmor", "anthropic", "openai", "ruff"}
    assert not test_only & SERVE.keys(), "test-only packages in the serve lock"


def test_fetch_uv_reads_the_locks_uv_pin():
    version, hashes = fetch_uv.pinned((ROOT / "requirements.lock").read_text())
    assert (version, frozenset(hashes)) == FULL["uv"][::2]


def _listing(tag: str, sha: str) -> list[dict]:
    return [
        {
            "filename": f"uv-1.0.0-py3-none-{tag}.whl",
            "url": f"https://files.example/{tag}",
            "hashes": {"sha256": sha},
        }
    ]


def test_fetch_uv_takes_this_machines_wheel_with_a_locked_hash():
    tag = fetch_uv.platform_tags()[-1]
    listing = _listing("win_amd64", "a") + _listing(tag, "b")
    assert fetch_uv.choose(listing, "1.0.0", {"a", "b"})["url"].endswith(tag)
    with pytest.raises(fetch_uv.FetchError, match="with a hash the lock lists"):
        fetch_uv.choose(listing, "1.0.0", {"a", "c"})
