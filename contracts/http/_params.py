"""Parameter deserialisation per OpenAPI `style`/`explode`, then string-to-type coercion by schema.

Raw values come from the request as strings; the result is plain JSON data ready for schema
validation. Coercion only converts what unambiguously matches the schema's type (`"5"` -> 5 for an
integer); anything else is left as the string so that validation reports it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

__all__ = [
    "MISSING",
    "Shape",
    "coerce",
    "deserialise",
    "parse_cookies",
    "parse_query",
    "query_value",
    "shape_of",
]

Resolve = Callable[[Any], Any]


class Shape:
    """What a schema needs from deserialisation: its kind and the coercers of its parts."""

    __slots__ = ("items", "kind", "properties", "types")

    def __init__(self, kind: str, types: tuple[str, ...], items: Shape | None, properties: dict[str, Shape]):
        self.kind = kind  # "array", "object" or "primitive"
        self.types = types  # the JSON types a primitive may take, in order of preference
        self.items = items
        self.properties = properties


_ANY = Shape("primitive", (), None, {})


def shape_of(schema: Any, resolve: Resolve, depth: int = 0) -> Shape:
    """Read (once, at compile time) the kind and types of a parameter schema."""
    schema = resolve(schema)
    if not isinstance(schema, dict) or depth > 8:
        return _ANY
    types = _types(schema, resolve)
    if "array" in types and len(types) <= 2:
        items = schema.get("items")
        return Shape("array", types, shape_of(items, resolve, depth + 1) if items is not None else _ANY, {})
    if "object" in types and len(types) <= 2:
        props = {}
        for part in [schema, *[resolve(s) for s in schema.get("allOf", []) if isinstance(s, dict | bool)]]:
            if isinstance(part, dict) and isinstance(part.get("properties"), dict):
                for name, sub in part["properties"].items():
                    props[name] = shape_of(sub, resolve, depth + 1)
        additional = schema.get("additionalProperties")
        items = shape_of(additional, resolve, depth + 1) if isinstance(additional, dict) else None
        return Shape("object", types, items, props)
    return Shape("primitive", types, None, {})


def _types(schema: dict, resolve: Resolve) -> tuple[str, ...]:
    kind = schema.get("type")
    if isinstance(kind, str):
        found = [kind]
    elif isinstance(kind, list):
        found = [k for k in kind if isinstance(k, str)]
    else:
        found = []
        for key in ("allOf", "oneOf", "anyOf"):
            for sub in schema.get(key) or []:
                sub = resolve(sub)
                if isinstance(sub, dict):
                    found.extend(t for t in _types(sub, resolve) if t not in found)
        if not found and "enum" in schema and isinstance(schema["enum"], list):
            found = sorted({_json_type(v) for v in schema["enum"]})
        if not found and "properties" in schema:
            found = ["object"]
        if not found and "items" in schema:
            found = ["array"]
    if schema.get("nullable") is True and "null" not in found:
        found.append("null")
    return tuple(found)


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    return {str: "string", list: "array", dict: "object", type(None): "null"}.get(type(value), "string")


def coerce(value: Any, shape: Shape) -> Any:
    """Convert strings into the types the shape expects, recursively; leave the rest unchanged."""
    if isinstance(value, list):
        return [coerce(v, shape.items) for v in value] if shape.items is not None else value
    if isinstance(value, dict):
        return {k: coerce(v, shape.properties.get(k) or shape.items or _ANY) for k, v in value.items()}
    if not isinstance(value, str) or not shape.types:
        return value
    for kind in shape.types:
        if kind == "string":
            return value
        converted = _convert(value, kind)
        if converted is not _NO:
            return converted
    return value


_NO = object()


def _convert(value: str, kind: str) -> Any:
    if kind == "integer":
        try:
            return int(value)
        except ValueError:
            try:
                number = float(value)
            except ValueError:
                return _NO
            return int(number) if number.is_integer() and "inf" not in value.lower() else _NO
    if kind == "number":
        try:
            return int(value)
        except ValueError:
            try:
                number = float(value)
            except ValueError:
                return _NO
            return number if number == number and abs(number) != float("inf") else _NO
    if kind == "boolean":
        return {"true": True, "false": False}.get(value, _NO)
    if kind == "null":
        return None if value in ("", "null") else _NO
    return _NO


# -- styles -------------------------------------------------------------------------------------


def deserialise(raw: str, shape: Shape, style: str, explode: bool, name: str) -> Any:
    """One path/header/cookie value (or a non-exploded query value), per style, before coercion."""
    if style == "label":
        raw = raw[1:] if raw.startswith(".") else raw
        sep = "." if explode else ","
        return _split(raw, shape, sep, explode)
    if style == "matrix":
        prefix = f";{name}="
        if shape.kind == "array" and explode:
            return [p[len(name) + 1 :] for p in raw.split(";") if p.startswith(name + "=")]
        if shape.kind == "object" and explode:
            return dict(p.split("=", 1) if "=" in p else (p, "") for p in raw.split(";") if p)
        raw = raw[len(prefix) :] if raw.startswith(prefix) else raw.lstrip(";")
        return _split(raw, shape, ",", False)
    sep = {"spaceDelimited": " ", "pipeDelimited": "|"}.get(style, ",")
    return _split(raw, shape, sep, explode)


def _split(raw: str, shape: Shape, sep: str, explode: bool) -> Any:
    if shape.kind == "array":
        return [] if raw == "" else raw.split(sep)
    if shape.kind == "object":
        if explode:
            pairs = [p.split("=", 1) for p in raw.split(sep) if p]
            return {p[0]: p[1] if len(p) > 1 else "" for p in pairs}
        parts = raw.split(sep)
        return {parts[i]: parts[i + 1] if i + 1 < len(parts) else "" for i in range(0, len(parts), 2)}
    return raw


def query_value(
    query: dict[str, list[str]],
    name: str,
    shape: Shape,
    style: str,
    explode: bool,
    claimed: frozenset[str] = frozenset(),
) -> Any:
    """A query parameter's value from the parsed query (name -> every value), or MISSING.

    An exploded form object with no declared properties (a map) takes every query key that no other
    parameter of the operation (`claimed`) names.
    """
    if style == "deepObject":
        prefix = name + "["
        found = {
            key[len(prefix) : -1]: values[-1]
            for key, values in query.items()
            if key.startswith(prefix) and key.endswith("]")
        }
        return found if found else MISSING
    if shape.kind == "object" and explode and style == "form":
        if shape.properties:
            found = {k: v[-1] for k, v in query.items() if k in shape.properties}
        else:
            found = {k: v[-1] for k, v in query.items() if k not in claimed and k != name}
        return found if found else MISSING
    values = query.get(name)
    if values is None:
        return MISSING
    if shape.kind == "array":
        if explode and style == "form":
            return list(values)
        return deserialise(values[-1], shape, style, False, name)
    return deserialise(values[-1], shape, style, explode, name)


def parse_query(query: str) -> dict[str, list[str]]:
    """A raw query string into name -> values (order kept, `+` is a space, blanks kept)."""
    parsed: dict[str, list[str]] = {}
    if not query:
        return parsed
    for part in query.split("&"):
        if not part:
            continue
        key, _, value = part.partition("=")
        key = unquote(key.replace("+", " "))
        parsed.setdefault(key, []).append(unquote(value.replace("+", " ")))
    return parsed


def parse_cookies(header: str) -> dict[str, str]:
    cookies = {}
    for part in header.split(";"):
        key, sep, value = part.strip().partition("=")
        if sep:
            cookies[key] = unquote(value)
    return cookies


MISSING = object()
