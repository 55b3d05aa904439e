"""Loading a profile: read the YAML, validate it (schema.py), resolve it.

Resolving turns the compact file (surface defaults, family and model overrides) into
the full model x surface x feature matrix behind :class:`Profile`.
"""

from __future__ import annotations

import copy
from pathlib import Path

import yaml
from pydantic import ValidationError

from .features import FEATURES, SURFACES
from .schema import FeatureCell, Key, Profile, ProfileError, ProfileFile

DEFAULT_PATH = Path(__file__).with_name("profile.yaml")


def _format_validation_error(path: Path, exc: ValidationError) -> str:
    lines = [f"{path}: invalid profile ({exc.error_count()} problem(s))"]
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"]) or "(top level)"
        msg = err["msg"].removeprefix("Value error, ")
        lines.append(f"  {loc}: {msg}")
    return "\n".join(lines)


def _resolve(spec: ProfileFile, path: Path | None) -> Profile:
    matrix: dict[Key, FeatureCell] = {}
    models = []
    for model_id, m in spec.models.items():
        models.append(m.model_copy(update={"id": model_id}))
        layers = (spec.defaults, spec.families.get(m.family, {}), m.overrides)
        for surface in SURFACES:
            for feature, surfaces in FEATURES.items():
                if surface not in surfaces:
                    continue
                chosen = None
                for layer in layers:
                    chosen = layer.get(surface, {}).get(feature, chosen)
                matrix[(model_id, surface, feature)] = chosen
    problems = []
    for d in spec.divergences:
        for key in d.cells:
            if matrix[key].support == "works":
                problems.append(
                    f"divergences ({d.id}): affected entry {'/'.join(key)} is 'works'; "
                    "an entry a divergence affects must show the divergence"
                )
    if problems:
        raise ProfileError(f"{path}: invalid profile\n  " + "\n  ".join(problems))
    return Profile(
        models=models,
        matrix=matrix,
        divergences=spec.divergences,
        errors=spec.errors,
        sources=spec.sources,
        path=path,
    )


def parse_profile(data: object, path: Path | str = "<profile>") -> Profile:
    """Validate already-parsed YAML/JSON data and resolve it into a Profile."""
    path = Path(path)
    if not isinstance(data, dict):
        raise ProfileError(f"{path}: the top level must be a mapping")
    try:
        spec = ProfileFile.model_validate(copy.deepcopy(data))
    except ValidationError as exc:
        raise ProfileError(_format_validation_error(path, exc)) from None
    return _resolve(spec, path)


def load_profile(path: Path | str | None = None) -> Profile:
    """Load and validate a profile file (the packaged profile.yaml by default)."""
    path = Path(path) if path is not None else DEFAULT_PATH
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ProfileError(f"{path}: cannot read profile ({exc.strerror})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ProfileError(f"{path}: not valid YAML ({exc})") from None
    return parse_profile(data, path)


def json_schema() -> dict:
    """The JSON schema of profile.yaml (for editors and external validators)."""
    return ProfileFile.model_json_schema()
