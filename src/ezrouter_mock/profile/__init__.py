"""The gateway facts: the feature table, the schema of profile.yaml and its loader."""

from .schema import (
    DEFAULT_PATH,
    FEATURE_TITLES,
    FEATURES,
    SURFACES,
    Entry,
    Profile,
    ProfileError,
    json_schema,
    load_profile,
    main,
    parse_profile,
)

__all__ = [
    "DEFAULT_PATH",
    "FEATURES",
    "FEATURE_TITLES",
    "SURFACES",
    "Entry",
    "Profile",
    "ProfileError",
    "json_schema",
    "load_profile",
    "main",
    "parse_profile",
]
