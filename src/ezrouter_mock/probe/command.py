"""``ezrouter-mock probe``: check a gateway against the profile from the command line.

Exit status: 0 when every check agrees with the profile, 1 when something differs (each
difference is listed), 2 when the probe could not run (bad arguments, no key, the URL
cannot be reached, the key is refused, a model the profile does not list). The key is
read from ``--key``; else, for a gateway on this machine (the mock), it is the mock's
local key (``EZROUTER_MOCK_KEY`` or the documented default), and for any other gateway
``EZROUTER_API_KEY``. It is never printed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ..profile import FEATURES, SURFACES, Profile, ProfileError, load_profile
from ..profile.endpoints import GatewayUrlError, gateway_root, is_loopback, local_key
from .http import FatalProbeError
from .report import format_summary, format_table, to_json
from .runner import CellResult, ProbeConfig, run_probe, run_sync

EXIT_OK, EXIT_DIFFERENT, EXIT_UNUSABLE = 0, 1, 2


class UsageError(Exception):
    """Bad arguments: reported as one line, never a traceback."""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--base-url",
        required=True,
        help="gateway root, such as https://www.ezrouter.dev or http://127.0.0.1:PORT",
    )
    parser.add_argument(
        "--key",
        help="API key (default: for a gateway on 127.0.0.1 or localhost, the mock's "
        "local key, $EZROUTER_MOCK_KEY or sk-ezrouter-mock-local-key; for any other, "
        "$EZROUTER_API_KEY)",
    )
    parser.add_argument(
        "--model",
        action="append",
        dest="models",
        metavar="MODEL",
        help="model id to probe (repeatable; default: every model in the profile)",
    )
    parser.add_argument(
        "--surface",
        action="append",
        dest="surfaces",
        choices=SURFACES,
        help="surface to probe (repeatable; default: both)",
    )
    parser.add_argument(
        "--feature",
        action="append",
        dest="features",
        choices=list(FEATURES),
        metavar="FEATURE",
        help="feature to probe (repeatable; default: all). One of: "
        + ", ".join(FEATURES),
    )
    parser.add_argument("--json", type=Path, help="also write the report as JSON")
    parser.add_argument("--profile", help="profile file (default: the packaged one)")
    parser.add_argument("--concurrency", type=int, default=4, help="checks in flight")
    parser.add_argument(
        "--timeout",
        type=float,
        default=600.0,
        help="overall time limit in seconds",
    )
    parser.add_argument(
        "--request-timeout",
        type=float,
        default=60.0,
        help="per-request time limit in seconds",
    )
    parser.add_argument(
        "--retries",
        type=int,
        default=2,
        help="retries on 5xx and network errors",
    )
    parser.add_argument(
        "--no-divergences",
        action="store_true",
        help="skip the checks of surface-level divergences",
    )
    parser.add_argument(
        "--quiet", action="store_true", help="no progress lines on stderr"
    )


def check_base_url(url: str) -> str:
    try:
        return gateway_root(url, "--base-url")
    except GatewayUrlError as exc:
        raise UsageError(str(exc)) from None


def check_models(models: list[str] | None, profile: Profile) -> None:
    """Refuse a model the profile does not list: there is nothing to compare it with."""
    unknown = [m for m in models or [] if profile.model(m) is None]
    if unknown:
        raise UsageError(
            f"{', '.join(unknown)} {'is' if len(unknown) == 1 else 'are'} not in the "
            f"profile, so there is nothing to compare with; the profile lists "
            f"{', '.join(m.id for m in profile.models)}"
        )


def config_from_args(args: argparse.Namespace, environ=os.environ) -> ProbeConfig:
    base_url = check_base_url(args.base_url)
    if args.key:
        key = args.key
    elif is_loopback(base_url):  # the mock: its key, never the reader's real one
        key = local_key(environ)
    else:
        key = environ.get("EZROUTER_API_KEY")
    if not key:
        raise UsageError("no API key: set EZROUTER_API_KEY or pass --key")
    for name in ("concurrency", "retries"):
        if getattr(args, name) < (1 if name == "concurrency" else 0):
            raise UsageError(f"--{name} is out of range: {getattr(args, name)}")
    for name in ("timeout", "request_timeout"):
        if getattr(args, name) <= 0:
            raise UsageError(f"--{name.replace('_', '-')} must be positive")
    return ProbeConfig(
        base_url=base_url,
        key=key,
        models=list(dict.fromkeys(args.models)) if args.models else None,
        surfaces=list(dict.fromkeys(args.surfaces)) if args.surfaces else None,
        features=list(dict.fromkeys(args.features)) if args.features else None,
        divergences=not args.no_divergences,
        concurrency=args.concurrency,
        total_timeout=args.timeout,
        request_timeout=args.request_timeout,
        retries=args.retries,
    )


def _progress(stream):
    interactive = stream.isatty()

    def report(done: int, total: int, result: CellResult) -> None:
        mark = "" if result.match else "  (differs)"
        text = (
            f"[{done:>3}/{total}] {result.model} {result.surface} {result.check}: "
            f"{result.result}{mark}"
        )
        if interactive:
            stream.write("\r\033[K" + text + ("\n" if done == total else ""))
        else:
            stream.write(text + "\n")
        stream.flush()

    return report


def main(args: argparse.Namespace, stdout=None, stderr=None) -> int:
    """Run the probe subcommand; returns the exit status."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        config = config_from_args(args)
        profile = load_profile(args.profile)
        check_models(config.models, profile)
    except (UsageError, ProfileError) as exc:
        print(f"ezrouter-mock probe: {exc}", file=stderr)
        return EXIT_UNUSABLE
    progress = None if args.quiet else _progress(stderr)
    try:
        report = run_sync(run_probe(config, profile, progress))
    except FatalProbeError as exc:
        print(f"ezrouter-mock probe: {exc}", file=stderr)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        print("ezrouter-mock probe: interrupted", file=stderr)
        return EXIT_UNUSABLE
    print(format_table(report), file=stdout)
    print(file=stdout)
    print(format_summary(report), file=stdout)
    if args.json:
        try:
            args.json.write_text(json.dumps(to_json(report), indent=2) + "\n")
        except OSError as exc:
            print(f"ezrouter-mock probe: cannot write {args.json}: {exc}", file=stderr)
            return EXIT_UNUSABLE
    return EXIT_DIFFERENT if report.differences() else EXIT_OK
