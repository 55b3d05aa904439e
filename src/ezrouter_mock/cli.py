"""The ``ezrouter-mock`` command, and the one convention every command follows.

A command is a module with ``configure(parser)`` (declare its arguments) and
``main(args) -> exit status``. The subcommands of ``ezrouter-mock`` are listed in
:data:`SUBCOMMANDS` and imported only when they run; the repository's maintainer tools
(``python -m tools.tables`` ...) are the same kind of module, run with
:func:`run_module`. Every parser shows each option's default in ``--help``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from types import ModuleType

# subcommand -> (module, one-line help). Add a line here for a new subcommand.
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "serve": (
        "ezrouter_mock.mock.command",
        "run the mock gateway on loopback until Ctrl-C",
    ),
    "run": (
        "ezrouter_mock.snippets",
        "run one snippet against a fresh in-process mock",
    ),
    "probe": (
        "ezrouter_mock.probe.command",
        "probe a gateway and compare it with the profile",
    ),
    "profile": (
        "ezrouter_mock.profile.command",
        "validate a profile file, or print its JSON schema",
    ),
}


class HelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Shows ``(default: X)`` after each option's help, except where there is no
    default worth showing (None, False, an empty list): the help says what happens."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        default = action.default
        if default is None or default is False or default == [] or not action.help:
            return action.help
        return super()._get_help_string(action)


def _summary(module: ModuleType) -> str:
    return (module.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")


def parser_for(
    module: ModuleType, prog: str, description: str | None = None
) -> argparse.ArgumentParser:
    """The parser of one command module."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description=description or _summary(module),
        formatter_class=HelpFormatter,
    )
    module.configure(parser)
    return parser


def run_module(module: ModuleType, prog: str, argv: list[str] | None = None) -> int:
    """Parse ``argv`` for one command module and run it (``python -m`` entry points)."""
    args = parser_for(module, prog).parse_args(argv)
    return int(module.main(args) or 0)


def build_parser(argv: list[str]) -> tuple[argparse.ArgumentParser, dict[str, object]]:
    parser = argparse.ArgumentParser(
        prog="ezrouter-mock",
        description="The local ezrouter mock gateway, its probe and snippet runner.",
        formatter_class=HelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules: dict[str, object] = {}
    wanted = next((a for a in argv if not a.startswith("-")), None)
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        sub_parser = sub.add_parser(
            name, help=help_text, description=help_text, formatter_class=HelpFormatter
        )
        if name == wanted:  # import only the subcommand being run
            module = importlib.import_module(module_name)
            module.configure(sub_parser)
            modules[name] = module
    return parser, modules


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser, modules = build_parser(argv)
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    return int(modules[args.command].main(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
