"""pytest fixtures for the mock gateway (registered as the ``ezrouter_mock`` plugin).

``ezrouter_mock`` is one server for the whole session (fast); ``ezrouter_mock_fresh``
is a server of its own per test, for tests that queue faults, read the journal or
depend on an empty prompt cache; ``ezrouter_mock_factory`` starts servers with custom
settings or a custom profile. Queue faults only on a server of your own: the session
server is shared by every test.
"""

from __future__ import annotations

import pytest

from .mock.http.server import MockServer


@pytest.fixture(scope="session")
def ezrouter_mock():
    with MockServer() as mock:
        yield mock


@pytest.fixture
def ezrouter_mock_fresh():
    with MockServer() as mock:
        yield mock


@pytest.fixture
def ezrouter_mock_factory():
    """Start servers with custom settings or profile; all are stopped after the test.

    ``mock = ezrouter_mock_factory(settings=MockSettings(pacing=0.05))``
    """
    started: list[MockServer] = []

    def make(**kwargs) -> MockServer:
        server = MockServer(**kwargs).start()
        started.append(server)
        return server

    yield make
    for server in started:
        server.stop()
