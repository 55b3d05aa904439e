"""Run the checks for every model x surface x feature and compare with the profile.

Concurrency is bounded by a semaphore and the whole run by one deadline; a check that
has not finished by then is reported as an error rather than left hanging. The catalog
(GET /v1/models) is read first: it proves the URL and key work before dozens of calls
are made, and its entries are compared with the profile's catalog too.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ..profile import FEATURES, SURFACES, Profile
from .checks import CHECKS, WORKS_OR_IGNORED, Context, Outcome
from .divergences import DIVERGENCE_CHECKS
from .http import FatalProbeError, GatewayClient

#: results that are consistent with each profile support value
CONSISTENT = {
    "works": {"works", WORKS_OR_IGNORED},
    "ignored": {"ignored", WORKS_OR_IGNORED},
    "rejected": {"rejected"},
    "broken": {"broken"},
    "present": {"present"},
    "absent": {"absent"},
}


@dataclass
class ProbeConfig:
    base_url: str
    key: str
    models: list[str] | None = None
    surfaces: list[str] | None = None
    features: list[str] | None = None
    divergences: bool = True
    concurrency: int = 4
    total_timeout: float = 600.0
    request_timeout: float = 60.0
    retries: int = 2
    backoff: float = 0.5


@dataclass
class CellResult:
    model: str
    surface: str
    check: str  # a feature id, or "divergence:<id>"
    result: str
    expected: str | None
    evidence: str
    http_status: int | None = None
    seconds: float = 0.0

    @property
    def match(self) -> bool:
        return self.expected is not None and self.result in CONSISTENT.get(
            self.expected, ()
        )

    @property
    def is_divergence(self) -> bool:
        return self.check.startswith("divergence:")


@dataclass
class Report:
    base_url: str
    started: str
    seconds: float
    calls: int
    profile_path: str
    models: list[str]
    surfaces: list[str]
    results: list[CellResult] = field(default_factory=list)
    catalog_differences: list[str] = field(default_factory=list)
    catalog_extra: list[str] = field(default_factory=list)

    def differences(self) -> list[str]:
        """One human-readable line per place the gateway differs from the profile."""
        lines = list(self.catalog_differences)
        for r in self.results:
            if r.match:
                continue
            said = (
                f"profile says {r.expected}"
                if r.expected
                else f"{r.model} is not in the profile"
            )
            lines.append(
                f"{r.model} / {r.surface} / {r.check}: got {r.result}, {said} "
                f"({r.evidence})"
            )
        return lines


Progress = Callable[[int, int, CellResult], None]


def plan(config: ProbeConfig, profile: Profile) -> list[tuple[str, str, str]]:
    """(model, surface, check) triples to run, in a stable order."""
    models = config.models or [m.id for m in profile.models]
    surfaces = config.surfaces or list(SURFACES)
    features = config.features or list(FEATURES)
    cells = []
    for model in models:
        for surface in surfaces:
            for feature in features:
                if surface in FEATURES[feature]:
                    cells.append((model, surface, feature))
            if config.divergences and not config.features:
                for div_id, (div_surface, _) in DIVERGENCE_CHECKS.items():
                    if div_surface == surface and _has_divergence(profile, div_id):
                        cells.append((model, surface, f"divergence:{div_id}"))
    return cells


def _has_divergence(profile: Profile, div_id: str) -> bool:
    return any(d.id == div_id for d in profile.divergences)


def expected_for(profile: Profile, model: str, surface: str, check: str) -> str | None:
    if check.startswith("divergence:"):
        div_id = check.split(":", 1)[1]
        return "present" if profile.divergence_enabled(div_id) else "absent"
    if profile.model(model) is None:
        return None
    return profile.support(model, surface, check)


async def _catalog(gateway: GatewayClient, report: Report, profile: Profile) -> None:
    """Read GET /v1/models; fatal if the gateway cannot be reached at all."""
    try:
        answer = await gateway.send("openai", "/v1/models", method="GET")
    except ConnectionError as exc:
        raise FatalProbeError(f"cannot reach the gateway: {exc}") from None
    if answer.status == 404:
        raise FatalProbeError(
            f"{gateway.url('openai', '/v1/models')} answered 404; --base-url must be "
            "the gateway root (such as https://www.ezrouter.dev)"
        )
    if not answer.ok or not isinstance(answer.raw, dict):
        raise FatalProbeError(f"GET /v1/models failed: {answer.describe_error()}")
    listed = {
        m.get("id"): m for m in answer.raw.get("data") or [] if isinstance(m, dict)
    }
    for model_id in report.models:
        expected = profile.model(model_id)
        got = listed.get(model_id)
        if got is None:
            report.catalog_differences.append(
                f"catalog: {model_id} is not listed by GET /v1/models"
            )
            continue
        if expected is None:
            report.catalog_differences.append(
                f"catalog: {model_id} is listed by the gateway but not in the profile"
            )
            continue
        if got.get("owned_by") != expected.owned_by:
            report.catalog_differences.append(
                f"catalog: {model_id} owned_by is {got.get('owned_by')!r}, "
                f"profile says {expected.owned_by!r}"
            )
        surfaces = got.get("supported_endpoint_types")
        if surfaces is not None and sorted(surfaces) != sorted(expected.surfaces):
            report.catalog_differences.append(
                f"catalog: {model_id} supported_endpoint_types is {sorted(surfaces)}, "
                f"profile says {sorted(expected.surfaces)}"
            )
    known = {m.id for m in profile.models}
    report.catalog_extra = sorted(i for i in listed if i and i not in known)


def run_sync(coro):
    """Run a coroutine to completion from synchronous code, even when this thread
    already runs an event loop (a notebook, or a test session that keeps one open):
    then the probe gets a fresh loop in a worker thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = asyncio.run(coro)
        except BaseException as exc:  # handed back to the caller's thread
            outcome["error"] = exc

    worker = threading.Thread(target=target, name="ezrouter-probe")
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


async def run_probe(
    config: ProbeConfig,
    profile: Profile,
    progress: Progress | None = None,
    *,
    gateway: GatewayClient | None = None,
) -> Report:
    """Probe a gateway; raises FatalProbeError when it cannot be probed at all."""
    started = time.monotonic()
    own_gateway = gateway is None
    gateway = gateway or GatewayClient(
        config.base_url,
        config.key,
        request_timeout=config.request_timeout,
        retries=config.retries,
        backoff=config.backoff,
    )
    cells = plan(config, profile)
    report = Report(
        base_url=config.base_url,
        started=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        seconds=0.0,
        calls=0,
        profile_path=str(profile.path),
        models=list(dict.fromkeys(m for m, _, _ in cells))
        or (config.models or [m.id for m in profile.models]),
        surfaces=config.surfaces or list(SURFACES),
    )
    try:
        await asyncio.wait_for(
            _catalog(gateway, report, profile), timeout=config.total_timeout
        )
        report.results = await _run_cells(
            config, profile, gateway, cells, progress, started
        )
    except TimeoutError:
        raise FatalProbeError(
            "the gateway did not answer GET /v1/models within "
            f"{config.total_timeout:g} s"
        ) from None
    finally:
        report.calls = gateway.calls
        if own_gateway:
            await gateway.aclose()
    report.seconds = round(time.monotonic() - started, 2)
    return report


async def _run_cells(config, profile, gateway, cells, progress, started):
    ctx = Context(gateway)
    semaphore = asyncio.Semaphore(max(1, config.concurrency))
    done_count = 0
    results: dict[tuple[str, str, str], CellResult] = {}
    fatal: list[FatalProbeError] = []

    async def run_one(cell):
        nonlocal done_count
        model, surface, check = cell
        async with semaphore:
            t0 = time.monotonic()
            try:
                if check.startswith("divergence:"):
                    fn = DIVERGENCE_CHECKS[check.split(":", 1)[1]][1]
                else:
                    fn = CHECKS[check]
                outcome = await fn(ctx, model, surface)
            except FatalProbeError as exc:
                fatal.append(exc)
                outcome = Outcome("error", str(exc))
            except ConnectionError as exc:
                outcome = Outcome("error", str(exc))
            seconds = round(time.monotonic() - t0, 2)
        result = CellResult(
            model=model,
            surface=surface,
            check=check,
            result=outcome.result,
            expected=expected_for(profile, model, surface, check),
            evidence=gateway.redact(outcome.evidence),
            http_status=outcome.http_status,
            seconds=seconds,
        )
        results[cell] = result
        done_count += 1
        if progress is not None:
            progress(done_count, len(cells), result)

    tasks = [asyncio.ensure_future(run_one(cell)) for cell in cells]
    remaining = config.total_timeout - (time.monotonic() - started)
    if tasks:
        _, pending = await asyncio.wait(tasks, timeout=max(0.0, remaining))
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        for task in tasks:
            if task.done() and not task.cancelled() and task.exception() is not None:
                raise task.exception()
    await ctx.aclose()
    if fatal:
        raise fatal[0]
    ordered = []
    for cell in cells:
        if cell not in results:
            model, surface, check = cell
            results[cell] = CellResult(
                model,
                surface,
                check,
                "error",
                expected_for(profile, model, surface, check),
                f"not finished within the overall limit of {config.total_timeout:g} s",
            )
        ordered.append(results[cell])
    return ordered
