"""Wire formats: each surface parses its requests and renders its answers.

``SURFACES`` is the one list the HTTP layer generates its routes from (in this order,
which is also the order the root document lists them in).
"""

from . import anthropic, openai
from .surface import Surface, TokenCounter

SURFACES: tuple[Surface, ...] = (openai, anthropic)  # type: ignore[assignment]

__all__ = ["SURFACES", "Surface", "TokenCounter"]
