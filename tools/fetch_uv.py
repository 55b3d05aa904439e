"""Put the uv that requirements.lock pins into .venv, before anything else is installed.

`make` installs every Python package with uv, so uv has to come first, and without
pip: creating a venv with pip in it and then running pip takes tens of seconds on a
busy 2-core machine, most of a first `make serve`. This script needs only the standard
library. It reads uv's version and hashes from the lock, asks the package index (PyPI's
JSON simple API) for that release's wheels, takes the one built for this machine whose
sha256 the lock lists, checks the download against it, and unpacks only the `uv`
binary. So uv is as pinned and hash-checked as everything it then installs.

    python3 tools/fetch_uv.py requirements.lock .venv/bootstrap/uv
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import shutil
import sys
import tempfile
import urllib.request
import zipfile
from pathlib import Path

INDEX = os.environ.get("UV_DEFAULT_INDEX", "https://pypi.org/simple").rstrip("/")


class FetchError(Exception):
    """A one-line reason why uv could not be put in place."""


def pinned(lock_text: str) -> tuple[str, set[str]]:
    """uv's pinned version and the sha256 hashes the lock allows for it."""
    match = re.search(r"^uv==(\S+)((?:\s*\\\n\s*--hash=sha256:\w+)+)", lock_text, re.M)
    if not match:
        raise FetchError("the lock pins no uv (uv==VERSION with --hash lines)")
    return match.group(1), set(re.findall(r"sha256:(\w+)", match.group(2)))


def platform_tags() -> list[str]:
    """Wheel platform tags this machine runs, best first (enough for uv's wheels)."""
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)
    if sys.platform.startswith("linux"):
        try:
            libc = os.confstr("CS_GNU_LIBC_VERSION") or ""
        except (ValueError, OSError):
            libc = ""
        glibc = re.match(r"glibc (\d+)\.(\d+)", libc)
        if glibc:
            major, minor = int(glibc.group(1)), int(glibc.group(2))
            tags = [f"manylinux_{major}_{m}_{machine}" for m in range(minor, 4, -1)]
            return tags + [f"manylinux2014_{machine}"]
        return [f"musllinux_1_{m}_{machine}" for m in range(2, 0, -1)]
    if sys.platform == "darwin":
        arch = "arm64" if machine == "aarch64" else machine
        major, minor = (int(x) for x in (platform.mac_ver()[0] + ".0").split(".")[:2])
        versions = [(v, 0) for v in range(major, 10, -1)]
        versions += [(10, m) for m in range(minor if major == 10 else 16, -1, -1)]
        return [f"macosx_{a}_{b}_{arch}" for a, b in versions]
    raise FetchError(f"no uv wheel for {sys.platform}: install uv by hand")


def choose(files: list[dict], version: str, hashes: set[str]) -> dict:
    """The wheel of `version` for this machine whose hash the lock lists."""
    tags = platform_tags()
    best: tuple[int, dict] | None = None
    for entry in files:
        name = entry["filename"]
        if not name.startswith(f"uv-{version}-") or not name.endswith(".whl"):
            continue
        wheel_tags = name[:-4].split("-")[-1].split(".")
        ranks = [tags.index(tag) for tag in wheel_tags if tag in tags]
        if ranks and entry["hashes"].get("sha256") in hashes:
            if best is None or min(ranks) < best[0]:
                best = (min(ranks), entry)
    if best is None:
        raise FetchError(
            f"the index has no uv {version} wheel for {tags[0]} "
            "with a hash the lock lists"
        )
    return best[1]


def fetch(lock: Path, dest: Path) -> str:
    """Put the pinned uv binary at `dest`; return what was done, in one line."""
    version, hashes = pinned(lock.read_text())
    request = urllib.request.Request(
        f"{INDEX}/uv/", headers={"Accept": "application/vnd.pypi.simple.v1+json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            files = json.load(answer)["files"]
        wheel = choose(files, version, hashes)
        dest.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile() as temp:
            digest = hashlib.sha256()
            with urllib.request.urlopen(wheel["url"], timeout=120) as answer:
                while chunk := answer.read(1 << 20):
                    digest.update(chunk)
                    temp.write(chunk)
            if digest.hexdigest() != wheel["hashes"]["sha256"]:
                raise FetchError(f"{wheel['filename']} does not match its hash")
            temp.seek(0)
            with zipfile.ZipFile(temp) as archive:
                member = f"uv-{version}.data/scripts/uv"
                partial = dest.with_name(dest.name + ".partial")
                with archive.open(member) as src, open(partial, "wb") as out:
                    shutil.copyfileobj(src, out)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise FetchError(f"cannot fetch uv {version} from {INDEX}: {exc}") from None
    partial.chmod(0o755)
    partial.replace(dest)
    return f"uv {version} ({wheel['filename']}, sha256 checked) -> {dest}"


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python3 tools/fetch_uv.py LOCK DEST", file=sys.stderr)
        return 2
    try:
        print(fetch(Path(argv[0]), Path(argv[1])))
    except FetchError as exc:
        print(f"fetch_uv: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
