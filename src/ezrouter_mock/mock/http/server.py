"""Run the mock gateway in-process: an event loop in a thread on a loopback port.

    with MockServer() as mock:
        client = anthropic.Anthropic(base_url=mock.anthropic_url, api_key=mock.key)

The socket is bound before the thread starts, so the port is known (and connectable)
as soon as the context manager returns. The loop is uvloop's where it is installed;
the connections are served by protocol.py.
"""

from __future__ import annotations

import asyncio
import functools
import socket
import threading
from pathlib import Path

from ...profile import Profile, load_profile
from .app import App, MockState
from .protocol import Connections
from .settings import MockSettings

try:
    import uvloop
except ImportError:  # pragma: no cover - uvloop does not build on Windows
    uvloop = None

DEFAULT_KEY = "sk-ezrouter-mock-local-key"

__all__ = ["MockServer", "MockSettings", "DEFAULT_KEY"]


@functools.cache
def _packaged_profile() -> Profile:
    """The packaged profile, loaded once per process (profiles are never mutated:
    with_entry / without_divergences return copies)."""
    return load_profile()


class MockServer:
    def __init__(
        self,
        keys: list[str] | str | None = None,
        profile: Profile | str | Path | None = None,
        port: int = 0,
        host: str = "127.0.0.1",
        settings: MockSettings | None = None,
    ):
        if isinstance(keys, str):
            keys = [keys]
        keys = [k for k in (keys or []) if k] or [DEFAULT_KEY]
        if profile is None:
            profile = _packaged_profile()
        elif isinstance(profile, str | Path):
            profile = load_profile(profile)
        self.keys = keys
        self.host = host
        self.state = MockState(profile, keys, settings)
        self._requested_port = port
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None
        self.port: int | None = None

    # -- public surface ------------------------------------------------------------
    @property
    def key(self) -> str:
        return self.keys[0]

    @property
    def root_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def anthropic_url(self) -> str:
        return self.root_url + "/anthropic"

    @property
    def openai_url(self) -> str:
        return self.root_url + "/v1"

    @property
    def faults(self):
        return self.state.faults

    @property
    def journal(self):
        return self.state.journal

    @property
    def profile(self) -> Profile:
        return self.state.profile

    @property
    def settings(self) -> MockSettings:
        return self.state.settings

    @property
    def cache(self):
        """The prompt cache (``mock.cache.clear()`` forgets every cached prefix)."""
        return self.state.engine.cache

    def reset(self) -> None:
        """Forget queued faults, the journal and the prompt cache."""
        self.faults.clear()
        self.journal.clear()
        self.cache.clear()

    # -- lifecycle -----------------------------------------------------------------
    def start(self) -> MockServer:
        if self._thread is not None:
            return self
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on accepted sockets
        # whose proto is TCP; without it each response waits ~40 ms for delayed ACKs.
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self._requested_port))
        sock.listen(2048)
        sock.setblocking(False)
        self._socket = sock
        self.port = sock.getsockname()[1]
        self.state.closing.clear()
        ready = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(sock, ready), name="ezrouter-mock", daemon=True
        )
        self._thread.start()
        ready.wait(10)
        return self

    def _run(self, sock: socket.socket, ready: threading.Event) -> None:
        loop = uvloop.new_event_loop() if uvloop else asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            shared = loop.run_until_complete(self._listen(sock))
            self._loop = loop
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self._shutdown(shared))
        finally:
            ready.set()
            self._loop = None
            loop.close()

    async def _listen(self, sock: socket.socket) -> Connections:
        shared = Connections(App(self.state), self.state.settings)
        shared.server = await asyncio.get_running_loop().create_server(
            shared.protocol, sock=sock, backlog=2048
        )
        return shared

    async def _shutdown(self, shared: Connections, grace: float = 2.0) -> None:
        """Stop accepting, end pending hangs (their clients get the 504), give busy
        connections ``grace`` seconds, then close every connection."""
        shared.server.close()
        for waiter in list(shared.hangs):
            if not waiter.done():
                waiter.set_result(None)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + grace
        while any(c.busy for c in shared.open) and loop.time() < deadline:
            await asyncio.sleep(0.02)
        for conn in list(shared.open):
            conn.transport.close()
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        shared.app.workers.shutdown(wait=False, cancel_futures=True)

    def stop(self) -> None:
        if self._thread is None:
            return
        self.state.closing.set()
        loop = self._loop
        if loop is not None:
            loop.call_soon_threadsafe(loop.stop)
        self._thread.join(timeout=10)
        if self._socket is not None:
            self._socket.close()
        self._thread = None

    def serve_forever(self) -> None:
        """Block until Ctrl-C (used by ``ezrouter-mock serve``)."""
        self.start()
        try:
            while self._thread is not None and self._thread.is_alive():
                self._thread.join(timeout=0.5)
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()

    def __enter__(self) -> MockServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"MockServer({self.root_url if self.port else 'not started'})"
