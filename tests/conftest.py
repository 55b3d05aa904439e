"""Options and fixtures shared by every test module.

`gateway` is what a test talks to: a fresh local mock by default (loopback only, no key
needed), or the live gateway with `pytest --live` / `EZROUTER_LIVE=1` and the reader's
`EZROUTER_API_KEY`. Tests written against `gateway` run unchanged in both modes.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# The live gateway. EZROUTER_LIVE_ROOT points live mode somewhere else (a staging
# gateway, or `make serve`'s mock to rehearse a live run offline).
LIVE_ROOT = os.environ.get("EZROUTER_LIVE_ROOT", "https://www.ezrouter.dev")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--live",
        action="store_true",
        default=False,
        help=(
            "run against https://www.ezrouter.dev with $EZROUTER_API_KEY instead of "
            "the local mock (same as EZROUTER_LIVE=1)"
        ),
    )


def live_requested(config: pytest.Config) -> bool:
    """True when the run was asked to use the live gateway."""
    flag = os.environ.get("EZROUTER_LIVE", "").strip().lower()
    return bool(config.getoption("--live")) or flag not in ("", "0", "false", "no")


@dataclass(frozen=True)
class GatewayTarget:
    """Where a test sends its requests, and with which key."""

    root_url: str
    key: str
    live: bool
    mock: Any = None  # the MockServer when not live


@pytest.fixture
def gateway(request: pytest.FixtureRequest) -> GatewayTarget:
    """A fresh mock per test (default) or the live gateway (`--live`)."""
    if live_requested(request.config):
        key = os.environ.get("EZROUTER_API_KEY", "")
        if not key:
            pytest.skip("live mode needs EZROUTER_API_KEY in the environment")
        return GatewayTarget(root_url=LIVE_ROOT, key=key, live=True)
    mock = request.getfixturevalue("ezrouter_mock_fresh")
    return GatewayTarget(root_url=mock.root_url, key=mock.key, live=False, mock=mock)


@pytest.fixture(scope="session")
def node():
    """The pinned Node and npm packages that `npm ci` installs (TypeScript snippets).

    Skipped with the reason when missing, except in CI (`CI` set), which must run them.
    """
    from ezrouter_mock.typescript import NodeMissing, find_node

    try:
        return find_node(Path(__file__).resolve().parents[1])
    except NodeMissing as exc:
        reason = str(exc)
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail(f"CI runs the TypeScript snippets: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def site():
    """The strictly built docs site (support/built_site.py), built once per session.

    Module scope on purpose: test_browser.py's Playwright fixtures depend on it, and
    Playwright's sync API keeps an event loop running in this thread until it stops,
    which would break asyncio.run() in every later test module.
    """
    from support.built_site import BuildError, build_site

    try:
        return build_site()
    except BuildError as exc:
        failure = str(exc)
    pytest.fail(failure, pytrace=False)


def _is_loopback(address: object) -> bool:
    if not isinstance(address, tuple):  # AF_UNIX paths and the like
        return True
    host = str(address[0])
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True, scope="session")
def _loopback_only(request: pytest.FixtureRequest):
    """Outside live mode, code in this process may only connect to loopback.

    Snippets run in-process, so a snippet whose URL escaped the swap would otherwise
    quietly call the real gateway. Child processes (curl, Claude Code) are kept local
    by the swap and by `ezrouter_mock.snippets.snippet_env`.
    """
    if live_requested(request.config):
        yield
        return
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def refuse(address: object) -> None:
        if not _is_loopback(address):
            raise OSError(
                errno.ENETUNREACH,
                f"tests run on loopback only; connection to {address!r} refused "
                "(use --live to reach the real gateway)",
            )

    def connect(self, address):
        refuse(address)
        return real_connect(self, address)

    def connect_ex(self, address):
        refuse(address)
        return real_connect_ex(self, address)

    socket.socket.connect, socket.socket.connect_ex = connect, connect_ex
    try:
        yield
    finally:
        socket.socket.connect, socket.socket.connect_ex = real_connect, real_connect_ex
