"""The strictly built docs site, shared by the browser, llms.txt and site-build tests.

Building takes a few seconds, so it happens at most once per test session, whichever
module asks first. The build is `mkdocs build --strict` in a subprocess, exactly what
CI and readers run, into a temporary directory (never the repo's `site/`). The server
mimics the deployed site: it serves under the path of `site_url` and answers unknown
URLs with the site's own 404.html, as GitHub Pages does.
"""

from __future__ import annotations

import atexit
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"


@dataclass(frozen=True)
class BuiltSite:
    dir: Path
    prefix: (
        str  # URL path the site lives under, from site_url: "/" or "/ezrouter-docs/"
    )
    page_paths: tuple[str, ...]  # every page in sitemap.xml, as site-relative paths
    use_directory_urls: bool
    log: str  # everything `mkdocs build --strict` printed (stdout, then stderr)


class BuildError(RuntimeError):
    pass


def build_site() -> BuiltSite:
    """Build once per session; a failed build raises BuildError with mkdocs' output."""
    result = _build()
    if isinstance(result, BuildError):
        raise result
    return result


@functools.cache
def _build() -> BuiltSite | BuildError:
    out = Path(tempfile.mkdtemp(prefix="ezrouter-site-")).resolve()
    atexit.register(shutil.rmtree, out, ignore_errors=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    log = proc.stdout + proc.stderr
    if proc.returncode != 0:
        tail = log.strip().splitlines()[-40:]
        return BuildError("mkdocs build --strict failed:\n" + "\n".join(tail))
    config = _load_config()
    prefix = urlsplit(config.site_url or "/").path or "/"
    if not prefix.endswith("/"):
        prefix += "/"
    return BuiltSite(
        dir=out,
        prefix=prefix,
        page_paths=tuple(_sitemap_paths(out / "sitemap.xml", prefix)),
        use_directory_urls=config.use_directory_urls,
        log=log,
    )


def _load_config():
    from mkdocs.config import load_config

    cwd = os.getcwd()
    os.chdir(ROOT)  # hooks and snippet paths resolve from the repo root
    try:
        return load_config(str(ROOT / "mkdocs.yml"))
    finally:
        os.chdir(cwd)


def _sitemap_paths(sitemap: Path, prefix: str) -> list[str]:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    paths = []
    for loc in ET.parse(sitemap).getroot().findall("s:url/s:loc", ns):
        path = urlsplit((loc.text or "").strip()).path
        paths.append(
            path[len(prefix) :] if path.startswith(prefix) else path.lstrip("/")
        )
    return paths


def page_path(src_uri: str, use_directory_urls: bool) -> str:
    """Site-relative URL path of the page built from docs/<src_uri> (MkDocs' rule)."""
    p = PurePosixPath(src_uri)
    stem = p.stem
    if stem in ("index", "README"):
        parent = str(p.parent)
        return "" if parent == "." else parent + "/"
    if use_directory_urls:
        return str(p.with_suffix("")) + "/"
    return str(p.with_suffix(".html"))


def resolve(site: BuiltSite, rel_path: str) -> Path | None:
    """The built file a site-relative URL path serves, or None (a 404)."""
    target = site.dir / unquote(rel_path)
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() and site.dir in target.resolve().parents else None


@contextmanager
def serve(site: BuiltSite) -> Iterator[str]:
    """Serve the site on a free loopback port; yields the site's base URL."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path):
            path = urlsplit(path).path
            if not path.startswith(site.prefix):
                return str(site.dir / "\0missing")
            return super().translate_path("/" + path[len(site.prefix) :])

        def send_error(self, code, message=None, explain=None):
            page = site.dir / "404.html"
            if code != 404 or not page.is_file():
                return super().send_error(code, message, explain)
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def log_message(self, format, *args):
            pass

    handler = functools.partial(Handler, directory=str(site.dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{site.prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
