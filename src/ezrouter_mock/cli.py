"""The ``ezrouter-mock`` command: a thin dispatcher over subcommand modules.

Each subcommand lives in its own module, imported only when it runs, so owners of
different subcommands never edit the same code: ``serve`` (serve_command.py),
``probe`` (probe/), ``run`` (run_command.py).
"""

from __future__ import annotations

import argparse
import importlib
import sys

# subcommand -> (module, help). The module exposes add_arguments(parser) (or
# configure(parser)) and run(args) -> exit code. Add a line here for a new subcommand.
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
}


def build_parser(argv: list[str]) -> tuple[argparse.ArgumentParser, dict[str, object]]:
    parser = argparse.ArgumentParser(
        prog="ezrouter-mock", description="The local ezrouter mock gateway."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules: dict[str, object] = {}
    wanted = next((a for a in argv if not a.startswith("-")), None)
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        sub_parser = sub.add_parser(name, help=help_text, description=help_text)
        if name == wanted:  # import only the subcommand being run
            module = importlib.import_module(module_name)
            setup = getattr(module, "add_arguments", None) or module.configure
            setup(sub_parser)
            modules[name] = module
    return parser, modules


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser, modules = build_parser(argv)
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    return int(modules[args.command].run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
