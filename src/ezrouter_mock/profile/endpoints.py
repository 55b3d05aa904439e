"""Where a gateway's surfaces live under its root, and which key a local mock takes.

Every command that points something at a gateway (``serve``, ``run --gateway``,
``probe``, ``make serve``) uses these, so they agree on three things a reader has to
get right: a gateway is named by its root (the SDKs add ``/anthropic`` or ``/v1``
themselves via their base URL), a loopback gateway is the mock, and the mock's key is
one documented local key unless ``EZROUTER_MOCK_KEY`` says otherwise. The reader's
``EZROUTER_API_KEY`` may hold a real key, so it is never taken as the mock's key.

It lives beside the profile because it is the one layer every command (the probe
included) may import.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from urllib.parse import urlsplit

#: The key every local mock accepts unless told otherwise; not a secret (it opens
#: nothing but a mock on this machine), so commands print it.
LOCAL_KEY = "sk-ezrouter-mock-local-key"
#: Environment variable that replaces :data:`LOCAL_KEY` for every local command.
LOCAL_KEY_ENV = "EZROUTER_MOCK_KEY"
#: Where each surface lives under the root (what an SDK's base URL ends with).
SURFACE_PATHS = {"anthropic": "/anthropic", "openai": "/v1"}


class GatewayUrlError(ValueError):
    """A gateway URL of the wrong shape; the message is one line for the reader."""


def local_key(environ: Mapping[str, str] | None = None) -> str:
    """A local mock's key: ``$EZROUTER_MOCK_KEY`` if set, else :data:`LOCAL_KEY`."""
    env = os.environ if environ is None else environ
    return env.get(LOCAL_KEY_ENV, "").strip() or LOCAL_KEY


def gateway_root(url: str, option: str = "--gateway") -> str:
    """``url`` as a gateway root (``scheme://host[:port]``), or a one-line error that
    says what to pass instead (a surface URL gets its root suggested)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise GatewayUrlError(f"{option} must be an http(s) URL, not {url!r}")
    root = f"{parts.scheme}://{parts.netloc}"
    path = parts.path.rstrip("/")
    if path in SURFACE_PATHS.values():
        raise GatewayUrlError(
            f"{option} takes the gateway root, not a surface's base URL: pass {root} "
            f"({path} belongs in an SDK's base URL, not here)"
        )
    if path or parts.query or parts.fragment:
        raise GatewayUrlError(
            f"{option} must be the gateway root without a path, such as {root} "
            f"(not {url!r})"
        )
    return root


def is_loopback(url: str) -> bool:
    """True for a URL on this machine (127.0.0.0/8, ::1 or localhost)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
