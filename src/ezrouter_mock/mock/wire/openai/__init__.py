"""The OpenAI Chat Completions wire format, served under ``/v1``."""

from .parse import SURFACE as NAME
from .parse import parse
from .render import catalog, catalog_entry, error_frame, render_json, render_sse
from .spec import check

BASE = "/v1"
CHAT_PATH = "/v1/chat/completions"
MODELS_PATH = "/v1/models"
INFO_PATHS: tuple[str, ...] = ()
INFO = None
KEY_HEADERS = ("authorization",)
STREAM_FAILURE = 502

__all__ = [
    "BASE",
    "CHAT_PATH",
    "INFO",
    "INFO_PATHS",
    "KEY_HEADERS",
    "MODELS_PATH",
    "NAME",
    "STREAM_FAILURE",
    "catalog",
    "check",
    "catalog_entry",
    "error_frame",
    "parse",
    "render_json",
    "render_sse",
]
