"""What each SDK release sends and raises, measured against the mock gateway.

Small probe scripts (`probes/`) run in each line's environment; what they print and
what the mock's journal saw make one record per line: the auth header, the
`anthropic-version` header, whether `temperature` is a parameter, what a non-streaming
call returns when the gateway answers with server-sent events (the OpenAI surface
always does), and which exception a dropped stream raises. The records are stored in
`matrix/client-matrix.json`; tests compare them with a fresh run.
"""

from __future__ import annotations

import json
from pathlib import Path

from .envs import Env
from .lines import MATRIX_DIR, ROOT
from .runner import Job, Run

PROBES = Path(__file__).with_name("probes")
DATA = MATRIX_DIR / "client-matrix.json"


def _drop(mock) -> None:
    mock.faults.push(break_stream="drop")


# probe name -> queued fault, per SDK; the names are the record's fields.
PROBE_SETUP = {
    "anthropic": {"call": None, "temperature": None, "dropped_stream": _drop},
    "openai": {
        "call": None,
        "temperature": None,
        "non_stream": None,
        "dropped_stream": _drop,
    },
}


def probe_jobs(sdk: str) -> list[Job]:
    return [
        Job(PROBES / f"{sdk}_{name}.py", prepare=prepare)
        for name, prepare in PROBE_SETUP[sdk].items()
    ]


def _printed(run: Run) -> list[str]:
    """The lines a probe printed; a probe that failed stops the recording."""
    if not run.ok:
        raise RuntimeError(
            f"probe {run.job.path.name} failed on {run.env.pin}:\n{run.failure()}"
        )
    if not run.prints:
        raise RuntimeError(
            f"probe {run.job.path.name} printed nothing on {run.env.pin}"
        )
    return [" ".join(arg["data"] for arg in p["args"]) for p in run.prints]


# Headers every HTTP client sends whatever the SDK; not worth a drift alarm.
TRANSPORT_HEADERS = {"host", "content-length", "connection", "accept-encoding"}


def _wire(run: Run) -> dict:
    """What the probe's one request carried: auth header, API version, header names."""
    requests = [e for e in run.journal if e.method == "POST"]
    if not requests:
        raise RuntimeError(f"probe {run.job.path.name} sent nothing on {run.env.pin}")
    return wire_facts(requests[-1].headers)


def wire_facts(headers: dict[str, str]) -> dict:
    """The recorded facts of one request's headers (Python and npm clients alike)."""
    headers = {k.lower(): v for k, v in headers.items()}
    auth = [
        label
        for label, header in (
            ("Authorization: Bearer", "authorization"),
            ("x-api-key", "x-api-key"),
        )
        if header in headers
    ]
    return {
        "auth_header": " and ".join(auth) or "none",
        "anthropic_version": headers.get("anthropic-version"),
        "headers": sorted(set(headers) - TRANSPORT_HEADERS),
    }


def _last_body_has(run: Run, key: str) -> bool:
    """Whether the probe's last request carried `key` in its JSON body."""
    requests = [e for e in run.journal if e.method == "POST"]
    return (
        bool(requests)
        and isinstance(requests[-1].json, dict)
        and key in requests[-1].json
    )


def record(env: Env, runs: list[Run]) -> dict:
    """One line's record from its probe runs."""
    by_name = {run.job.path.stem.removeprefix(f"{env.line.sdk}_"): run for run in runs}
    transport, parameters, exceptions = _printed(by_name["call"])[-3:]
    temperature = _printed(by_name["temperature"])[-1]
    non_stream = by_name.get("non_stream")
    return {
        "sdk": env.line.sdk,
        "line": env.line.label,
        "version": env.version,
        "transport": transport,
        **_wire(by_name["call"]),
        "temperature": "accepted" if temperature == "accepted" else "TypeError",
        "extra_body_temperature_sent": _last_body_has(
            by_name["temperature"], "temperature"
        ),
        "non_stream_sse_returns": _printed(non_stream)[-1] if non_stream else None,
        "dropped_stream_raises": _printed(by_name["dropped_stream"])[-1],
        "create_parameters": json.loads(parameters),
        "exceptions": json.loads(exceptions),
    }


def measure(envs: dict[str, Env], runs: list[Run]) -> dict:
    """The whole data file's content from the probe runs of every environment."""
    return {
        "python": python_version(runs),
        "lines": {
            name: record(env, [run for run in runs if run.env is env])
            for name, env in envs.items()
        },
    }


def python_version(runs: list[Run]) -> str:
    """Major.minor of the Python the runs used (patch releases do not change SDKs)."""
    found = {".".join(run.python.split(".")[:2]) for run in runs if run.python}
    if len(found) != 1:
        raise RuntimeError(f"expected one Python version across the runs, got {found}")
    return found.pop()


def load(path: Path = DATA) -> dict:
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def dump(data: dict, path: Path = DATA) -> None:
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()
