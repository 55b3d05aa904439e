"""The Anthropic Messages wire format, served under ``/anthropic``."""

from .parse import SURFACE as NAME
from .parse import parse, parse_count
from .render import (
    catalog,
    catalog_entry,
    count_json,
    error_frame,
    render_json,
    render_sse,
)
from .spec import check

BASE = "/anthropic"
CHAT_PATH = "/anthropic/v1/messages"
COUNT_PATH = "/anthropic/v1/messages/count_tokens"
MODELS_PATH = "/anthropic/v1/models"
INFO_PATHS = ("/anthropic", "/anthropic/")
INFO = {"surface": "anthropic", "status": "ok", "messages": CHAT_PATH}
KEY_HEADERS = ("authorization", "x-api-key")
STREAM_FAILURE = 529

__all__ = [
    "BASE",
    "CHAT_PATH",
    "COUNT_PATH",
    "INFO",
    "INFO_PATHS",
    "KEY_HEADERS",
    "MODELS_PATH",
    "NAME",
    "STREAM_FAILURE",
    "catalog",
    "check",
    "catalog_entry",
    "count_json",
    "error_frame",
    "parse",
    "parse_count",
    "render_json",
    "render_sse",
]
