"""A string that matches a regular expression (for JSON Schema ``pattern``).

Walks Python's own parse tree of the pattern and emits the shortest plausible match:
literals as written, the first allowed character of a class, each repeat at its
minimum (at least once for ``+``), the first branch of an alternation.

Patterns come from callers' schemas, so nothing here runs them with Python's
backtracking engine: checking a string against a pattern uses RE2 (linear time in
the text), and the emitted sample is capped in length. ``^(a+)+$`` costs the same
as ``^a+$``.
"""

from __future__ import annotations

import re

import re2

#: The longest sample emitted; ``(a{1000}){1000}`` would otherwise ask for 1e6.
MAX_SAMPLE = 4096

_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False  # an unsupported pattern is an answer, not a log line

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_CATEGORY_SAMPLES = {
    _c.CATEGORY_DIGIT: "0",
    _c.CATEGORY_NOT_DIGIT: "a",
    _c.CATEGORY_SPACE: " ",
    _c.CATEGORY_NOT_SPACE: "a",
    _c.CATEGORY_WORD: "a",
    _c.CATEGORY_NOT_WORD: "-",
}


def search(pattern: str, text: str) -> bool | None:
    """Whether ``pattern`` finds a match in ``text``, in time linear in the text;
    None when RE2 cannot run the pattern (backreferences, lookaround)."""
    try:
        return re2.compile(pattern, _RE2_OPTIONS).search(text) is not None
    except (re2.error, TypeError, ValueError, OverflowError):
        return None


def sample(pattern: str, hint: str = "") -> str | None:
    """A string matching ``pattern`` (search semantics), or None if none was found.
    ``hint`` is tried first, so a natural value wins when it already matches."""
    try:
        tree = _p.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return None
    if hint and search(pattern, hint):
        return hint
    try:
        text = _emit(list(tree), 0)
    except (RecursionError, ValueError, TypeError, KeyError, OverflowError):
        return None
    return text if search(pattern, text) is not False else None


def _emit(items, depth: int) -> str:
    if depth > 40:
        raise ValueError("pattern too deep")
    out = []
    size = 0
    for op, arg in items:
        piece = _one(op, arg, depth)
        size += len(piece)
        if size > MAX_SAMPLE:
            raise ValueError("sample too long")
        out.append(piece)
    return "".join(out)


def _one(op, arg, depth: int) -> str:
    if op == _c.LITERAL:
        return chr(arg)
    if op == _c.NOT_LITERAL:
        return "a" if arg != ord("a") else "b"
    if op == _c.ANY:
        return "a"
    if op == _c.IN:
        return _from_class(arg)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", object())):
        low, _high, sub = arg
        piece = _emit(list(sub), depth + 1)
        if len(piece) * low > MAX_SAMPLE:
            raise ValueError("sample too long")
        return piece * low
    if op == _c.SUBPATTERN:
        return _emit(list(arg[-1]), depth + 1)
    if op == _c.BRANCH:
        return _emit(list(arg[1][0]), depth + 1)
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return ""
    if op == _c.GROUPREF:
        return ""
    if op == getattr(_c, "ATOMIC_GROUP", object()):
        return _emit(list(arg), depth + 1)
    raise ValueError(f"unsupported regex construct {op}")


def _from_class(items) -> str:
    negate = any(op == _c.NEGATE for op, _ in items)
    if negate:
        banned = set()
        for op, arg in items:
            if op == _c.LITERAL:
                banned.add(chr(arg))
            elif op == _c.RANGE:
                banned.update(
                    chr(c) for c in range(arg[0], min(arg[1], arg[0] + 200) + 1)
                )
        for cand in "aA0_x-":
            if cand not in banned:
                return cand
        return "~"
    for op, arg in items:
        if op == _c.LITERAL:
            return chr(arg)
        if op == _c.RANGE:
            return chr(arg[0])
        if op == _c.CATEGORY:
            return _CATEGORY_SAMPLES.get(arg, "a")
    return "a"
