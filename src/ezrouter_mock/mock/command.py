"""``ezrouter-mock serve``: the mock gateway on loopback until Ctrl-C.

Accepted keys: each ``--key``; with none, ``$EZROUTER_MOCK_KEY``; else the documented
local key (the same one ``make serve`` uses), which is printed. A key that came from
the command line or the environment is never echoed back, and ``$EZROUTER_API_KEY``
(which may hold a real key) is never taken as the mock's key: the banner says so.
Each request served is logged as one line on stdout (see ``requestlog``).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys

from .http.settings import MockSettings

_DEFAULTS = MockSettings()
#: (flag, default, help) of each connection timeout; the flag names a MockSettings field
_TIMEOUTS = (
    (
        "--idle-timeout",
        _DEFAULTS.idle_timeout,
        "close a kept-alive connection that sends no new request for this long",
    ),
    (
        "--head-timeout",
        _DEFAULTS.head_timeout,
        "answer 408 and close when a request's headers take longer than this",
    ),
    (
        "--body-timeout",
        _DEFAULTS.body_timeout,
        "answer 408 and close when a request's body takes longer than this",
    ),
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to bind")
    parser.add_argument(
        "--port",
        type=int,
        default=8080,
        help="port to bind (0 = any free port)",
    )
    parser.add_argument(
        "--key",
        action="append",
        default=[],
        metavar="KEY",
        help="an accepted API key (repeatable; default: $EZROUTER_MOCK_KEY, else the "
        "local key sk-ezrouter-mock-local-key)",
    )
    parser.add_argument(
        "--pacing",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="delay between stream events, for realistic demos",
    )
    for flag, default, text in _TIMEOUTS:
        parser.add_argument(
            flag,
            type=float,
            default=default,
            metavar="SECONDS",
            help=text,
        )
    parser.add_argument(
        "--divergence-off",
        action="append",
        default=[],
        metavar="ID",
        help="turn off one documented ezrouter divergence (repeatable)",
    )
    parser.add_argument(
        "--profile",
        default=None,
        metavar="PATH",
        help="a profile YAML file (default: the packaged one)",
    )
    parser.add_argument(
        "--quiet",
        action="store_true",
        help="do not print a line per request served (the banner still prints)",
    )


def main(args: argparse.Namespace) -> int:
    from ..profile import ProfileError, load_profile
    from .banner import key_note, resolve_keys, serve_lines
    from .http.server import MockServer
    from .requestlog import log_requests

    if not (0 <= args.port <= 65535):
        print(
            f"ezrouter-mock: --port must be between 0 and 65535, got {args.port}",
            file=sys.stderr,
        )
        return 2
    if args.pacing < 0:
        print("ezrouter-mock: --pacing must not be negative", file=sys.stderr)
        return 2
    for flag, _, _ in _TIMEOUTS:
        if not getattr(args, flag[2:].replace("-", "_")) > 0:
            print(f"ezrouter-mock: {flag} must be more than 0", file=sys.stderr)
            return 2
    try:
        profile = load_profile(args.profile)
    except (ProfileError, OSError) as exc:
        print(f"ezrouter-mock: cannot load the profile: {exc}", file=sys.stderr)
        return 2
    known = {d.id for d in profile.divergences}
    unknown = [d for d in args.divergence_off if d not in known]
    if unknown:
        print(
            f"ezrouter-mock: unknown divergence {unknown[0]!r}; "
            f"known: {', '.join(sorted(known))}",
            file=sys.stderr,
        )
        return 2
    if any(not k.strip() for k in args.key):
        print("ezrouter-mock: --key must not be empty", file=sys.stderr)
        return 2

    keys, source = resolve_keys(args.key, os.environ)

    settings = MockSettings(
        divergences_off=set(args.divergence_off),
        pacing=args.pacing,
        idle_timeout=args.idle_timeout,
        head_timeout=args.head_timeout,
        body_timeout=args.body_timeout,
    )
    server = MockServer(
        keys=keys, profile=profile, port=args.port, host=args.host, settings=settings
    )
    if not args.quiet:
        log_requests(server)
    try:
        server.start()
    except OSError as exc:
        print(
            f"ezrouter-mock: cannot listen on {args.host}:{args.port}: "
            f"{exc.strerror or exc}",
            file=sys.stderr,
        )
        return 1
    print("\n".join(serve_lines(server, source)))
    note = key_note(keys, os.environ)
    if note:
        print(note, file=sys.stderr)
    print("Ctrl-C stops it.")
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"  warning: bound to {args.host}, reachable beyond this machine",
            file=sys.stderr,
        )
    sys.stdout.flush()
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)
    server.serve_forever()
    print("ezrouter mock gateway stopped")
    return 0


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt
