"""Keyword checks on one pair of schema nodes (already resolved), one small function per aspect.

Each check takes the base and revision nodes and yields `(kind, detail, keyword)`: the kind names a
row of `SCHEMA_KINDS`, the detail says what changed, the keyword (if any) is where it is written.
Recursion into subschemas is `_schema.py`'s job; these functions look at one level only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from accord.contracts import Stability, read_lifecycle

from .._writing import to_json
from ._registry import BOUNDS

Found = Iterator[tuple[str, str, str | None]]
Check = Callable[[dict, dict], Found]

_WIDER = {"integer": "number"}  # every integer is a number


def _show(value: Any) -> str:
    return to_json(value, sort_keys=True).decode()


def schema_types(node: dict) -> frozenset[str] | None:
    """The non-null types a schema allows; None when it allows any type."""
    raw = node.get("type")
    if isinstance(raw, str):
        types = {raw}
    elif isinstance(raw, list):
        types = {t for t in raw if isinstance(t, str)}
    elif "properties" in node or "additionalProperties" in node:
        types = {"object"}
    elif "items" in node or "prefixItems" in node:
        types = {"array"}
    else:
        return None
    types.discard("null")
    return frozenset(types) if types else None


def nullable(node: dict) -> bool:
    raw = node.get("type")
    return node.get("nullable") is True or raw == "null" or (isinstance(raw, list) and "null" in raw)


def _covers(wide: frozenset[str], narrow: frozenset[str]) -> bool:
    return all(t in wide or _WIDER.get(t) in wide for t in narrow)


def check_type(b: dict, r: dict) -> Found:
    bt, rt = schema_types(b), schema_types(r)
    if bt == rt:
        return
    shown = f"type changed from {_types(bt)} to {_types(rt)}"
    if rt is None or (bt is not None and _covers(rt, bt)):
        yield "type-generalized", shown, "type"
    elif bt is None or _covers(bt, rt):
        yield "type-specialized", shown, "type"
    else:
        yield "type-changed", shown, "type"


def _types(types: frozenset[str] | None) -> str:
    return "any" if types is None else "/".join(sorted(types))


def check_format(b: dict, r: dict) -> Found:
    bf, rf = b.get("format"), r.get("format")
    if bf == rf:
        return
    if bf is None:
        yield "format-added", f"format {rf!r} added", "format"
    elif rf is None:
        yield "format-removed", f"format {bf!r} removed", "format"
    else:
        yield "format-changed", f"format changed from {bf!r} to {rf!r}", "format"


def _values(node: dict, key: str) -> dict[str, Any] | None:
    raw = node.get(key)
    return {_show(v): v for v in raw} if isinstance(raw, list) else None


def check_enum(b: dict, r: dict) -> Found:
    bv, rv = _values(b, "enum"), _values(r, "enum")
    if bv is None and rv is None:
        return
    if bv is None:
        yield "became-enum", f"restricted to the values {', '.join(rv)}", "enum"
    elif rv is None:
        yield "enum-removed", "no longer restricted to an enum", "enum"
    else:
        for shown in rv.keys() - bv.keys():
            yield "enum-value-added", f"enum value {shown} added", "enum"
        for shown in bv.keys() - rv.keys():
            yield "enum-value-removed", f"enum value {shown} removed", "enum"


def check_extensible_enum(b: dict, r: dict) -> Found:
    bv, rv = _values(b, "x-extensible-enum") or {}, _values(r, "x-extensible-enum") or {}
    for shown in rv.keys() - bv.keys():
        yield "x-extensible-enum-value-added", f"x-extensible-enum value {shown} added", "x-extensible-enum"
    for shown in bv.keys() - rv.keys():
        yield (
            "x-extensible-enum-value-removed",
            f"x-extensible-enum value {shown} removed",
            "x-extensible-enum",
        )


def _presence(b: dict, r: dict, keyword: str, stem: str, *, changed: bool = True) -> Found:
    """added / removed / changed for a keyword whose value is compared as a whole."""
    if keyword not in b and keyword not in r:
        return
    bv, rv = b.get(keyword), r.get(keyword)
    if keyword not in b:
        yield f"{stem}-added", f"{keyword} {_show(rv)} added", keyword
    elif keyword not in r:
        yield f"{stem}-removed", f"{keyword} {_show(bv)} removed", keyword
    elif changed and bv != rv:
        yield f"{stem}-changed", f"{keyword} changed from {_show(bv)} to {_show(rv)}", keyword


def check_const(b: dict, r: dict) -> Found:
    yield from _presence(b, r, "const", "const")


def check_pattern(b: dict, r: dict) -> Found:
    """An empty pattern matches every string: it is no pattern at all."""
    yield from _presence(_without_empty(b, "pattern"), _without_empty(r, "pattern"), "pattern", "pattern")


def _without_empty(node: dict, keyword: str) -> dict:
    return {k: v for k, v in node.items() if k != keyword} if node.get(keyword) == "" else node


def check_multiple_of(b: dict, r: dict) -> Found:
    yield from _presence(b, r, "multipleOf", "multiple-of")


def _number(value: Any) -> float | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def check_bounds(b: dict, r: dict) -> Found:
    for stem, keyword, _side in BOUNDS:
        bv, rv = _number(b.get(keyword)), _number(r.get(keyword))
        if keyword.startswith("exclusive"):  # OpenAPI 3.0: a boolean flag on maximum/minimum
            bv = (
                bv
                if bv is not None
                else (b.get(keyword.replace("exclusiveM", "m")) if b.get(keyword) is True else None)
            )
            rv = (
                rv
                if rv is not None
                else (r.get(keyword.replace("exclusiveM", "m")) if r.get(keyword) is True else None)
            )
            bv, rv = _number(bv), _number(rv)
        if bv == rv:
            continue
        if bv is None:
            yield f"{stem}-set", f"{keyword} {_show(rv)} set", keyword
        elif rv is None:
            yield f"{stem}-unset", f"{keyword} {_show(bv)} removed", keyword
        else:
            verb = "increased" if rv > bv else "decreased"
            yield f"{stem}-{verb}", f"{keyword} {verb} from {_show(bv)} to {_show(rv)}", keyword


def _flag(b: dict, r: dict, keyword: str, on: str, off: str) -> Found:
    bv, rv = b.get(keyword) is True, r.get(keyword) is True
    if bv != rv:
        yield (on, f"{keyword} set", keyword) if rv else (off, f"{keyword} dropped", keyword)


def check_unique_items(b: dict, r: dict) -> Found:
    yield from _flag(b, r, "uniqueItems", "unique-items-added", "unique-items-removed")


def check_read_write(b: dict, r: dict) -> Found:
    yield from _flag(b, r, "readOnly", "became-read-only", "became-not-read-only")
    yield from _flag(b, r, "writeOnly", "became-write-only", "became-not-write-only")


def check_deprecated(b: dict, r: dict) -> Found:
    yield from _flag(b, r, "deprecated", "deprecated", "reactivated")


def check_nullable(b: dict, r: dict) -> Found:
    bn, rn = nullable(b), nullable(r)
    if bn != rn:
        yield (
            ("became-nullable", "null is now allowed", "nullable" if "nullable" in r else "type")
            if rn
            else (
                "became-not-nullable",
                "null is no longer allowed",
                "nullable" if "nullable" in b else "type",
            )
        )


def check_default(b: dict, r: dict) -> Found:
    yield from _presence(b, r, "default", "default-value")


def _closed(node: dict, keyword: str) -> bool:
    return node.get(keyword) is False


def check_closed(b: dict, r: dict) -> Found:
    """`false` set or lifted; for unevaluatedProperties only when it is written on both sides (its
    appearing or going is `check_presence`'s)."""
    for keyword, stem in (
        ("additionalProperties", "additional-properties"),
        ("unevaluatedProperties", "unevaluated-properties"),
    ):
        bc, rc = _closed(b, keyword), _closed(r, keyword)
        if stem == "unevaluated-properties" and (keyword not in b or keyword not in r):
            continue
        if bc != rc:
            yield (
                (f"{stem}-disallowed" if rc else f"{stem}-allowed"),
                f"{keyword} {'became' if rc else 'is no longer'} false",
                keyword,
            )


def check_discriminator(b: dict, r: dict) -> Found:
    bd, rd = b.get("discriminator"), r.get("discriminator")
    if not isinstance(bd, dict) and not isinstance(rd, dict):
        return
    if not isinstance(bd, dict):
        yield "discriminator-added", f"discriminator on {rd.get('propertyName')!r} added", "discriminator"
        return
    if not isinstance(rd, dict):
        yield "discriminator-removed", f"discriminator on {bd.get('propertyName')!r} removed", "discriminator"
        return
    if bd.get("propertyName") != rd.get("propertyName"):
        yield (
            "discriminator-property-name-changed",
            f"discriminator propertyName changed from {bd.get('propertyName')!r} to {rd.get('propertyName')!r}",
            "discriminator",
        )
    bm = bd.get("mapping") if isinstance(bd.get("mapping"), dict) else {}
    rm = rd.get("mapping") if isinstance(rd.get("mapping"), dict) else {}
    for value in rm.keys() - bm.keys():
        yield "discriminator-mapping-added", f"discriminator value {value!r} added", "discriminator"
    for value in bm.keys() - rm.keys():
        yield "discriminator-mapping-removed", f"discriminator value {value!r} removed", "discriminator"
    for value in bm.keys() & rm.keys():
        if bm[value] != rm[value]:
            yield (
                "discriminator-mapping-changed",
                f"discriminator value {value!r} now maps to {rm[value]!r} instead of {bm[value]!r}",
                "discriminator",
            )


def check_dependent_required(b: dict, r: dict) -> Found:
    bd = b.get("dependentRequired") if isinstance(b.get("dependentRequired"), dict) else {}
    rd = r.get("dependentRequired") if isinstance(r.get("dependentRequired"), dict) else {}
    for name in sorted(bd.keys() | rd.keys()):
        added = set(rd.get(name) or ()) - set(bd.get(name) or ())
        removed = set(bd.get(name) or ()) - set(rd.get(name) or ())
        if added:
            yield (
                "dependent-required-added",
                f"with {name!r}, now also requires {sorted(added)}",
                "dependentRequired",
            )
        if removed:
            yield (
                "dependent-required-removed",
                f"with {name!r}, no longer requires {sorted(removed)}",
                "dependentRequired",
            )


def check_presence(b: dict, r: dict) -> Found:
    """Subschema keywords whose mere appearance tightens (the subschemas are compared elsewhere)."""
    for keyword, stem in (
        ("items", "items"),
        ("contains", "contains"),
        ("propertyNames", "property-names"),
        ("not", "not"),
        ("if", "if"),
        ("unevaluatedItems", "unevaluated-items"),
        ("unevaluatedProperties", "unevaluated-properties"),
    ):
        yield from _presence(b, r, keyword, stem, changed=False)


def check_dependent_schemas(b: dict, r: dict) -> Found:
    """A dependentSchemas entry applies its schema whenever its property is present."""
    bd = b.get("dependentSchemas") if isinstance(b.get("dependentSchemas"), dict) else {}
    rd = r.get("dependentSchemas") if isinstance(r.get("dependentSchemas"), dict) else {}
    for name in sorted(rd.keys() - bd.keys()):
        yield "dependent-schema-added", f"dependentSchemas entry for {name!r} added", "dependentSchemas"
    for name in sorted(bd.keys() - rd.keys()):
        yield "dependent-schema-removed", f"dependentSchemas entry for {name!r} removed", "dependentSchemas"


def check_sunset(b: dict, r: dict) -> Found:
    """A deprecated schema whose x-sunset is new or changed and not a date: clients cannot plan on it."""
    if r.get("deprecated") is not True or "x-sunset" not in r or b.get("x-sunset") == r.get("x-sunset"):
        return
    sunset = read_lifecycle(r, "").sunset
    if sunset is not None and not sunset.valid:
        yield "deprecated-sunset-invalid", sunset.problem or "x-sunset is not a date", "x-sunset"


def check_content(b: dict, r: dict) -> Found:
    for keyword, stem in (
        ("contentMediaType", "content-media-type"),
        ("contentEncoding", "content-encoding"),
    ):
        if b.get(keyword) != r.get(keyword):
            yield (
                f"{stem}-changed",
                f"{keyword} changed from {b.get(keyword)!r} to {r.get(keyword)!r}",
                keyword,
            )


def check_stability(b: dict, r: dict) -> Found:
    """x-stability-level on a property: lowering it (stable to beta, ...) withdraws a promise."""
    if "x-stability-level" not in r:
        return
    old, new = read_lifecycle(b, "").stability, read_lifecycle(r, "").stability
    if new is None or (old is not None and old.raw == new.raw):
        return
    if new.value is None:
        yield (
            "stability-invalid",
            new.problem or "x-stability-level is not a known level",
            "x-stability-level",
        )
        return
    before = old.value if old is not None and old.value is not None else Stability.STABLE
    if new.value.rank != before.rank:
        verb = "decreased" if new.value.rank < before.rank else "increased"
        shown = f"x-stability-level {verb} from {before} to {new.value}"
        yield f"stability-{verb}", shown, "x-stability-level"


CHECKS: tuple[Check, ...] = (
    check_type,
    check_format,
    check_enum,
    check_extensible_enum,
    check_const,
    check_pattern,
    check_bounds,
    check_multiple_of,
    check_unique_items,
    check_nullable,
    check_default,
    check_closed,
    check_read_write,
    check_deprecated,
    check_discriminator,
    check_dependent_required,
    check_dependent_schemas,
    check_presence,
    check_sunset,
    check_stability,
    check_content,
)
