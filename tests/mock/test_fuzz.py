"""A bounded fuzz pass in every test run (tools/fuzz.py): requests generated from the
vendored upstream request schemas, valid and mutated, over both surfaces. No answer is
a 5xx, every error is ezrouter's envelope with the request id, and the server still
answers afterwards (issue 11). ``python -m tools.fuzz`` runs a longer campaign."""

from __future__ import annotations

import socket

import httpx
import pytest

from tools import fuzz

CASES = 2000
SEED = 20261202


def test_fuzz_pass_finds_no_5xx_and_only_enveloped_errors(ezrouter_mock_fresh):
    mock = ezrouter_mock_fresh
    report = fuzz.run(mock.root_url, mock.key, CASES, SEED)
    print(report.summary())
    assert report.failures == []
    assert report.still_serving
    assert report.cases == CASES
    # the pass really covered every operation, both kinds, and both outcomes
    assert set(report.operations) == {op for _, op, _, _ in fuzz.OPERATIONS}
    assert {"valid", "mutated", "raw"} <= set(report.kinds)
    assert report.statuses[200] >= CASES // 20 and report.statuses[400] >= CASES // 4


def test_the_checks_catch_a_bad_answer():
    """problem() is not a check that cannot fail."""
    ok = {"x-oneapi-request-id": "r1"}
    envelope = {"error": {"code": "c", "message": "m (request id: r1)", "type": "t"}}
    assert fuzz.problem(httpx.Response(400, json=envelope, headers=ok)) is None
    assert fuzz.problem(httpx.Response(200, headers=ok)) is None
    assert "HTTP 500" in fuzz.problem(httpx.Response(500, json=envelope, headers=ok))
    assert "without" in fuzz.problem(httpx.Response(400, json=envelope))
    assert "envelope" in fuzz.problem(
        httpx.Response(400, json={"detail": "x"}, headers=ok)
    )
    lost = {"error": {**envelope["error"], "message": "m"}}
    assert "request id" in fuzz.problem(httpx.Response(400, json=lost, headers=ok))


def test_the_campaign_command_prints_the_counts(capsys):
    assert fuzz.main(["--cases", "30", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("cases: 30 in ") and "failures: 0" in out
    assert "statuses: " in out and "still serving afterwards: yes" in out


def test_the_campaign_command_refuses_bad_arguments(capsys):
    with pytest.raises(SystemExit) as caught:
        fuzz.main(["--cases", "0"])
    assert caught.value.code == 2
    assert "--cases must be at least 1" in capsys.readouterr().err
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        gone = f"http://127.0.0.1:{sock.getsockname()[1]}"
    assert fuzz.main(["--cases", "5", "--gateway", gone, "--key", "k"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("fuzz: cannot use the gateway") and err.count("\n") == 1
