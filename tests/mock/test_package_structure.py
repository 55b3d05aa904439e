"""The package's shape: one-way layers, no cycles, runtime deps only, small files.

Layers, lowest first: profile <- mock.core <- mock.wire <- mock.http <- the commands.
A module may import its own layer and the layers below it, never above; the probe is a
client of a real gateway and sees only the profile; only ``mock.core.policy`` (and the
HTTP layer that builds it) reads the profile inside the mock; ``tools/`` is repository
tooling and is never imported by the package.
"""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from importlib import metadata

import pytest
from packaging.requirements import Requirement
from support.package_graph import (
    PACKAGE,
    external_imports,
    find_cycle,
    graph,
    module_files,
)

MAX_LINES = 450

# (prefix, rank): a module's layer is the longest prefix that matches it.
LAYERS = [
    ("ezrouter_mock.profile", 0),
    ("ezrouter_mock.mock.core", 1),
    ("ezrouter_mock.mock.wire", 2),
    ("ezrouter_mock.mock.http", 3),
    ("ezrouter_mock.mock", 4),
    ("ezrouter_mock", 5),
]
PROBE = "ezrouter_mock.probe"
# inside the mock, only these read the profile: the policy, and the HTTP layer that
# loads a profile and hands it to the policy
PROFILE_READERS = ("ezrouter_mock.mock.core.policy", "ezrouter_mock.mock.http")


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def rank(name: str) -> int:
    return max((len(p), r) for p, r in LAYERS if _under(name, p))[1]


def violations(edges: dict[str, set[str]]) -> list[str]:
    """Every import that breaks the layer rules, as 'a -> b: why'."""
    out = []
    for src, targets in sorted(edges.items()):
        for dst in sorted(targets):
            if _under(src, PROBE):
                if not (_under(dst, PROBE) or _under(dst, "ezrouter_mock.profile")):
                    out.append(f"{src} -> {dst}: the probe imports only the profile")
                continue
            if _under(dst, PROBE):
                if rank(src) < 5:
                    out.append(f"{src} -> {dst}: only the commands import the probe")
                continue
            if rank(dst) > rank(src):
                out.append(f"{src} -> {dst}: upward import")
            elif (
                _under(src, "ezrouter_mock.mock")
                and _under(dst, "ezrouter_mock.profile")
                and not src.startswith(PROFILE_READERS)
                and rank(src) < 4
            ):
                out.append(f"{src} -> {dst}: only core.policy reads the profile")
    return out


def test_no_import_cycle():
    assert find_cycle(graph()) is None


def test_layers_hold():
    assert violations(graph()) == []


def test_the_package_never_imports_the_repository_tooling():
    offenders = {m for m, names in external_imports().items() if "tools" in names}
    assert offenders == set()


def test_the_checks_catch_what_they_guard():
    """The rules above can fail: a cycle, an upward import, the probe reaching into the
    mock and the engine reading the profile are all reported."""
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    bad = {
        "ezrouter_mock.mock.core.engine": {
            "ezrouter_mock.mock.wire.fields",
            "ezrouter_mock.profile.schema",
        },
        "ezrouter_mock.probe.runner": {"ezrouter_mock.mock.http.server"},
    }
    assert len(violations(bad)) == 3


def _import_names(*dists: str) -> list[str]:
    """Top-level import names of these distributions and everything they need
    (extras excluded), read from the installed distributions' metadata."""
    seen: set[str] = set()
    todo = list(dists)
    while todo:
        req = Requirement(todo.pop())
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        name = req.name.lower().replace("_", "-")
        if name in seen:
            continue
        seen.add(name)
        try:
            todo += [str(r) for r in metadata.requires(name) or []]
        except metadata.PackageNotFoundError:
            continue
    names = {
        top
        for top, dists in metadata.packages_distributions().items()
        if any(d.lower().replace("_", "-") in seen for d in dists)
    }
    return sorted(names)


# Imports every module with a finder that refuses anything found outside the standard
# library (site-packages, the repository's tools/, ...) unless its top-level name is
# allowed, then reports the modules that failed.
_IMPORT_ALL = r"""
import importlib, importlib.machinery, json, sys, sysconfig
allowed, modules = json.loads(sys.argv[1])
allowed = set(allowed)
paths = sysconfig.get_paths()
stdlib = tuple({paths["stdlib"], paths["platstdlib"]})

class Refuse:
    def find_spec(self, name, path=None, target=None):
        top = name.partition(".")[0]
        if top in allowed or top in sys.modules or top in sys.builtin_module_names:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        origin = getattr(spec, "origin", None) or ""
        in_site = "site-packages" in origin or "dist-packages" in origin
        if spec is None or (origin.startswith(stdlib) and not in_site):
            return None
        raise ModuleNotFoundError(f"{name} is not a runtime dependency", name=name)

sys.meta_path.insert(0, Refuse())
failed = {}
for module in modules:
    try:
        importlib.import_module(module)
    except Exception as exc:
        failed[module] = f"{type(exc).__name__}: {exc}"
print(json.dumps(failed))
"""


def _import_with_only(allowed: list[str], modules: list[str]) -> dict[str, str]:
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT_ALL, json.dumps([allowed, modules])],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_every_module_imports_with_only_the_runtime_dependencies():
    allowed = _import_names("ezrouter-mock") + [PACKAGE]
    assert {"httptools", "uvloop", "orjson", "pydantic", "yaml", "httpx"} <= set(
        allowed
    )
    # __main__ modules run a command when imported: their imports are the command's
    modules = [
        m for m in module_files() if not m.endswith(("pytest_plugin", "__main__"))
    ]
    assert _import_with_only(allowed, modules) == {}
    # the pytest plugin is loaded by pytest only: it may need pytest, nothing more
    plugin = [m for m in module_files() if m.endswith("pytest_plugin")]
    assert _import_with_only(_import_names("ezrouter-mock", "pytest"), plugin) == {}


def test_the_import_check_refuses_a_missing_dependency():
    failed = _import_with_only(["ezrouter_mock"], ["ezrouter_mock.mock.http.server"])
    assert "not a runtime dependency" in failed["ezrouter_mock.mock.http.server"]


@pytest.mark.parametrize("name", sorted(module_files()))
def test_no_package_file_is_too_long(name):
    lines = module_files()[name].read_text().count("\n")
    assert lines <= MAX_LINES, f"{name}: {lines} lines (split it by job)"


def test_every_surface_implements_the_contract_with_the_same_signatures():
    """The HTTP layer has no per-surface code, so each wire format must offer the
    contract's names with the contract's parameters (wire/surface.py)."""
    from ezrouter_mock.mock.wire import SURFACES, Surface

    methods = [
        n for n in vars(Surface) if not n.startswith("_") and callable(vars(Surface)[n])
    ]
    assert {"parse", "render_json", "render_sse", "error_frame", "catalog"} <= set(
        methods
    )
    for surface in SURFACES:
        assert isinstance(surface, Surface), surface.__name__
        for name in methods:
            want = list(inspect.signature(getattr(Surface, name)).parameters)[1:]
            got = list(inspect.signature(getattr(surface, name)).parameters)
            assert got == want, f"{surface.__name__}.{name}{got}"
