"""The request schemas the mock validates against are vendored from the upstream
OpenAPI specs (tools/vendor_specs.py), and cannot drift from them unnoticed; the
installed package reads only its vendored copies."""

from __future__ import annotations

import shutil

import pytest

from tools import vendor_specs

pytestmark = pytest.mark.skipif(
    not vendor_specs.SPECS.is_dir(), reason=f"no specs at {vendor_specs.SPECS}"
)


def test_vendored_schemas_match_the_specs(capsys):
    assert vendor_specs.main(["--check"]) == 0, capsys.readouterr().out


def test_check_fails_when_a_vendored_file_is_altered(tmp_path, monkeypatch, capsys):
    wire = tmp_path / "wire"
    shutil.copytree(vendor_specs.WIRE, wire)
    monkeypatch.setattr(vendor_specs, "WIRE", wire)
    monkeypatch.setattr(vendor_specs, "REPO", tmp_path)
    assert vendor_specs.main(["--check"]) == 0
    altered = wire / "openai" / vendor_specs.FILENAME
    altered.write_text(altered.read_text("utf-8").replace('"integer"', '"string"', 1))
    assert vendor_specs.main(["--check"]) == 1
    assert "stale: wire/openai/request_schemas.json" in capsys.readouterr().out
    altered.unlink()
    assert vendor_specs.main(["--check"]) == 1


def test_the_package_ships_its_schemas_and_never_reads_shared():
    package = vendor_specs.REPO / "src" / "ezrouter_mock"
    readers = [
        p.relative_to(package)
        for p in package.rglob("*.py")
        if "shared/specs" in p.read_text("utf-8") or "../shared" in p.read_text("utf-8")
    ]
    assert readers == []
    pyproject = (vendor_specs.REPO / "pyproject.toml").read_text("utf-8")
    assert f"mock/wire/*/{vendor_specs.FILENAME}" in pyproject
