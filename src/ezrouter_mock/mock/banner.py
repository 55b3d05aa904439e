"""What a running mock tells the reader: how to point their own code at it.

Shared by ``ezrouter-mock serve`` and ``make serve`` so both say the same thing: the
key to export, each SDK's base URL (the Anthropic SDK takes ``<root>/anthropic``, the
OpenAI SDK ``<root>/v1``, in Python as ``base_url`` and in TypeScript as ``baseURL``),
Claude Code's variables, and the command that runs a docs example against this mock.
The examples carry the public URL, so the banner says how that URL gets replaced.

A key is shown only when it is the mock's documented local key; a key the reader
passed (``--key``, ``$EZROUTER_MOCK_KEY``) is referred to, never echoed.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..profile import Profile
from ..profile.endpoints import LOCAL_KEY, LOCAL_KEY_ENV, SURFACE_PATHS

EXAMPLE = "snippets/anthropic/quickstart.py"


def resolve_keys(
    flag_keys: list[str], environ: Mapping[str, str]
) -> tuple[list[str], str | None]:
    """The keys a mock accepts and where they came from: each ``--key``, else
    ``$EZROUTER_MOCK_KEY``, else the local key (source None: safe to print)."""
    if flag_keys:
        return flag_keys, "--key"
    if environ.get(LOCAL_KEY_ENV, "").strip():
        return [environ[LOCAL_KEY_ENV].strip()], LOCAL_KEY_ENV
    return [LOCAL_KEY], None


def claude_model(profile: Profile) -> str:
    """A model Claude Code can be told to use: the profile's first claude model."""
    for model in profile.models:
        if model.family == "claude" and "anthropic" in model.surfaces:
            return model.id
    return next(m.id for m in profile.models if "anthropic" in m.surfaces)


def key_note(keys: list[str], environ: Mapping[str, str]) -> str | None:
    """A warning when ``$EZROUTER_API_KEY`` (perhaps a real key) is set but is not a
    key this mock accepts: the reader's code would be refused until they export ours."""
    live = environ.get("EZROUTER_API_KEY", "").strip()
    if not live or live in keys:
        return None
    return (
        "note: EZROUTER_API_KEY is set in this shell to a key this mock does not "
        "accept (it is not shown, and not used); export the key above where you run "
        'your code, or restart with --key "$EZROUTER_API_KEY" to accept it'
    )


def howto_lines(
    root: str, keys: list[str], source: str | None, profile: Profile
) -> list[str]:
    """How a reader runs their own code against the mock at ``root``, as lines."""
    anthropic = root + SURFACE_PATHS["anthropic"]
    openai = root + SURFACE_PATHS["openai"]
    if source is None:
        key_line = (
            f"export EZROUTER_API_KEY={keys[0]}  # a local test key, not a real one"
        )
        run_prefix = ""
    else:
        key_line = f"export EZROUTER_API_KEY='<the key from {source}>'"
        run_prefix = "" if source == LOCAL_KEY_ENV else f"{LOCAL_KEY_ENV}=... "
    return [
        "Run your own code against it:",
        f"  {key_line}",
        f"  Anthropic SDK  base_url (TypeScript: baseURL) = {anthropic}",
        f"  OpenAI SDK     base_url (TypeScript: baseURL) = {openai}",
        f"  Claude Code    export ANTHROPIC_BASE_URL={anthropic} "
        f"ANTHROPIC_MODEL={claude_model(profile)}",
        '                 export ANTHROPIC_AUTH_TOKEN="$EZROUTER_API_KEY"',
        "Run a docs example as is (its public URL is swapped for this mock's):",
        f"  {run_prefix}.venv/bin/ezrouter-mock run {EXAMPLE} --gateway {root}",
        "  or copy it and set its base_url to the URL above.",
        "Requests: method, path, model, status, time (never a key).",
    ]


def serve_lines(mock, source: str | None) -> list[str]:
    """The whole banner of a started :class:`MockServer`."""
    return [
        f"ezrouter mock gateway on {mock.root_url}",
        *howto_lines(mock.root_url, mock.keys, source, mock.profile),
    ]
