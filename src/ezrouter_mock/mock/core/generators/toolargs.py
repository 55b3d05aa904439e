"""Tool-call arguments generated from a JSON Schema.

The engine must call a tool with arguments that validate against the tool's
``input_schema`` (types, required fields, enums, bounds, nested objects), and they
should look like what a model would pick for the user's message: "weather in Paris"
gives ``{"location": "Paris"}``. Values are a pure function of schema and context.
"""

from __future__ import annotations

import math
import re
from contextvars import ContextVar
from dataclasses import dataclass, field

from . import regexgen

_MAX_DEPTH = 12

#: Caps on what a caller's schema can make the mock build. A schema is caller data,
#: so without them ``minItems: 1e6`` or a ``$ref: "#"`` fan-out turns a few hundred
#: bytes into megabytes and seconds of work on the event loop. Capped values are
#: still as valid as the cap allows, and :func:`generate_capped` reports each cap.
MAX_ITEMS = 64
MAX_PROPERTIES = 64
MAX_STRING = 4096
MAX_VALUES = 2000


@dataclass
class _Budget:
    values_left: int = MAX_VALUES
    notes: list[str] = field(default_factory=list)

    def note(self, text: str) -> None:
        if text not in self.notes and len(self.notes) < 8:
            self.notes.append(text)


_budget: ContextVar[_Budget] = ContextVar("toolargs_budget")

_PLACE_NAMES = {"location", "city", "place", "country", "region", "address", "town"}
_TEXT_NAMES = {"query", "q", "search", "text", "prompt", "question", "message", "input"}
_FORMATS = {
    "date": "2026-01-15",
    "date-time": "2026-01-15T09:30:00Z",
    "time": "09:30:00",
    "email": "user@example.com",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "uri-reference": "https://example.com/",
    "uuid": "123e4567-e89b-12d3-a456-426614174000",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "hostname": "example.com",
}
_PLACE_AFTER = re.compile(
    r"\b(?:in|at|for|to|from|near|of)\s+([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)"
)
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z][\w'-]*)")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def generate(schema: object, context: str = "", name: str = "value") -> object:
    """A value that validates against ``schema``; ``context`` is the user's request."""
    return generate_capped(schema, context, name)[0]


def generate_capped(
    schema: object, context: str = "", name: str = "value"
) -> tuple[object, list[str]]:
    """Like :func:`generate`, plus a note for each size the caps cut short (empty
    when the schema asked for nothing beyond them)."""
    root = schema if isinstance(schema, dict) else {}
    budget = _Budget()
    token = _budget.set(budget)
    try:
        value = _value(schema, root, context, name, 0)
    except Unsatisfiable as exc:
        value = exc.best
    finally:
        _budget.reset(token)
    return value, budget.notes


def _cap(asked: object, cap: int, what: str) -> int:
    """``asked`` as a count no larger than ``cap``; a larger ask is noted."""
    if not _num(asked) or asked != asked or asked <= 0:
        return 0
    if asked > cap:
        _budget.get().note(f"{what} {_short(asked)} was capped at {cap}")
        return cap
    return int(asked)


def _short(number: object) -> str:
    text = str(number)
    return text if len(text) <= 24 else f"{text[:8]}...({len(text)} digits)"


def _strings(value: object) -> list[str]:
    """The string members of a ``required`` list; anything else reads as none."""
    return [r for r in value if isinstance(r, str)] if isinstance(value, list) else []


def _resolve(schema: dict, root: dict, depth: int) -> dict:
    seen = 0
    while (
        isinstance(schema, dict) and isinstance(schema.get("$ref"), str) and seen < 16
    ):
        ref = schema["$ref"]
        target: object = root if ref.startswith("#") else None
        for part in ref.lstrip("#").strip("/").split("/") if ref != "#" else []:
            part = part.replace("~1", "/").replace("~0", "~")
            target = target.get(part) if isinstance(target, dict) else None
        rest = {k: v for k, v in schema.items() if k != "$ref"}
        schema = {**(target if isinstance(target, dict) else {}), **rest}
        seen += 1
    if isinstance(schema, dict) and isinstance(schema.get("allOf"), list):
        merged = {k: v for k, v in schema.items() if k != "allOf"}
        for sub in schema["allOf"]:
            sub = _resolve(sub, root, depth) if isinstance(sub, dict) else {}
            for key, val in sub.items():
                if key == "properties" and isinstance(val, dict):
                    merged["properties"] = {**merged.get("properties", {}), **val}
                elif key == "required":
                    merged["required"] = _strings(merged.get("required")) + _strings(
                        val
                    )
                else:
                    merged.setdefault(key, val)
        schema = merged
    return schema if isinstance(schema, dict) else {}


def _type_of(schema: dict) -> str:
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if isinstance(kind, str):
        return kind
    if "properties" in schema or "additionalProperties" in schema:
        return "object"
    if "items" in schema or "prefixItems" in schema:
        return "array"
    return "string"


def _value(schema: object, root: dict, context: str, name: str, depth: int) -> object:
    budget = _budget.get()
    budget.values_left -= 1
    if budget.values_left < 0:
        if budget.values_left == -1:
            budget.note(f"the schema asks for more than {MAX_VALUES} values")
        return None
    if schema is True or not isinstance(schema, dict):
        return _string({}, context, name)
    schema = _resolve(schema, root, depth)
    if "const" in schema:
        return schema["const"]
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return _pick_enum(schema["enum"], context)
    for key in ("anyOf", "oneOf"):
        options = schema.get(key)
        if isinstance(options, list) and options:
            usable = [
                o
                for o in options
                if not (isinstance(o, dict) and o.get("type") == "null")
            ]
            base = {k: v for k, v in schema.items() if k != key}
            chosen = usable[0] if usable else options[0]
            if isinstance(chosen, dict):
                chosen = {**base, **chosen}
            return _value(chosen, root, context, name, depth + 1)
    if "default" in schema and depth > 0:
        return schema["default"]
    kind = _type_of(schema)
    if depth >= _MAX_DEPTH:
        return {"object": {}, "array": [], "null": None}.get(
            kind, _scalar(kind, schema, context, name)
        )
    if kind == "object":
        return _object(schema, root, context, depth)
    if kind == "array":
        return _array(schema, root, context, name, depth)
    return _scalar(kind, schema, context, name)


def _scalar(kind: str, schema: dict, context: str, name: str) -> object:
    if kind in ("integer", "number"):
        return _number(schema, context, integer=kind == "integer")
    if kind == "boolean":
        return True
    if kind == "null":
        return None
    return _string(schema, context, name)


def _object(schema: dict, root: dict, context: str, depth: int) -> dict:
    props = (
        schema.get("properties") if isinstance(schema.get("properties"), dict) else {}
    )
    extra = schema.get("additionalProperties")
    required = _strings(schema.get("required"))
    result = {}
    for key, sub in props.items():
        try:
            result[key] = _value(sub, root, context, key, depth + 1)
        except Unsatisfiable as exc:
            if key in required:  # best effort: a required value must be present
                result[key] = exc.best
    for key in required:
        if key not in result:
            sub = extra if isinstance(extra, dict) else {}
            result[key] = _value(sub, root, context, key, depth + 1)
    minimum = _cap(schema.get("minProperties"), MAX_PROPERTIES, "minProperties")
    index = 1
    while len(result) < minimum and index < 1000:
        sub = extra if isinstance(extra, dict) else {}
        result.setdefault(
            f"key{index}", _value(sub, root, context, f"key{index}", depth + 1)
        )
        index += 1
    return result


def _array(schema: dict, root: dict, context: str, name: str, depth: int) -> list:
    prefix = (
        schema.get("prefixItems") if isinstance(schema.get("prefixItems"), list) else []
    )
    items = schema.get("items", {})
    low = _cap(schema.get("minItems"), MAX_ITEMS, "minItems")
    high = schema.get("maxItems") if isinstance(schema.get("maxItems"), int) else None
    size = min(max(low, len(prefix), 1), MAX_ITEMS)
    if high is not None:
        size = min(size, high)
    result: list = []
    for index in range(size):
        sub = prefix[index] if index < len(prefix) else items
        value = _value(sub, root, context, name, depth + 1)
        if schema.get("uniqueItems") and value in result:
            value = _distinct(sub, root, context, name, depth, value, result)
        result.append(value)
    return result


def _distinct(sub, root, context, name, depth, value, taken: list) -> object:
    """Another valid item when uniqueItems forbids a repeat."""
    resolved = _resolve(sub, root, depth) if isinstance(sub, dict) else {}
    if isinstance(value, int | float) and not isinstance(value, bool):
        above = max(v for v in taken if isinstance(v, int | float))
        tighter = dict(resolved)
        current = tighter.get("exclusiveMinimum")
        if not _num(current) or current < above:
            tighter["exclusiveMinimum"] = above
        return _value(tighter, root, context, name, depth + 1)
    if isinstance(resolved.get("enum"), list):
        spare = [o for o in resolved["enum"] if o not in taken]
        return spare[0] if spare else value
    if isinstance(value, str):
        low = _cap(resolved.get("minLength"), MAX_STRING, "minLength")
        high = (
            resolved.get("maxLength")
            if isinstance(resolved.get("maxLength"), int)
            else None
        )
        pattern = (
            resolved.get("pattern")
            if isinstance(resolved.get("pattern"), str)
            else None
        )
        for n in range(2, 50):
            cand = _fit_length(f"{value}{n}", low, high)
            if (pattern is None or _matches(pattern, cand)) and cand not in taken:
                return cand
    if isinstance(value, bool):
        return not value
    return value


def _pick_enum(options: list, context: str) -> object:
    lowered = context.lower()
    for option in options:
        if isinstance(option, str) and option and option.lower() in lowered:
            return option
    return options[0]


def _number(schema: dict, context: str, integer: bool) -> int | float:
    """A number within the schema's bounds; bounds past a float's range (huge
    integers) or steps too small to divide by fall back to the lower bound or 0."""
    try:
        return _bounded_number(schema, context, integer)
    except (OverflowError, ValueError, ZeroDivisionError):
        low = schema.get("minimum")
        if isinstance(low, int) and not isinstance(low, bool):
            return low  # a whole number is valid for "integer" and "number" alike
        if isinstance(low, float) and math.isfinite(low):
            return math.ceil(low) if integer else low  # 0 would break the bound
        return 0


def _bounded_number(schema: dict, context: str, integer: bool) -> int | float:
    low = schema.get("minimum")
    high = schema.get("maximum")
    ex_low = schema.get("exclusiveMinimum")
    ex_high = schema.get("exclusiveMaximum")
    step = schema.get("multipleOf")
    if isinstance(ex_low, bool):  # draft-4 boolean form
        ex_low = low if ex_low else None
    if isinstance(ex_high, bool):
        ex_high = high if ex_high else None

    def ok(value: float) -> bool:
        return (
            (not _num(low) or value >= low)
            and (not _num(high) or value <= high)
            and (not _num(ex_low) or value > ex_low)
            and (not _num(ex_high) or value < ex_high)
            and (not _num(step) or step <= 0 or _multiple(value, step))
        )

    candidates: list[float] = [float(n) for n in _NUMBER.findall(context)[:8]]
    candidates.append(1.0)
    for bound in (low, ex_low, high, ex_high):
        if _num(bound):
            candidates += [
                bound,
                math.floor(bound) + 1,
                math.ceil(bound) - 1,
                bound + 0.5,
                bound - 0.5,
            ]
    if _num(step) and step > 0:
        base = [c for c in candidates]
        for c in base:
            candidates += [math.ceil(c / step) * step, math.floor(c / step) * step]
    for cand in candidates:
        value = int(cand) if integer and float(cand).is_integer() else cand
        if integer and not float(value).is_integer():
            continue
        if ok(value):
            return int(value) if integer else value
    return int(low) if integer and _num(low) else (low if _num(low) else 0)


def _num(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _multiple(value: float, step: float) -> bool:
    ratio = value / step
    if not math.isfinite(ratio):
        return False
    return abs(ratio - round(ratio)) < 1e-9


class Unsatisfiable(ValueError):
    """No value was found for a string's pattern/length constraints."""

    def __init__(self, best: str):
        super().__init__(best)
        self.best = best


def _string(schema: dict, context: str, name: str) -> str:
    fmt = schema.get("format")
    hint = (
        _FORMATS[fmt]
        if isinstance(fmt, str) and fmt in _FORMATS
        else _hint(name, context)
    )
    low = _cap(schema.get("minLength"), MAX_STRING, "minLength")
    high = schema.get("maxLength") if isinstance(schema.get("maxLength"), int) else None
    pattern = schema.get("pattern") if isinstance(schema.get("pattern"), str) else None
    candidates = [hint]
    if pattern is not None:
        found = regexgen.sample(pattern, hint)
        if found is not None:
            candidates.insert(0, found)
    for text in candidates:
        fitted = _fit_length(text, low, high)
        if pattern is None or _matches(pattern, fitted):
            return fitted
        if (
            _matches(pattern, text)
            and low <= len(text)
            and (high is None or len(text) <= high)
        ):
            return text
    raise Unsatisfiable(_fit_length(candidates[0], low, high))


def _fit_length(text: str, low: int, high: int | None) -> str:
    if len(text) < low:
        text = text + (text[-1:] or "x") * (low - len(text))
    if high is not None and len(text) > high:
        text = text[:high]
    return text


def _matches(pattern: str, text: str) -> bool:
    """Search with a linear-time engine (the pattern and the text are both the
    caller's); a pattern it cannot run is not held against the value."""
    return regexgen.search(pattern, text) is not False


def _hint(name: str, context: str) -> str:
    key = name.lower()
    if key in _PLACE_NAMES or key.endswith(("_city", "_location", "_country")):
        found = _PLACE_AFTER.search(context)
        if found:
            return found.group(1)
        found = _CAPITALISED.search(context)
        return found.group(1) if found else "Paris"
    if key in _TEXT_NAMES or key.endswith("_query"):
        text = " ".join(context.split())[:200].rstrip("?!. ")
        return text or "example"
    if key in ("unit", "units"):
        return "celsius"
    if key in ("language", "lang"):
        return "en"
    if key == "name" or key.endswith("_name"):
        return "example"
    return f"example {name}".strip()
