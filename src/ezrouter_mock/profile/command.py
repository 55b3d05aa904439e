"""``ezrouter-mock profile``: validate a profile file, or print its JSON schema."""

from __future__ import annotations

import argparse
import json
import sys

from .loader import json_schema, load_profile
from .schema import ProfileError

HELP = "validate a profile file, or print the JSON schema of profile.yaml"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path",
        nargs="?",
        default=None,
        metavar="PATH",
        help="the profile YAML file to validate (default: the packaged one)",
    )
    parser.add_argument(
        "--schema",
        action="store_true",
        help="print the JSON schema of the file (for editors and validators) and exit",
    )


def main(args: argparse.Namespace) -> int:
    if args.schema:
        print(json.dumps(json_schema(), indent=2))
        return 0
    try:
        profile = load_profile(args.path)
    except ProfileError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"ok: {profile.path}: {len(profile.models)} models")
    return 0
