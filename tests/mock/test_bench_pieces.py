"""The pieces `make bench` is built from send requests both servers answer correctly.

Nothing here is timed: the benchmark prints figures, and these tests only make sure
that what it measures is a correct answer (a 200 with the expected shape) from the
mock and from aimock alike, and that wrk's Lua script sends those requests and
counts a wrong answer as a failure.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import sse

BENCH_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench.py"
_spec = importlib.util.spec_from_file_location("bench", BENCH_PATH)
bench = importlib.util.module_from_spec(_spec)
sys.modules["bench"] = bench  # dataclasses look their module up by name
_spec.loader.exec_module(bench)

SCENARIOS = {s.name: s for s in bench.SCENARIOS}
REPLY = "Hello! How can I help you today?"


def check_answer(scenario_name: str, status: int, body: str) -> None:
    """The answer has the shape a client of that surface expects."""
    assert status == 200, body[:300]
    assert SCENARIOS[scenario_name].expect in body
    if scenario_name == "anthropic json":
        message = json.loads(body)
        assert message["type"] == "message"
        assert [b["text"] for b in message["content"]] == [REPLY]
    elif scenario_name == "anthropic stream":
        events = sse.events(body)
        names = [name for name, _ in events]
        assert names[0] == "message_start" and names[-1] == "message_stop"
        deltas = [json.loads(d) for _, d in events]
        text = "".join(
            d["delta"]["text"] for d in deltas if d["type"] == "content_block_delta"
        )
        assert text == REPLY
    else:
        data = [d for _, d in sse.events(body)]
        assert data[-1] == "[DONE]"
        chunks = [json.loads(d) for d in data[:-1]]
        text = "".join(
            c["choices"][0]["delta"].get("content") or ""
            for c in chunks
            if c["choices"]
        )
        assert text == REPLY


def _mock_server(ezrouter_mock):
    return bench.Server("mock", ezrouter_mock.root_url, process=None, log=None)


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_mock_answers_each_scenario(ezrouter_mock, name):
    server = _mock_server(ezrouter_mock)
    status, body = bench.post(server, SCENARIOS[name], ezrouter_mock.key)
    check_answer(name, status, body)


def test_the_benchmark_starts_the_mock_with_its_own_key():
    """`make bench` starts `ezrouter-mock serve` itself; the key it then sends must be
    the one that server accepts (a reader's $EZROUTER_API_KEY is never taken)."""
    key = "sk-bench-test-key"
    server = bench.start_mock(key)
    try:
        bench.wait_ready(server, key)
        status, body = bench.post(server, SCENARIOS["anthropic json"], key)
        check_answer("anthropic json", status, body)
    finally:
        bench.stop(server)


@pytest.fixture(scope="module")
def aimock():
    if shutil.which("node") is None or not bench.AIMOCK_CLI.is_file():
        pytest.skip("aimock is not installed (`make bench` installs it with npm ci)")
    server = bench.start_aimock(bench.ensure_aimock())
    try:
        bench.wait_ready(server, "sk-any")
        yield server
    finally:
        bench.stop(server)


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_aimock_fixture_answers_each_scenario(aimock, name):
    status, body = bench.post(aimock, SCENARIOS[name], "sk-any")
    check_answer(name, status, body)


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed")
def test_wrk_script_sends_the_request_and_counts_wrong_answers(ezrouter_mock):
    server = _mock_server(ezrouter_mock)
    scenario = SCENARIOS["openai stream"]
    options = {"duration": 1, "connections": 1, "threads": 1, "check": True}
    wrk = shutil.which("wrk")

    good = bench.run_wrk(wrk, server, scenario, ezrouter_mock.key, **options)
    assert good.requests > 0 and good.failures == 0

    wrong = bench.Scenario(**{**scenario.__dict__, "expect": "never in any answer"})
    bad = bench.run_wrk(wrk, server, wrong, ezrouter_mock.key, **options)
    assert bad.requests > 0 and bad.failures == bad.requests


def assert_one_line_error(argv: list[str], status: int, message: str) -> None:
    """The command exits with `status` and says `message`, without a traceback."""
    done = subprocess.run(argv, capture_output=True, text=True, timeout=30)
    assert done.returncode == status
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_bad_flag_is_one_line_error():
    argv = [sys.executable, str(BENCH_PATH), "--rounds", "0"]
    assert_one_line_error(argv, 2, "--rounds: must be at least 1, got 0")


def _load_profile_stacks():
    path = BENCH_PATH.with_name("profile_stacks.py")
    spec = importlib.util.spec_from_file_location("profile_stacks", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_profile_stacks_splits_samples_into_stages(tmp_path):
    base = ";".join(
        [
            "Handle._run (asyncio/events.py:80)",
            "RequestContext.__call__ (ezrouter_mock/app.py:454)",
        ]
    )
    send = "RequestContext.__call__.<locals>.send_with_id (ezrouter_mock/app.py:452)"
    handler = "build_app.<locals>.openai_chat (ezrouter_mock/app.py:329)"
    idle = "Thread.join (threading.py:1119);Thread._wait_for_tstate_lock (x.py:1)"
    stacks = tmp_path / "stacks.txt"
    stacks.write_text(f"{base};{send} 3\n{base};{handler} 1\n{idle} 50\n")
    profile_stacks = _load_profile_stacks()
    report = profile_stacks.summarise(profile_stacks.read_samples(stacks))
    assert report.startswith("4 busy samples")  # the idle main thread is left out
    assert " 75.0%  send: serialise + write the response" in report
    assert " 25.0%  mock logic:" in report


def test_profile_stacks_rejects_a_file_that_is_not_py_spy_raw(tmp_path):
    stacks = tmp_path / "flame.svg"
    stacks.write_text("<svg>\n")
    argv = [sys.executable, str(BENCH_PATH.with_name("profile_stacks.py")), str(stacks)]
    assert_one_line_error(argv, 1, "not py-spy raw output (record with --format raw)")
