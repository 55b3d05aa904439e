"""The probe: against the mock it finds no difference from the profile; flipping one
profile entry (or turning a divergence off in the mock) turns the exit status non-zero;
its JSON and its terminal table agree; bad input gets one clear line, never the key."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest
import yaml

from ezrouter_mock.cli import parser_for
from ezrouter_mock.mock.http.server import MockServer, MockSettings
from ezrouter_mock.probe import ProbeConfig, command, run_probe, run_sync
from ezrouter_mock.probe.checks import WORKS_OR_IGNORED
from ezrouter_mock.probe.http import FatalProbeError, GatewayClient
from ezrouter_mock.probe.report import MISMATCH
from ezrouter_mock.profile import DEFAULT_PATH, FEATURES, load_profile
from ezrouter_mock.profile.features import SUPPORTS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def mock():
    with MockServer() as server:
        yield server


@pytest.fixture(scope="module")
def full_run(mock, tmp_path_factory):
    """One full probe of every model, surface and feature against the mock."""
    out = tmp_path_factory.mktemp("probe") / "probe.json"
    stdout, stderr = _Capture(), _Capture()
    code = _main(
        ["--base-url", mock.root_url, "--key", mock.key, "--json", str(out)],
        stdout,
        stderr,
    )
    return code, stdout.text, stderr.text, json.loads(out.read_text())


class _Capture:
    def __init__(self):
        self.parts = []

    def write(self, text):
        self.parts.append(text)

    def flush(self):
        pass

    def isatty(self):
        return False

    @property
    def text(self):
        return "".join(self.parts)


def _main(argv, stdout=None, stderr=None):
    args = parser_for(command, "ezrouter-mock probe").parse_args(argv)
    return command.main(args, stdout=stdout or _Capture(), stderr=stderr or _Capture())


def _expected_checks(profile):
    per_model = sum(len(s) for s in FEATURES.values()) + 2  # two divergence checks
    return per_model * len(profile.models)


def test_full_probe_of_the_mock_finds_no_difference(full_run):
    code, stdout, stderr, report = full_run
    assert code == 0, stdout
    assert report["differences"] == []
    assert "no differences from the profile" in stdout
    assert len(report["results"]) == _expected_checks(load_profile())
    assert all(r["match"] for r in report["results"])
    # every support value and both divergence outcomes were actually observed, and
    # nothing outside the tables' words (plus "works/ignored", "present", "error")
    seen = {r["result"] for r in report["results"]}
    assert {*SUPPORTS, WORKS_OR_IGNORED, "present"} <= seen
    assert seen <= {*SUPPORTS, WORKS_OR_IGNORED, "present", "absent", "error"}
    deltas = [r for r in report["results"] if r["check"] == "tool_call_deltas"]
    assert {r["model"]: r["result"] for r in deltas}["claude-opus-4-7"] == "works"
    assert {r["model"]: r["result"] for r in deltas}["glm-5.1"] == "broken"


def test_progress_is_reported_per_check(full_run):
    _, _, stderr, report = full_run
    lines = [ln for ln in stderr.splitlines() if ln.startswith("[")]
    assert len(lines) == len(report["results"])
    assert lines[-1].startswith(f"[{len(lines)}/{len(lines)}]")


def _parse_table(stdout: str) -> dict[tuple[str, str, str], str]:
    cells = {}
    blocks = stdout.split("\n\n")
    for block in blocks:
        lines = block.splitlines()
        if len(lines) < 3 or not lines[0].endswith(
            tuple(m.id for m in load_profile().models)
        ):
            continue
        head = lines[0].split()
        surface, models = head[0], head[2:]
        for line in lines[2:]:
            check, *values = line.split()
            for model, value in zip(models, values, strict=True):
                cells[(model, surface, check)] = value
    return cells


def test_json_and_terminal_table_agree(full_run):
    _, stdout, _, report = full_run
    table = _parse_table(stdout)
    from_json = {
        (r["model"], r["surface"], r["check"]): r["result"]
        + ("" if r["match"] else MISMATCH)
        for r in report["results"]
    }
    assert table == from_json


def _flipped_profile_file(tmp_path: Path) -> Path:
    raw = yaml.safe_load(DEFAULT_PATH.read_text())
    raw["models"]["kimi-k2.6"]["overrides"]["openai"]["json_mode"] = {
        "support": "ignored",
        "status": "assumed",
        "note": "flipped by a test",
    }
    path = tmp_path / "flipped.yaml"
    path.write_text(yaml.safe_dump(raw))
    return path


def test_flipping_one_profile_entry_makes_the_probe_fail(mock, tmp_path):
    flipped = _flipped_profile_file(tmp_path)
    base = ["--base-url", mock.root_url, "--key", mock.key, "--model", "kimi-k2.6"]
    narrow = base + [
        "--surface",
        "openai",
        "--feature",
        "json_mode",
        "--feature",
        "text",
    ]
    assert _main(narrow) == 0
    stdout = _Capture()
    assert _main(narrow + ["--profile", str(flipped)], stdout) == 1
    assert "1 difference(s)" in stdout.text
    assert "kimi-k2.6 / openai / json_mode: got works, profile says ignored" in (
        stdout.text
    )
    assert f"works{MISMATCH}" in stdout.text


def test_with_entry_difference_is_reported_by_the_api(mock):
    profile = load_profile().with_entry(
        "claude-opus-4-7", "anthropic", "thinking_enabled", "ignored"
    )
    config = ProbeConfig(
        base_url=mock.root_url,
        key=mock.key,
        models=["claude-opus-4-7"],
        surfaces=["anthropic"],
        features=["thinking_enabled", "cache_explicit"],
    )
    report = run_sync(run_probe(config, profile))
    diffs = report.differences()
    assert len(diffs) == 1 and "thinking_enabled: got works" in diffs[0]


def test_the_mock_follows_a_changed_profile(tmp_path):
    """Changing an entry changes the mock: the probe sees the new behaviour."""
    flipped = load_profile().with_entry("glm-5.1", "openai", "json_mode", "ignored")
    config = ProbeConfig(
        base_url="",
        key="",
        models=["glm-5.1"],
        surfaces=["openai"],
        features=["json_mode"],
    )
    with MockServer(profile=flipped) as server:
        config.base_url, config.key = server.root_url, server.key
        against_flipped = run_sync(run_probe(config, flipped))
        against_packaged = run_sync(run_probe(config, load_profile()))
    assert against_flipped.differences() == []
    assert [r.result for r in against_flipped.results] == ["ignored"]
    assert len(against_packaged.differences()) == 1


def test_a_divergence_turned_off_in_the_mock_is_detected():
    settings = MockSettings(divergences_off={"always_sse", "opus_no_auto_cache"})
    with MockServer(settings=settings) as server:
        config = ProbeConfig(
            base_url=server.root_url,
            key=server.key,
            models=["claude-opus-4-7"],
            surfaces=["openai"],
        )
        report = run_sync(run_probe(config, load_profile()))
    diffs = report.differences()
    assert any("divergence:always_sse: got absent" in d for d in diffs)
    assert any("cache_automatic: got works, profile says ignored" in d for d in diffs)
    assert len(diffs) == 2


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--base-url", "https://gw.invalid"], "no API key"),
        (
            ["--base-url", "http://127.0.0.1:1", "--model", "gpt-9000"],
            "gpt-9000 is not in the profile",
        ),
        (
            ["--base-url", "http://127.0.0.1:1/api"],
            "the gateway root without a path",
        ),
        (["--base-url", "ftp://x", "--key", "k"], "must be an http(s) URL"),
        (
            ["--base-url", "https://www.ezrouter.dev/v1", "--key", "k"],
            "pass https://www.ezrouter.dev (/v1 belongs in an SDK's base URL",
        ),
        (
            ["--base-url", "http://127.0.0.1:1", "--key", "k", "--concurrency", "0"],
            "--concurrency is out of range",
        ),
        (
            ["--base-url", "http://127.0.0.1:1", "--key", "k", "--profile", "/nope"],
            "cannot read profile",
        ),
    ],
)
def test_bad_arguments_get_one_clear_line(argv, message, monkeypatch):
    monkeypatch.delenv("EZROUTER_API_KEY", raising=False)
    stderr = _Capture()
    assert _main(argv, stderr=stderr) == 2
    assert stderr.text.startswith("ezrouter-mock probe: ")
    assert message in stderr.text and "Traceback" not in stderr.text


def test_a_loopback_mock_gets_its_local_key_not_the_readers(mock, monkeypatch):
    """No --key for the mock: the probe sends the local key, even with a (maybe real)
    EZROUTER_API_KEY exported, which the mock would refuse."""
    monkeypatch.setenv("EZROUTER_API_KEY", "sk-real-looking-key")
    monkeypatch.delenv("EZROUTER_MOCK_KEY", raising=False)
    argv = ["--base-url", mock.root_url, "--model", "glm-5.1", "--feature", "text"]
    stdout = _Capture()
    assert _main(argv, stdout) == 0, stdout.text
    assert "no differences from the profile" in stdout.text


def test_unreachable_url_is_reported_without_traceback():
    stderr = _Capture()
    argv = ["--base-url", f"http://127.0.0.1:{_closed_port()}", "--key", "k"]
    assert _main(argv + ["--retries", "0"], stderr=stderr) == 2
    assert "cannot reach the gateway" in stderr.text


def test_key_is_never_printed(mock, tmp_path, monkeypatch):
    secret = "sk-probe-secret-0123456789"
    stdout, stderr = _Capture(), _Capture()
    argv = ["--base-url", mock.root_url, "--key", secret]
    assert _main(argv, stdout, stderr) == 2
    assert "rejected the key" in stderr.text
    assert secret not in stdout.text + stderr.text
    with MockServer(keys=[secret]) as server:
        out = tmp_path / "probe.json"
        stdout, stderr = _Capture(), _Capture()
        argv = ["--base-url", server.root_url, "--json", str(out), "--model", "glm-5.1"]
        monkeypatch.setenv("EZROUTER_MOCK_KEY", secret)
        assert _main(argv + ["--surface", "anthropic"], stdout, stderr) == 0
    assert secret not in stdout.text + stderr.text + out.read_text()


def _gateway(handler, **kwargs) -> GatewayClient:
    return GatewayClient(
        "http://gateway.test",
        "k",
        transport=httpx.MockTransport(handler),
        backoff=0.0,
        **kwargs,
    )


def _send(gateway: GatewayClient, path="/v1/messages"):
    async def go():
        try:
            return await gateway.send("anthropic", path, {"model": "m"})
        finally:
            await gateway.aclose()

    return run_sync(go())


def test_retries_only_on_5xx_and_network_errors():
    statuses = iter([503, 529, 200])
    calls = []

    def flaky(request):
        calls.append(request)
        return httpx.Response(next(statuses), json={"content": [], "usage": {}})

    gateway = _gateway(flaky, retries=2)
    assert _send(gateway).status == 200 and len(calls) == 3

    calls.clear()
    bad = _gateway(lambda r: calls.append(r) or httpx.Response(400, json={}))
    assert _send(bad).status == 400 and len(calls) == 1

    calls.clear()

    def down(request):
        calls.append(request)
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(ConnectionError, match="ConnectError"):
        _send(_gateway(down, retries=1))
    assert len(calls) == 2

    with pytest.raises(FatalProbeError, match="rejected the key"):
        _send(_gateway(lambda r: httpx.Response(401, json={})))


def test_overall_time_limit_bounds_the_run():
    async def slow(request):
        if request.url.path == "/v1/models":
            return httpx.Response(200, json={"data": []})
        await asyncio.sleep(30)
        return httpx.Response(200, json={})

    config = ProbeConfig(
        base_url="http://gateway.test",
        key="k",
        models=["glm-5.1"],
        surfaces=["openai"],
        features=["text", "json_mode"],
        total_timeout=1.0,
    )
    gateway = GatewayClient(
        config.base_url, config.key, transport=httpx.MockTransport(slow)
    )
    t0 = time.monotonic()
    report = run_sync(run_probe(config, load_profile(), gateway=gateway))
    assert time.monotonic() - t0 < 10
    assert [r.result for r in report.results] == ["error", "error"]
    assert "overall limit" in report.results[0].evidence
    assert any("not listed by GET /v1/models" in d for d in report.differences())


def test_live_workflow_runs_the_probe_safely():
    """The scheduled workflow: never on pull requests, read-only, skips without the
    secret, and its probe command line is one this CLI accepts."""
    path = ROOT / ".github" / "workflows" / "live-verify.yml"
    workflow = yaml.safe_load(path.read_text())
    triggers = workflow.get("on", workflow.get(True))
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    assert workflow["permissions"] == {"contents": "read"}
    steps = workflow["jobs"]["live"]["steps"]
    gate = steps[0]
    assert "secrets.EZROUTER_API_KEY" in gate["env"]["EZROUTER_API_KEY"]
    assert "present=false" in gate["run"]
    for step in steps[1:]:
        assert "steps.key.outputs.present == 'true'" in step["if"]
    (probe_step,) = [s for s in steps if "ezrouter-mock probe" in s.get("run", "")]
    argv = probe_step["run"].split()[2:]
    args = parser_for(command, "ezrouter-mock probe").parse_args(argv)
    assert args.base_url == "https://www.ezrouter.dev" and args.json
    assert any(s.get("uses", "").startswith("actions/upload-artifact") for s in steps)
    assert any("PYTEST_ARGS=--live" in s.get("run", "") for s in steps)


def test_run_sync_works_inside_a_running_event_loop():
    """A notebook (or a test session holding a loop) must still be able to probe."""

    async def outer():
        return run_sync(asyncio.sleep(0, result=42))

    # A thread of our own, so the outer loop is ours whatever else this session runs.
    got = []
    worker = threading.Thread(target=lambda: got.append(asyncio.run(outer())))
    worker.start()
    worker.join()
    assert got == [42]
