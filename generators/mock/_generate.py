"""Values generated from JSON Schemas: deterministic for a seed, valid where it is feasible.

`Generator(contract, direction).value(schema, rng)` walks the schema: `$ref`s are followed (a
recursive schema is cut back to its required parts), `allOf` is merged, `oneOf`/`anyOf` branches are
tried until the node's own validator accepts the candidate (discriminators set to the branch's name),
and strings honour `format`, `pattern`, `enum` and length bounds, numbers their bounds and
`multipleOf`. With `use_examples`, a schema's own `example`/`examples`/`default` is used when present and valid
for it (a contract's example that breaks its own schema gives way to a generated value).
"""

from __future__ import annotations

import base64
import functools
import math
import random
import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from accord.contracts import Contract, SchemaCompileError, SchemaCompiler

from ._realistic import realistic_string
from ._regex import string_for_pattern

__all__ = ["Generator"]

_WORDS = ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet")
_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
_MAX_DEPTH = 24
_MINIMAL_DEPTH = 6  # how deep a minimal value follows required properties
_FULL_DEPTH = 4  # below this depth optional properties are filled in; deeper, only required ones


class Generator:
    """Generates instances of a contract's schemas for one direction (request or response)."""

    def __init__(self, contract: Contract, direction: str = "response") -> None:
        self.contract = contract
        self.direction = direction
        self.hidden = "writeOnly" if direction == "response" else "readOnly"
        self.compiler = SchemaCompiler.for_contract(contract)
        self.draft4 = contract.format in ("oas2", "oas3")
        # schemas derived from the contract's (allOf merged, oneOf branch plus siblings), made once so
        # that their compiled validators are reused; each entry keeps its source alive (stable ids)
        self._derived: dict[tuple[int, int], tuple[Any, dict]] = {}

    def derived(self, source: Any, index: int, build: Any) -> dict:
        key = (id(source), index)
        found = self._derived.get(key)
        if found is None:
            found = self._derived[key] = (source, build())
        return found[1]

    def value(self, schema: Any, rng: random.Random, *, use_examples: bool = True) -> Any:
        return _Run(self, rng, use_examples).gen(schema, 0, ())

    # -- shared helpers ---------------------------------------------------------------------------
    def resolve(self, schema: Any) -> tuple[Any, str | None]:
        if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
            ref = schema["$ref"]
            try:
                target, _ = self.contract.resolve(schema)
            except Exception:
                return {}, None
            return target, ref
        return schema, None

    def accepts(self, schema: Any, value: Any) -> bool:
        try:
            return self.compiler.compile(schema, self.direction).is_valid(value)  # type: ignore[arg-type]
        except SchemaCompileError:
            return True


class _Run:
    def __init__(self, owner: Generator, rng: random.Random, use_examples: bool) -> None:
        self.owner, self.rng, self.use_examples = owner, rng, use_examples
        self.hint: str | None = None  # the name of the property about to be generated

    def gen(self, schema: Any, depth: int, refs: tuple[str, ...]) -> Any:
        hint, self.hint = self.hint, None  # the property's name serves its own value only
        schema, ref = self.owner.resolve(schema)
        if ref is not None:
            if refs.count(ref) >= 3 or depth > _MAX_DEPTH:
                return self.minimal(schema)
            if ref in refs:  # recursion: only what is required from here on
                depth = max(depth, _FULL_DEPTH)
            refs = (*refs, ref)
        if schema is True or not isinstance(schema, dict):
            return "string" if schema is not False else None
        if self.use_examples:
            found = _own_example(schema)
            if found is not _NONE and self.owner.accepts(schema, found):  # a wrong one: generated instead
                return found
        if "const" in schema:
            return schema["const"]
        if isinstance(schema.get("enum"), list) and schema["enum"]:
            values = [v for v in schema["enum"] if v is not None] or schema["enum"]
            return self.rng.choice(values)
        if isinstance(schema.get("allOf"), list):
            self.hint = hint
            return self.gen(self.owner.derived(schema, -1, lambda: self.merge(schema, refs)), depth, refs)
        for key in ("oneOf", "anyOf"):
            if isinstance(schema.get(key), list) and schema[key]:
                self.hint = hint
                return self.choose(schema, key, depth, refs)
        kind = _kind(schema)
        if kind == "object":
            return self.obj(schema, depth, refs)
        if kind == "array":
            return self.array(schema, depth, refs)
        if kind == "integer":
            return self.number(schema, integer=True)
        if kind == "number":
            return self.number(schema, integer=False)
        if kind == "boolean":
            return self.rng.random() < 0.5
        if kind == "null":
            return None
        return self.string(schema, hint)

    def minimal(self, schema: Any, depth: int = 0) -> Any:
        """The smallest value for a schema met again inside itself: required parts only, recursively
        (bounded, for a schema that requires itself)."""
        if not isinstance(schema, dict):
            return None
        kind = _kind(schema)
        if kind == "array":
            return []
        if "allOf" in schema and depth < _MINIMAL_DEPTH:
            schema, kind = self.merge(schema, ()), "object"
        if kind == "object" or "allOf" in schema:
            props = schema.get("properties") if isinstance(schema.get("properties"), dict) else {}
            if depth >= _MINIMAL_DEPTH:
                return {}
            return {
                name: self.minimal(self.owner.resolve(props[name])[0], depth + 1)
                for name in schema.get("required") or []
                if isinstance(name, str) and name in props
            }
        if _nullable(schema):
            return None
        return self.gen({k: v for k, v in schema.items() if k not in ("properties", "items")}, _MAX_DEPTH, ())

    # -- combinators --------------------------------------------------------------------------
    def merge(self, schema: dict, refs: tuple[str, ...]) -> dict:
        """`allOf` folded into one schema: properties and required united, bounds narrowed."""
        merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
        # a part with additionalProperties: false admits only its own properties, whatever the others add
        closed = [set(_names(merged))] if merged.get("additionalProperties") is False else []
        for part in schema["allOf"]:
            part, _ = self.owner.resolve(part)
            if not isinstance(part, dict):
                continue
            if isinstance(part.get("allOf"), list):
                part = self.merge(part, refs)
            if part.get("additionalProperties") is False:
                closed.append(set(_names(part)))
            for key, value in part.items():
                if key == "properties" and isinstance(value, dict):
                    props = dict(merged.get("properties") or {})
                    for name, sub in value.items():
                        props[name] = {"allOf": [props[name], sub]} if name in props else sub
                    merged["properties"] = props
                elif key in ("items", "additionalProperties") and isinstance(value, dict):
                    # both parts constrain the items (or extra properties): an untyped side adds nothing
                    known = merged.get(key)
                    if not isinstance(known, dict) or not known:
                        merged[key] = known if known is False else value
                    elif value:
                        merged[key] = {"allOf": [known, value]}
                elif key == "required" and isinstance(value, list):
                    merged["required"] = list(dict.fromkeys([*(merged.get("required") or []), *value]))
                elif key in ("minimum", "minLength", "minItems", "minProperties") and key in merged:
                    merged[key] = max(merged[key], value)
                elif key in ("maximum", "maxLength", "maxItems", "maxProperties") and key in merged:
                    merged[key] = min(merged[key], value)
                elif key == "type" and "type" in merged:
                    merged["type"] = _common_type(merged["type"], value)
                elif key == "enum" and isinstance(merged.get("enum"), list):
                    merged["enum"] = [v for v in merged["enum"] if v in value] or merged["enum"]
                elif key not in merged:
                    merged[key] = value
        if closed and isinstance(merged.get("properties"), dict):
            allowed = set.intersection(*closed)
            merged["properties"] = {k: v for k, v in merged["properties"].items() if k in allowed}
        return merged

    def choose(self, schema: dict, key: str, depth: int, refs: tuple[str, ...]) -> Any:
        """A branch of oneOf/anyOf that the whole node accepts; the discriminator set to its name."""
        branches = list(enumerate(schema[key]))
        self.rng.shuffle(branches)
        rest = {k: v for k, v in schema.items() if k not in (key, "discriminator")}
        discriminator = schema.get("discriminator") if isinstance(schema.get("discriminator"), dict) else None
        first = _NONE
        for index, branch in branches[:6]:
            part = (
                self.owner.derived(schema, index, lambda b=branch: {"allOf": [b, rest]}) if rest else branch
            )
            # a branch cut down to its required parts may fit several branches: then try it whole
            for branch_depth in dict.fromkeys((depth + 1, min(depth + 1, 1))):
                candidate = self.gen(part, branch_depth, refs)
                if discriminator and isinstance(candidate, dict):
                    name = _discriminator_value(discriminator, branch)
                    prop = discriminator.get("propertyName")
                    if name is not None and isinstance(prop, str):
                        candidate[prop] = name
                if first is _NONE:
                    first = candidate
                if self.owner.accepts(schema, candidate):
                    return candidate
                if key == "oneOf" and isinstance(candidate, dict):
                    candidate = self.separate(schema[key], index, candidate)
                    if self.owner.accepts(schema, candidate):
                        return candidate
        for _, branch in branches[:6]:  # overlapping branches: the smallest value may fit just one
            candidate = self.minimal(self.owner.resolve(branch)[0])
            if self.owner.accepts(schema, candidate):
                return candidate
        return first

    def separate(self, branches: list, chosen: int, candidate: dict) -> dict:
        """An object that fits several oneOf branches, made to fit only the chosen one: each other
        branch that accepts it gets one of its own properties, left open by the chosen branch, set to
        a value that property refuses (overlapping untyped branches are common in real contracts)."""
        own, _ = self.owner.resolve(branches[chosen])
        if not isinstance(own, dict) or own.get("additionalProperties") is False:
            return candidate
        if isinstance(own.get("allOf"), list):
            own = self.merge(own, ())
        separated = dict(candidate)
        for index, branch in enumerate(branches):
            if index == chosen or not self.owner.accepts(branch, separated):
                continue
            other, _ = self.owner.resolve(branch)
            if isinstance(other, dict) and isinstance(other.get("allOf"), list):
                other = self.merge(other, ())
            for name in _names(other) if isinstance(other, dict) else []:
                if name in _names(own) or name in separated:
                    continue
                refused = next(
                    (v for v in _STRANGERS if not self.owner.accepts(other["properties"][name], v)), _NONE
                )
                if refused is not _NONE:
                    separated[name] = refused
                    break
        return separated if self.owner.accepts(branches[chosen], separated) else candidate

    # -- types --------------------------------------------------------------------------------
    def obj(self, schema: dict, depth: int, refs: tuple[str, ...]) -> dict:
        props = schema.get("properties") if isinstance(schema.get("properties"), dict) else {}
        required = [r for r in schema.get("required") or [] if isinstance(r, str)]
        out: dict[str, Any] = {}
        for name, sub in props.items():
            target, _ = self.owner.resolve(sub)
            if isinstance(target, dict) and target.get(self.owner.hidden) is True:
                continue
            if name in required or depth < _FULL_DEPTH:
                self.hint = name
                out[name] = self.gen(sub, depth + 1, refs)
        additional = schema.get("additionalProperties")
        for name in required:
            if name not in out:
                out[name] = self.gen(
                    additional if isinstance(additional, dict) else {"type": "string"}, depth + 1, refs
                )
        minimum = schema.get("minProperties")
        if isinstance(minimum, int):  # deep down only required ones were made: the declared ones first
            for name in [n for n in props if n not in out][: max(0, minimum - len(out))]:
                self.hint = name
                out[name] = self.gen(props[name], depth + 1, refs)
        if isinstance(minimum, int) and additional is not False:
            extra = additional if isinstance(additional, dict) else {"type": "string"}
            while len(out) < minimum:
                out[f"property{len(out) + 1}"] = self.gen(extra, depth + 1, refs)
        maximum = schema.get("maxProperties")
        if isinstance(maximum, int):
            for name in [n for n in out if n not in required][: max(0, len(out) - maximum)]:
                del out[name]
        return out

    def array(self, schema: dict, depth: int, refs: tuple[str, ...]) -> list:
        low = schema.get("minItems") if isinstance(schema.get("minItems"), int) else 0
        high = schema.get("maxItems") if isinstance(schema.get("maxItems"), int) else None
        count = low if depth >= _FULL_DEPTH else max(low, 1)
        if high is not None:
            count = min(count, high)
        prefix = schema.get("prefixItems") if isinstance(schema.get("prefixItems"), list) else []
        items = schema.get("items")
        if isinstance(items, list):  # draft 4 tuple form
            prefix, items = items, schema.get("additionalItems", {})
        out = [self.gen(p, depth + 1, refs) for p in prefix[: max(count, len(prefix))]]
        unique = schema.get("uniqueItems") is True
        attempts = 0
        while len(out) < count and attempts < count * 4 + 4:
            attempts += 1
            item = self.gen(items if items is not None else {}, depth + 1, refs)
            if unique and item in out:
                continue
            out.append(item)
        return out

    def number(self, schema: dict, *, integer: bool) -> int | float:
        low, high = _bound(schema, "minimum"), _bound(schema, "maximum")
        step = 1 if integer else 0.01
        ex_low, ex_high = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
        if ex_low is True and low is not None:
            low += step
        elif _bound(schema, "exclusiveMinimum") is not None:
            low = max(low if low is not None else -math.inf, ex_low + step)
        if ex_high is True and high is not None:
            high -= step
        elif _bound(schema, "exclusiveMaximum") is not None:
            high = min(high if high is not None else math.inf, ex_high - step)
        if schema.get("format") == "int32":
            low = max(low if low is not None else -(2**31), -(2**31))
            high = min(high if high is not None else 2**31 - 1, 2**31 - 1)
        if low is None and high is None:
            low, high = 1, 1000
        elif low is None:
            low = min(0, high - 1000) if high >= 0 else high - 1000
        elif high is None:
            high = low + 1000
        multiple = _bound(schema, "multipleOf")
        if multiple is not None and multiple > 0:
            first, last = math.ceil(low / multiple), math.floor(high / multiple)
            k = self.rng.randint(first, max(first, min(last, first + 100)))
            value = k * multiple
            return (
                int(value) if integer or (isinstance(multiple, int) and float(value).is_integer()) else value
            )
        if integer:
            lo, hi = math.ceil(low), math.floor(high)
            return self.rng.randint(lo, max(lo, min(hi, lo + 1000)))
        lo, hi = float(low), float(high)
        value = round(self.rng.uniform(lo, min(hi, lo + 1000)), 2)
        return value if lo <= value <= hi else lo

    def string(self, schema: dict, name: str | None = None) -> str:
        realistic = realistic_string(name, schema, self.rng)
        if realistic is not None:
            return realistic
        low = schema.get("minLength") if isinstance(schema.get("minLength"), int) else 0
        high = schema.get("maxLength") if isinstance(schema.get("maxLength"), int) else None
        pattern = schema.get("pattern")
        formatted = _format(schema.get("format"), self.rng)
        if formatted is not None:  # a format's shape matters more than its length bounds
            if schema.get("format") == "date-time" and len(formatted) < low:  # longer RFC 3339 forms
                longer = [
                    formatted[:-1] + tail for tail in ("+00:00", ".000Z", ".000+00:00", ".000000+00:00")
                ]
                formatted = next((f for f in longer if low <= len(f) <= (high or len(f))), longer[-1])
            for candidate in (formatted, formatted.upper()):
                if not isinstance(pattern, str) or _matches(pattern, candidate):
                    return candidate
        if isinstance(pattern, str):
            found = string_for_pattern(pattern, self.rng, low, high)
            if found is not None:
                return found
        if formatted is not None:
            return formatted
        value = self.rng.choice(_WORDS)
        if len(value) < low:
            value += "x" * (low - len(value))
        if high is not None and len(value) > high:
            value = value[:high]
        return value


@functools.lru_cache(maxsize=4096)
def _compiled(pattern: str) -> re.Pattern[str] | None:
    try:
        return re.compile(pattern)
    except (re.error, OverflowError, RecursionError):
        return None


def _matches(pattern: str, value: str) -> bool:
    compiled = _compiled(pattern)
    return compiled is None or compiled.search(value) is not None


def _names(schema: dict) -> list[str]:
    props = schema.get("properties")
    return list(props) if isinstance(props, dict) else []


def _bound(schema: dict, key: str) -> int | float | None:
    value = schema.get(key)
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


_NONE = object()
_STRANGERS = ("", 0, True, [], {})  # values of each JSON type, to find one a property refuses


def _own_example(schema: dict) -> Any:
    if "example" in schema:
        return schema["example"]
    examples = schema.get("examples")
    if isinstance(examples, list) and examples:
        return examples[0]
    if "default" in schema:
        return schema["default"]
    return _NONE


def _common_type(known: Any, other: Any) -> Any:
    """The types both allOf parts admit (an integer is a number); the first part's when none is."""

    def admitted(kind: Any) -> set[str]:
        kinds = (
            {kind}
            if isinstance(kind, str)
            else {k for k in kind if isinstance(k, str)}
            if isinstance(kind, list)
            else set()
        )
        return kinds | {"integer"} if "number" in kinds else kinds

    both = admitted(known) & admitted(other)
    if "number" in both:
        both.discard("integer")
    if not both:
        return known
    return next(iter(both)) if len(both) == 1 else sorted(both)


def _nullable(schema: dict) -> bool:
    kind = schema.get("type")
    return schema.get("nullable") is True or kind == "null" or (isinstance(kind, list) and "null" in kind)


def _kind(schema: dict) -> str | None:
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if isinstance(kind, str):
        return kind
    if "properties" in schema or "additionalProperties" in schema or "required" in schema:
        return "object"
    if "items" in schema or "prefixItems" in schema:
        return "array"
    if any(k in schema for k in ("minimum", "maximum", "multipleOf")):
        return "number"
    return "string"


def _discriminator_value(discriminator: dict, branch: Any) -> str | None:
    ref = branch.get("$ref") if isinstance(branch, dict) else None
    if not isinstance(ref, str):
        return None
    mapping = discriminator.get("mapping") if isinstance(discriminator.get("mapping"), dict) else {}
    for key, target in mapping.items():
        if target == ref or ref.endswith("/" + str(target)):
            return str(key)
    return ref.rsplit("/", 1)[-1]


def _format(fmt: Any, rng: random.Random) -> str | None:
    if not isinstance(fmt, str):
        return None
    moment = _EPOCH + timedelta(days=rng.randint(0, 700), seconds=rng.randint(0, 86399))
    number = rng.randint(1, 254)
    return {
        "date-time": lambda: moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "date": lambda: moment.strftime("%Y-%m-%d"),
        "time": lambda: moment.strftime("%H:%M:%SZ"),
        "duration": lambda: f"P{number}D",
        "email": lambda: f"user{number}@example.com",
        "idn-email": lambda: f"user{number}@example.com",
        "hostname": lambda: f"host{number}.example.com",
        "idn-hostname": lambda: f"host{number}.example.com",
        "ipv4": lambda: f"192.0.2.{number}",
        "ipv6": lambda: f"2001:db8::{number:x}",
        "uri": lambda: f"https://example.com/{rng.choice(_WORDS)}/{number}",
        "url": lambda: f"https://example.com/{rng.choice(_WORDS)}/{number}",
        "iri": lambda: f"https://example.com/{rng.choice(_WORDS)}/{number}",
        "uri-reference": lambda: f"/{rng.choice(_WORDS)}/{number}",
        "iri-reference": lambda: f"/{rng.choice(_WORDS)}/{number}",
        "uri-template": lambda: "https://example.com/{id}",
        "uuid": lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "byte": lambda: base64.b64encode(rng.choice(_WORDS).encode()).decode(),
        "binary": lambda: rng.choice(_WORDS),
        "password": lambda: "secret" + str(number),
        "regex": lambda: "^[a-z]+$",
        "json-pointer": lambda: f"/{rng.choice(_WORDS)}",
        "relative-json-pointer": lambda: "0",
        "int32": lambda: str(number),
        "int64": lambda: str(number),
    }.get(fmt, lambda: None)()
