"""The schema of profile.yaml, in pydantic: these models are also the types callers get.

A file that does not match gets a :class:`ProfileError` naming each offending key; the
cross-checks (a feature on a surface it does not apply to, an unknown source slug or
family, a duplicate divergence id) run here too. Resolving the compact file into the
full model x surface x feature matrix is the loader's job (loader.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .features import (
    FEATURES,
    SUPPORTS,
    SURFACES,
    FeatureId,
    Status,
    Support,
    Surface,
)


class ProfileError(Exception):
    """A profile file that cannot be read or does not match the schema."""


# --------------------------------------------------------------------------------------
# The file (profile.yaml).
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


class FeatureCell(_Provenance):
    """How one model treats one feature on one surface, and how we know."""

    support: Support
    note: str = Field(min_length=1)


SurfaceEntries = dict[Surface, dict[FeatureId, FeatureCell]]


class Model(_Strict):
    """A catalog model as GET /v1/models lists it, plus the profile's grouping. The
    file keys models by id; the loader fills ``id`` in."""

    id: str = ""
    family: str
    owned_by: str
    owned_by_status: Status
    surfaces: tuple[str, ...] = Field(min_length=1)
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


class Affect(_Strict):
    surface: Surface
    feature: FeatureId
    models: list[str] = Field(min_length=1)


class Divergence(_Provenance):
    """A documented way the gateway differs from the upstream API."""

    id: str
    title: str
    note: str
    surface: Surface | None = None
    affects: list[Affect] = Field(default_factory=list)
    enabled: bool = True

    @property
    def cells(self) -> tuple[tuple[str, str, str], ...]:
        """The (model, surface, feature) cells the divergence shows in."""
        return tuple(
            (model_id, a.surface, a.feature)
            for a in self.affects
            for model_id in a.models
        )


class ErrorCode(_Provenance):
    """One row of the gateway's error table."""

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
    models: dict[str, Model] = Field(min_length=1)
    divergences: list[Divergence] = Field(default_factory=list)
    errors: list[ErrorCode] = Field(default_factory=list)

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
# The resolved view callers query (built by loader.py).
# --------------------------------------------------------------------------------------


Key = tuple[str, str, str]  # (model, surface, feature)


class Profile:
    """A resolved, read-only gateway profile. Copies are made by the ``with_*`` and
    ``without_*`` methods, so a test or a mock setting never mutates a shared one."""

    def __init__(
        self,
        *,
        models: Iterable[Model],
        matrix: dict[Key, FeatureCell],
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
    def entry(self, model_id: str, surface: str, feature: str) -> FeatureCell:
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
                for key in d.cells:
                    matrix[key] = FeatureCell(
                        support="works",
                        status="assumed",
                        note=f"Upstream behaviour; divergence {d.id} is turned off.",
                    )
                d = d.model_copy(update={"enabled": False})
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
        matrix[(model_id, surface, feature)] = old.model_copy(
            update={
                "support": support,
                "status": "assumed",
                "verified_on": None,
                "how": None,
                "note": note,
                "against": None,
            }
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
