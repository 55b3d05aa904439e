"""The gateway facts: the feature table, the schema of profile.yaml and its loader.

The profile is data (profile.yaml beside this package) so that the mock, the docs
tables and the probe all read the same facts instead of repeating them in code.
"""

from .features import FEATURE_TITLES, FEATURES, STATUSES, SUPPORTS, SURFACES
from .loader import DEFAULT_PATH, json_schema, load_profile, parse_profile
from .schema import Divergence, ErrorCode, FeatureCell, Model, Profile, ProfileError

__all__ = [
    "DEFAULT_PATH",
    "FEATURES",
    "FEATURE_TITLES",
    "STATUSES",
    "SUPPORTS",
    "SURFACES",
    "Divergence",
    "ErrorCode",
    "FeatureCell",
    "Model",
    "Profile",
    "ProfileError",
    "json_schema",
    "load_profile",
    "parse_profile",
]
