"""No request can hold up another (issue 11): while the heaviest requests the mock
accepts are in flight, light requests on other connections keep being answered.

A guard against a stalled event loop, not a timing assertion: each light request
must finish within a generous 2 s. The measured figure (the worst light latency
under load) is printed by `make bench` (benchmarks/isolation.py).
"""

from __future__ import annotations

import http.client
import importlib.util
import threading
import time
from pathlib import Path

PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "isolation.py"
_spec = importlib.util.spec_from_file_location("isolation", PATH)
isolation = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(isolation)


def test_light_requests_are_answered_while_heavy_ones_run(ezrouter_mock_fresh):
    mock = ezrouter_mock_fresh
    statuses: dict[str, int] = {}

    def heavy(name: str, body: bytes) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", mock.port, timeout=120)
        statuses[name] = isolation.send(conn, body, mock.key)
        conn.close()

    threads = [
        threading.Thread(target=heavy, args=item)
        for item in isolation.heavy_bodies().items()
    ]
    for thread in threads:
        thread.start()
    light = http.client.HTTPConnection("127.0.0.1", mock.port, timeout=10)
    latencies = []
    while any(t.is_alive() for t in threads) or len(latencies) < 3:
        start = time.perf_counter()
        assert isolation.send(light, isolation.LIGHT, mock.key) == 200
        latencies.append(time.perf_counter() - start)
    light.close()
    for thread in threads:
        thread.join()
    assert statuses == dict.fromkeys(statuses, 200) and len(statuses) == 4
    assert max(latencies) < 2.0, f"a light request waited {max(latencies):.2f} s"
