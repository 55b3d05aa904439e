"""`mkdocs serve` whose port answers from the start, while the first build runs.

Plain `mkdocs serve` builds the whole site (notebooks included) before it listens, so
for the first seconds of `make serve` the docs address refuses connections and a reader
who opened it early sees a browser error. Here the same dev server (same build, same
live reload, same pages) listens at once and, until the first build is done, answers
every request with a short "building" page that reloads itself; then it serves the
site exactly as `mkdocs serve` does.

    python -m tools.docs_live serve --dev-addr 127.0.0.1:8000   # any `mkdocs` arguments
"""

from __future__ import annotations

import logging
import sys

import mkdocs.commands.serve
from mkdocs.__main__ import cli
from mkdocs.livereload import LiveReloadServer, _Handler

log = logging.getLogger("mkdocs.commands.serve")

BUILDING = b"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="1"><title>Building the docs</title></head>
<body><p>Building the docs&hellip; this page reloads itself when they are ready.</p>
</body></html>
"""


class _BuildingHandler(_Handler):
    """Logs "building" answers quietly: mkdocs counts a logged warning during the
    build against `strict: true`, and a reader's early request is no fault."""

    def log_request(self, code="-", size="-"):
        if self.server._built:
            super().log_request(code, size)
        else:
            log.debug(f'"{self.requestline}" code {code} (building)')


class EarlyServer(LiveReloadServer):
    """mkdocs' live-reload server, listening before the first build instead of after."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._built = False
        self.RequestHandlerClass = _BuildingHandler
        self.server_bind()
        self.server_activate()
        # a failed first build must end the process, not leave it serving this page
        self.serve_thread.daemon = True
        self.serve_thread.start()
        log.info(f"Serving on {self.url} (building the site first)")

    def serve_request(self, environ, start_response):
        if not self._built:
            start_response(
                "503 Service Unavailable",
                [
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Retry-After", "1"),
                    ("Cache-Control", "no-store"),
                ],
            )
            return [BUILDING]
        return super().serve_request(environ, start_response)

    def serve(self, *, open_in_browser: bool = False) -> None:
        """LiveReloadServer.serve once bound: watch, then rebuild on change."""
        self._built = True
        if self._watched_paths:
            self.observer.start()
        log.info(f"Serving on {self.url}")
        self._build_loop()


def main(argv: list[str]) -> None:
    mkdocs.commands.serve.LiveReloadServer = EarlyServer
    cli.main(args=argv, prog_name="mkdocs")


if __name__ == "__main__":
    main(sys.argv[1:])
