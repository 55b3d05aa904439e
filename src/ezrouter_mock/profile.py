"""The gateway profile: what ezrouter does, per model, surface and feature.

The profile is data (profile.yaml beside this module) so that the mock, the docs tables
and the probe all read the same facts instead of repeating them in code. This module
validates the file with pydantic, resolves the compact YAML (surface defaults, family
and model overrides) into the full model x surface x feature matrix, and exposes it
through the small, immutable :class:`Profile` API.

Run ``python -m ezrouter_mock.profile --schema`` to print the JSON schema of the file,
or ``python -m ezrouter_mock.profile [PATH]`` to validate a profile file.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

SURFACES: tuple[str, ...] = ("anthropic", "openai")

_BOTH = SURFACES
_ANTHROPIC = ("anthropic",)
_OPENAI = ("openai",)

#: Feature id -> the surfaces it applies to (fixed vocabulary shared by mock and probe).
FEATURES: dict[str, tuple[str, ...]] = {
    "text": _BOTH,
    "system": _BOTH,
    "max_tokens": _BOTH,
    "sampling": _BOTH,
    "stop_sequences": _BOTH,
    "streaming": _BOTH,
    "tools": _BOTH,
    "tool_choice_auto": _BOTH,
    "tool_choice_any": _BOTH,
    "tool_choice_tool": _BOTH,
    "tool_choice_none": _BOTH,
    "tool_call_deltas": _OPENAI,
    "thinking_enabled": _BOTH,
    "thinking_adaptive": _ANTHROPIC,
    "reasoning_effort": _OPENAI,
    "cache_explicit": _ANTHROPIC,
    "cache_automatic": _BOTH,
    "json_mode": _OPENAI,
    "image_blocks": _BOTH,
    "document_blocks": _ANTHROPIC,
    "mcp_servers": _ANTHROPIC,
    "server_tools": _ANTHROPIC,
    "anthropic_beta": _ANTHROPIC,
    "count_tokens": _ANTHROPIC,
}

#: Feature id -> a short human label (docs tables, probe output).
FEATURE_TITLES: dict[str, str] = {
    "text": "Plain text",
    "system": "System prompt",
    "max_tokens": "max_tokens",
    "sampling": "temperature / top_p",
    "stop_sequences": "Stop sequences",
    "streaming": "Streaming",
    "tools": "Tools",
    "tool_choice_auto": "tool_choice auto",
    "tool_choice_any": "tool_choice any / required",
    "tool_choice_tool": "tool_choice named tool",
    "tool_choice_none": "tool_choice none",
    "tool_call_deltas": "Tool-call deltas in the stream",
    "thinking_enabled": "Thinking (enabled)",
    "thinking_adaptive": "Thinking (adaptive)",
    "reasoning_effort": "reasoning_effort",
    "cache_explicit": "Prompt cache (cache_control)",
    "cache_automatic": "Prompt cache (automatic)",
    "json_mode": "JSON mode",
    "image_blocks": "Image input",
    "document_blocks": "Document blocks",
    "mcp_servers": "MCP servers",
    "server_tools": "Server tools",
    "anthropic_beta": "anthropic-beta header",
    "count_tokens": "count_tokens",
}

SUPPORTS: tuple[str, ...] = ("works", "ignored", "rejected", "broken")
STATUSES: tuple[str, ...] = ("verified", "documented", "conflicting", "assumed")

Support = Literal["works", "ignored", "rejected", "broken"]
Status = Literal["verified", "documented", "conflicting", "assumed"]
Surface = Literal["anthropic", "openai"]
FeatureId = Literal[
    "text",
    "system",
    "max_tokens",
    "sampling",
    "stop_sequences",
    "streaming",
    "tools",
    "tool_choice_auto",
    "tool_choice_any",
    "tool_choice_tool",
    "tool_choice_none",
    "tool_call_deltas",
    "thinking_enabled",
    "thinking_adaptive",
    "reasoning_effort",
    "cache_explicit",
    "cache_automatic",
    "json_mode",
    "image_blocks",
    "document_blocks",
    "mcp_servers",
    "server_tools",
    "anthropic_beta",
    "count_tokens",
]

DEFAULT_PATH = Path(__file__).with_name("profile.yaml")


class ProfileError(Exception):
    """A profile file that cannot be read or does not match the schema."""


# --------------------------------------------------------------------------------------
# File schema (pydantic). Kept separate from the public types so the YAML can stay
# compact while callers get a fully resolved, immutable view.
# --------------------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Quote(_Strict):
    """One side of a disagreement: an ezrouter page (slug + the section or phrase the
    statement rests on) or our own measurement on real SDK releases."""

    source: str | None = None
    section: str | None = None
    measured: str | None = None
    says: str = Field(min_length=1)

    @model_validator(mode="after")
    def _has_evidence(self):
        if not ((self.source and self.section) or self.measured):
            raise ValueError("a quote needs 'source' and 'section', or 'measured'")
        return self


class _Provenance(_Strict):
    """How we know: ``source`` names an ezrouter page by slug and ``section`` the
    heading or short phrase of that page the statement rests on; ``measured`` says
    what we measured on real SDK releases (a different kind of evidence); a
    ``conflicting`` entry follows ``source`` and names the page (or measurement) that
    says otherwise in ``against``."""

    status: Status
    source: str | None = None
    section: str | None = None
    measured: str | None = None
    against: Quote | None = None
    verified_on: dt.date | None = None
    how: str | None = None

    @model_validator(mode="after")
    def _status_needs_evidence(self):
        if self.status in ("documented", "conflicting") and not (
            self.source and self.section
        ):
            raise ValueError(
                f"status {self.status!r} needs a 'source' (a slug in sources) and the "
                "'section' of that page it rests on"
            )
        if self.status == "conflicting" and self.against is None:
            raise ValueError("status 'conflicting' needs 'against' (the other side)")
        if self.status != "conflicting" and self.against is not None:
            raise ValueError("'against' is only for status 'conflicting'")
        if self.status == "verified" and not (self.verified_on and self.how):
            raise ValueError("status 'verified' needs 'verified_on' and 'how'")
        return self


class EntrySpec(_Provenance):
    support: Support
    note: str = Field(min_length=1)


SurfaceEntries = dict[Surface, dict[FeatureId, EntrySpec]]


class ModelSpec(_Strict):
    family: str
    owned_by: str
    owned_by_status: Status
    surfaces: list[str] = Field(min_length=1)
    surfaces_status: Status
    #: Evidence for the statuses above that say documented or conflicting.
    source: str | None = None
    section: str | None = None
    against: Quote | None = None
    #: Token granularity of the automatic cache's cached_tokens; None: the whole
    #: repeated prefix of complete messages, to the token.
    auto_cache_chunk: int | None = Field(default=2048, ge=1)
    note: str = ""
    overrides: SurfaceEntries = Field(default_factory=dict)

    @model_validator(mode="after")
    def _statuses_need_evidence(self):
        statuses = {self.owned_by_status, self.surfaces_status}
        if statuses & {"documented", "conflicting"} and not (
            self.source and self.section
        ):
            raise ValueError("a documented model needs 'source' and 'section'")
        if "conflicting" in statuses and self.against is None:
            raise ValueError("a conflicting model status needs 'against'")
        return self


class AffectSpec(_Strict):
    surface: Surface
    feature: FeatureId
    models: list[str] = Field(min_length=1)


class DivergenceSpec(_Provenance):
    id: str
    title: str
    note: str
    surface: Surface | None = None
    affects: list[AffectSpec] = Field(default_factory=list)


class ErrorSpec(_Provenance):
    http: int = Field(ge=400, le=599)
    code: str
    type: str
    when: str
    action: str


class ProfileFile(_Strict):
    """The schema of profile.yaml."""

    version: Literal[1]
    sources: dict[str, str]
    defaults: SurfaceEntries
    families: dict[str, SurfaceEntries] = Field(default_factory=dict)
    models: dict[str, ModelSpec] = Field(min_length=1)
    divergences: list[DivergenceSpec] = Field(default_factory=list)
    errors: list[ErrorSpec] = Field(default_factory=list)

    @model_validator(mode="after")
    def _cross_checks(self):
        problems: list[str] = []

        def check_layer(where: str, layer: SurfaceEntries) -> None:
            for surface, entries in layer.items():
                for feature, entry in entries.items():
                    key = f"{where}.{surface}.{feature}"
                    if surface not in FEATURES[feature]:
                        problems.append(
                            f"{key}: feature {feature!r} does not apply to the "
                            f"{surface} surface (it applies to "
                            f"{', '.join(FEATURES[feature])})"
                        )
                    check_slugs(key, entry)

        def check_slugs(key: str, item) -> None:
            for where, slug in (
                ("source", item.source),
                ("against.source", item.against.source if item.against else None),
            ):
                if slug and slug not in self.sources:
                    problems.append(f"{key}.{where}: unknown slug {slug!r}")

        for surface in SURFACES:
            missing = [
                f
                for f, surfaces in FEATURES.items()
                if surface in surfaces and f not in self.defaults.get(surface, {})
            ]
            if missing:
                problems.append(
                    f"defaults.{surface}: missing entries for {', '.join(missing)}"
                )
        check_layer("defaults", self.defaults)
        for family, layer in self.families.items():
            check_layer(f"families.{family}", layer)
        for model_id, spec in self.models.items():
            check_layer(f"models.{model_id}.overrides", spec.overrides)
            check_slugs(f"models.{model_id}", spec)
            if spec.family not in self.families:
                problems.append(
                    f"models.{model_id}.family: unknown family {spec.family!r} "
                    "(add it under families, even as {})"
                )
        seen: set[str] = set()
        for i, div in enumerate(self.divergences):
            where = f"divergences[{i}] ({div.id})"
            if div.id in seen:
                problems.append(f"{where}: duplicate id")
            seen.add(div.id)
            check_slugs(where, div)
            for a in div.affects:
                if a.surface not in FEATURES[a.feature]:
                    problems.append(
                        f"{where}.affects: {a.feature} does not apply to {a.surface}"
                    )
                for m in a.models:
                    if m not in self.models:
                        problems.append(f"{where}.affects: unknown model {m!r}")
        for i, err in enumerate(self.errors):
            check_slugs(f"errors[{i}]", err)
        if problems:
            raise ValueError("; ".join(problems))
        return self


# --------------------------------------------------------------------------------------
# Public, resolved types.
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """How one model treats one feature on one surface, and how we know."""

    support: str
    status: str
    source: str | None = None
    verified_on: dt.date | None = None
    how: str | None = None
    note: str = ""
    section: str | None = None
    measured: str | None = None
    against: Quote | None = None


@dataclass(frozen=True)
class Model:
    """A catalog model as GET /v1/models lists it, plus the profile's grouping."""

    id: str
    owned_by: str
    surfaces: tuple[str, ...]
    family: str
    note: str = ""
    owned_by_status: str = "assumed"
    surfaces_status: str = "assumed"
    source: str | None = None
    section: str | None = None
    against: Quote | None = None
    auto_cache_chunk: int | None = 2048


@dataclass(frozen=True)
class Divergence:
    """A documented way the gateway differs from the upstream API."""

    id: str
    title: str
    status: str
    source: str | None
    note: str
    surface: str | None = None
    affects: tuple[tuple[str, str, str], ...] = ()  # (model, surface, feature)
    enabled: bool = True
    section: str | None = None
    measured: str | None = None
    against: Quote | None = None


@dataclass(frozen=True)
class ErrorCode:
    """One row of the gateway's error table."""

    http: int
    code: str
    type: str
    when: str
    action: str
    status: str
    source: str | None = None
    section: str | None = None
    measured: str | None = None
    against: Quote | None = None


Key = tuple[str, str, str]


class Profile:
    """A resolved, read-only gateway profile. Copies are made by the ``with_*`` and
    ``without_*`` methods, so a test or a mock setting never mutates a shared one."""

    def __init__(
        self,
        *,
        models: Iterable[Model],
        matrix: dict[Key, Entry],
        divergences: Iterable[Divergence],
        errors: Iterable[ErrorCode],
        sources: dict[str, str],
        path: Path | None = None,
    ) -> None:
        self._models = tuple(models)
        self._by_id = {m.id: m for m in self._models}
        self._matrix = dict(matrix)
        self._divergences = tuple(divergences)
        self._errors = tuple(errors)
        self.sources = dict(sources)
        self.path = path

    # --- catalog -------------------------------------------------------------------
    @property
    def models(self) -> list[Model]:
        return list(self._models)

    def model(self, model_id: str) -> Model | None:
        return self._by_id.get(model_id)

    # --- matrix --------------------------------------------------------------------
    def entry(self, model_id: str, surface: str, feature: str) -> Entry:
        """The entry for one cell; KeyError with a clear message for a bad key."""
        try:
            return self._matrix[(model_id, surface, feature)]
        except KeyError:
            raise KeyError(self._explain_missing(model_id, surface, feature)) from None

    def support(self, model_id: str, surface: str, feature: str) -> str:
        return self.entry(model_id, surface, feature).support

    def applies(self, surface: str, feature: str) -> bool:
        """Whether the feature exists on the surface at all."""
        return surface in FEATURES.get(feature, ())

    def features(self, surface: str) -> list[str]:
        """Feature ids that apply to a surface, in vocabulary order."""
        return [f for f, surfaces in FEATURES.items() if surface in surfaces]

    def _explain_missing(self, model_id: str, surface: str, feature: str) -> str:
        if model_id not in self._by_id:
            return f"unknown model {model_id!r}"
        if surface not in SURFACES:
            return f"unknown surface {surface!r} (expected one of {SURFACES})"
        if feature not in FEATURES:
            return f"unknown feature {feature!r}"
        return f"feature {feature!r} does not apply to the {surface} surface"

    # --- divergences ---------------------------------------------------------------
    @property
    def divergences(self) -> list[Divergence]:
        return list(self._divergences)

    def divergence(self, div_id: str) -> Divergence:
        for d in self._divergences:
            if d.id == div_id:
                return d
        known = ", ".join(d.id for d in self._divergences)
        raise KeyError(f"unknown divergence {div_id!r} (known: {known})")

    def divergence_enabled(self, div_id: str) -> bool:
        return self.divergence(div_id).enabled

    def without_divergences(self, div_ids: Iterable[str]) -> Profile:
        """A copy with these divergences off: flags off, affected cells "works"."""
        off = set(div_ids)
        for div_id in off:
            self.divergence(div_id)  # raises on an unknown id
        matrix = dict(self._matrix)
        divergences = []
        for d in self._divergences:
            if d.id in off and d.enabled:
                for key in d.affects:
                    matrix[key] = Entry(
                        support="works",
                        status="assumed",
                        note=f"Upstream behaviour; divergence {d.id} is turned off.",
                    )
                d = replace(d, enabled=False)
            divergences.append(d)
        return self._copy(matrix=matrix, divergences=divergences)

    # --- errors --------------------------------------------------------------------
    @property
    def errors(self) -> list[ErrorCode]:
        return list(self._errors)

    def error(self, code: str) -> ErrorCode:
        """The error row for an ezrouter error code (e.g. "invalid_api_key")."""
        for e in self._errors:
            if e.code == code:
                return e
        raise KeyError(f"unknown error code {code!r}")

    # --- copies --------------------------------------------------------------------
    def with_entry(
        self,
        model_id: str,
        surface: str,
        feature: str,
        support: str,
        *,
        note: str = "Changed in a copy of the profile.",
    ) -> Profile:
        """A copy with one cell's support replaced (used by tests)."""
        old = self.entry(model_id, surface, feature)
        if support not in SUPPORTS:
            raise ValueError(f"support must be one of {SUPPORTS}, not {support!r}")
        matrix = dict(self._matrix)
        matrix[(model_id, surface, feature)] = replace(
            old,
            support=support,
            status="assumed",
            verified_on=None,
            how=None,
            note=note,
            against=None,
        )
        return self._copy(matrix=matrix)

    def _copy(self, **changes) -> Profile:
        args = {
            "models": self._models,
            "matrix": self._matrix,
            "divergences": self._divergences,
            "errors": self._errors,
            "sources": self.sources,
            "path": self.path,
        }
        args.update(changes)
        return Profile(**args)

    def __repr__(self) -> str:
        return f"Profile({len(self._models)} models, path={self.path})"


# --------------------------------------------------------------------------------------
# Loading.
# --------------------------------------------------------------------------------------


def _format_validation_error(path: Path, exc: ValidationError) -> str:
    lines = [f"{path}: invalid profile ({exc.error_count()} problem(s))"]
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"]) or "(top level)"
        msg = err["msg"].removeprefix("Value error, ")
        lines.append(f"  {loc}: {msg}")
    return "\n".join(lines)


def _resolve(spec: ProfileFile, path: Path | None) -> Profile:
    matrix: dict[Key, Entry] = {}
    models = []
    for model_id, m in spec.models.items():
        models.append(
            Model(
                id=model_id,
                owned_by=m.owned_by,
                surfaces=tuple(m.surfaces),
                family=m.family,
                note=m.note,
                owned_by_status=m.owned_by_status,
                surfaces_status=m.surfaces_status,
                source=m.source,
                section=m.section,
                against=m.against,
                auto_cache_chunk=m.auto_cache_chunk,
            )
        )
        layers = (spec.defaults, spec.families.get(m.family, {}), m.overrides)
        for surface in SURFACES:
            for feature, surfaces in FEATURES.items():
                if surface not in surfaces:
                    continue
                chosen = None
                for layer in layers:
                    chosen = layer.get(surface, {}).get(feature, chosen)
                matrix[(model_id, surface, feature)] = Entry(
                    support=chosen.support,
                    status=chosen.status,
                    source=chosen.source,
                    verified_on=chosen.verified_on,
                    how=chosen.how,
                    note=chosen.note,
                    section=chosen.section,
                    measured=chosen.measured,
                    against=chosen.against,
                )
    divergences = []
    problems = []
    for d in spec.divergences:
        affects = tuple(
            (model_id, a.surface, a.feature) for a in d.affects for model_id in a.models
        )
        for key in affects:
            if matrix[key].support == "works":
                problems.append(
                    f"divergences ({d.id}): affected entry {'/'.join(key)} is 'works'; "
                    "an entry a divergence affects must show the divergence"
                )
        divergences.append(
            Divergence(
                id=d.id,
                title=d.title,
                status=d.status,
                source=d.source,
                note=d.note,
                surface=d.surface,
                affects=affects,
                section=d.section,
                measured=d.measured,
                against=d.against,
            )
        )
    if problems:
        raise ProfileError(f"{path}: invalid profile\n  " + "\n  ".join(problems))
    errors = [
        ErrorCode(
            http=e.http,
            code=e.code,
            type=e.type,
            when=e.when,
            action=e.action,
            status=e.status,
            source=e.source,
            section=e.section,
            measured=e.measured,
            against=e.against,
        )
        for e in spec.errors
    ]
    return Profile(
        models=models,
        matrix=matrix,
        divergences=divergences,
        errors=errors,
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


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--schema"]:
        print(json.dumps(json_schema(), indent=2))
        return 0
    try:
        profile = load_profile(args[0] if args else None)
    except ProfileError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"ok: {profile.path}: {len(profile.models)} models")
    return 0


if __name__ == "__main__":
    sys.exit(main())
