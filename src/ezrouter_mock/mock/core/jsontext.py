"""JSON text from callers, parsed with bounds.

Request bodies are JSON, and so are strings inside them that the mock reads as JSON
(tool arguments, tool results, an example object in a JSON-mode prompt). A caller
controls all of them, so every parse here is bounded: nesting deeper than the limit,
a lone surrogate escape, and the non-JSON constants ``NaN``/``Infinity`` (which
Python's parser accepts) or a number too large for a float are all rejected with
:class:`JSONTextError` instead of escaping as a ``RecursionError`` or an ``inf``.
"""

from __future__ import annotations

import json
import math
import re

import orjson

DEFAULT_MAX_DEPTH = 64

_SURROGATE = re.compile("[\ud800-\udfff]")
# orjson reads integers beyond 64 bits as floats (the standard parser keeps them
# exact), so a float this large sends the text through the standard parser
_BIG = float(2**63)


def dumps(data: object) -> bytes:
    """Compact UTF-8 JSON (``{"a":1}``), as ezrouter itself writes its frames.
    Integers beyond 64 bits, which orjson refuses, are written by the standard
    library in the same compact form."""
    try:
        return orjson.dumps(data)
    except TypeError:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


class JSONTextError(ValueError):
    """The text is not JSON the mock accepts; the message says why, in plain words."""


def _no_constants(name: str) -> object:
    raise JSONTextError(f"{name} is not valid JSON (use null or a finite number)")


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise JSONTextError(f"the number {text[:40]} is too large")
    return value


def loads(text: str, max_depth: int = DEFAULT_MAX_DEPTH) -> object:
    """Parse ``text`` or raise :class:`JSONTextError`; never recurses past the
    interpreter's limit and never returns a value nested deeper than ``max_depth``.

    orjson parses first (it refuses NaN, infinities and lone surrogates itself); text
    it refuses, or that holds integers it would turn into floats, goes through the
    standard parser, whose error messages name the problem."""
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError:
        pass
    else:
        if not _walk(data, max_depth, surrogates=False):  # orjson refused those
            return data
    try:
        data = json.loads(text, parse_constant=_no_constants, parse_float=_finite_float)
    except JSONTextError:
        raise
    except RecursionError:
        raise JSONTextError(
            f"the JSON is nested more than {max_depth} levels deep"
        ) from None
    except ValueError as exc:
        raise JSONTextError(f"not valid JSON: {exc}") from None
    check(data, max_depth)
    return data


def check(
    data: object, max_depth: int = DEFAULT_MAX_DEPTH, surrogates: bool = True
) -> None:
    """Reject a parsed value nested deeper than ``max_depth`` or (unless
    ``surrogates`` is False: the parser already refused them) holding a lone
    surrogate (a valid JSON escape, but not Unicode text), without recursion."""
    _walk(data, max_depth, surrogates)


def _walk(data: object, max_depth: int, surrogates: bool) -> bool:
    """:func:`check`; True when a float of 2**63 or more was seen."""
    big = False
    keep = dict | list | float
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > max_depth:
            raise JSONTextError(f"the JSON is nested more than {max_depth} levels deep")
        if isinstance(value, dict):
            for key, item in value.items():
                if surrogates and _SURROGATE.search(key):
                    raise JSONTextError("a key holds an unpaired surrogate escape")
                if surrogates or isinstance(item, keep):
                    stack.append((item, depth + 1))
        elif isinstance(value, list):
            stack.extend(
                (item, depth + 1)
                for item in value
                if surrogates or isinstance(item, keep)
            )
        elif isinstance(value, float):
            big = big or abs(value) >= _BIG
        elif surrogates and isinstance(value, str) and _SURROGATE.search(value):
            raise JSONTextError(
                "a string holds an unpaired surrogate escape (\\ud800-\\udfff)"
            )
    return big
