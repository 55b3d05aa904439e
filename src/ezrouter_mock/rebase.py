"""Point a snippet at another gateway by swapping the public base URL in its text.

Snippets show readers the real gateway (`https://www.ezrouter.dev/...`) with an
explicit `base_url=`, which wins over the SDKs' environment variables, so the only
faithful way to run the same code against the mock is to swap that one string and
nothing else. The swap is reversible, so output captured from a run against the mock
can be written back to the snippet with the public URL in it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

PUBLIC_ROOT = "https://www.ezrouter.dev"

# Variables that could send a snippet (or a tool it starts, like Claude Code) somewhere
# other than the gateway we chose, or hand it a key we did not choose.
_LEAKY_ENV = (
    "ANTHROPIC_BASE_URL",
    "ANTHROPIC_API_KEY",
    "ANTHROPIC_AUTH_TOKEN",
    "OPENAI_BASE_URL",
    "OPENAI_API_KEY",
    "EZROUTER_API_KEY",
)


def _root(root_url: str) -> str:
    root = root_url.rstrip("/")
    if not root.startswith(("http://", "https://")):
        raise ValueError(f"gateway root must be an http(s) URL, got {root_url!r}")
    return root


def to_gateway(text: str, root_url: str) -> str:
    """Return `text` with the public gateway root replaced by `root_url`."""
    return text.replace(PUBLIC_ROOT, _root(root_url))


def to_public(text: str, root_url: str) -> str:
    """Undo `to_gateway`: put the public root back wherever `root_url` appears."""
    root = _root(root_url)
    if root == PUBLIC_ROOT:
        return text
    return text.replace(root, PUBLIC_ROOT)


def snippet_env(
    key: str, base: Mapping[str, str] | None = None, *, loopback: bool = True
) -> dict[str, str]:
    """Environment for a snippet subprocess: only our key, no stray gateway settings.

    With `loopback=True` (a run against the mock) tools that phone home on their own,
    such as Claude Code, are told not to, so the run stays on 127.0.0.1.
    """
    env = {k: v for k, v in (os.environ if base is None else base).items()}
    for name in _LEAKY_ENV:
        env.pop(name, None)
    env["EZROUTER_API_KEY"] = key
    if loopback:
        env["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1"
        env["DISABLE_TELEMETRY"] = "1"
        no_proxy = "127.0.0.1,localhost"
        env["NO_PROXY"] = env["no_proxy"] = no_proxy
    return env
