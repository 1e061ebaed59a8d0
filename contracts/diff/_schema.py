"""Comparing two schemas recursively, with the direction data flows in, safely for recursive schemas.

`SchemaDiff.compare` walks a base and a revision schema side by side and returns `SchemaChange`s
whose `path` is relative to where the walk started (property names, `[]` for array items). Pairs of
`$ref`s are compared once per direction and remembered, so a component used by hundreds of
operations costs one walk, and a pair already being compared (a recursive schema) ends the descent.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from accord.contracts import Contract, ContractError, escape_pointer, iter_refs, read_lifecycle

from ._lifecycle import removal
from ._schema_checks import CHECKS, nullable

__all__ = ["SchemaChange", "SchemaDiff"]

Direction = Literal["request", "response"]


@dataclass(frozen=True, slots=True)
class SchemaChange:
    kind: str  # a SCHEMA_KINDS or MEMBERSHIP_KINDS key
    detail: str
    path: tuple[str, ...]
    base: str | None  # pointer in the base document
    revision: str | None

    def under(self, step: str) -> SchemaChange:
        return replace(self, path=(step, *self.path))


_ORIGINS = "x-accord-property-pointers"  # private key of a flattened allOf: property -> its pointer
# Subschemas compared in place (same direction): what `then`/`else` demand applies like the schema's
# own keywords. `if` and `not` are left out: a change inside them does not tighten or loosen the way
# it reads, and their appearing or going is reported by the keyword checks.
_SUBSCHEMAS = (
    ("items", "[]"),
    ("additionalProperties", "*"),
    ("contains", "contains"),
    ("then", "then"),
    ("else", "else"),
    ("unevaluatedProperties", "*"),
    ("unevaluatedItems", "[]"),
)
_COMPOSITIONS = (("oneOf", "one-of"), ("anyOf", "any-of"), ("allOf", "all-of"))


class SchemaDiff:
    """Compares schemas of one base/revision pair of contracts; keeps its memo across calls."""

    def __init__(self, base: Contract, revision: Contract, today: date) -> None:
        self.base = base
        self.revision = revision
        self.today = today
        self._memo: dict[tuple[str, str, str], list[SchemaChange]] = {}
        self._active: set[tuple[str, str, str]] = set()

    def compare(self, b: Any, bptr: str, r: Any, rptr: str, direction: Direction) -> list[SchemaChange]:
        bwrapped, rwrapped = _null_wrapped(b, bptr), _null_wrapped(r, rptr)
        if bwrapped or rwrapped:
            return self._compare_wrapped(b, bptr, r, rptr, direction, bwrapped, rwrapped)
        bref, rref = _ref(b), _ref(r)
        if bref is None and rref is None:
            return self._compare_nodes(_node(b), bptr, _node(r), rptr, direction)
        key = (bref or bptr, rref or rptr, direction)
        found = self._memo.get(key)
        if found is not None:
            return found
        if key in self._active:  # recursive schema: this pair is already being compared further up
            return []
        self._active.add(key)
        b, bptr = _resolve(self.base, b, bptr)
        r, rptr = _resolve(self.revision, r, rptr)
        found = self._compare_nodes(b, bptr, r, rptr, direction)
        self._active.discard(key)
        self._memo[key] = found
        return found

    def _compare_wrapped(
        self,
        b: Any,
        bptr: str,
        r: Any,
        rptr: str,
        direction: Direction,
        bwrapped: tuple[Any, str] | None,
        rwrapped: tuple[Any, str] | None,
    ) -> list[SchemaChange]:
        """`X` became `oneOf: [{type: "null"}, X]` (or back): compare X with X, and say null is allowed."""
        (bi, bip), (ri, rip) = bwrapped or (b, bptr), rwrapped or (r, rptr)
        changes = self.compare(bi, bip, ri, rip, direction)
        if bool(bwrapped) == bool(rwrapped):
            return changes
        plain = _resolve(self.base, bi, bip)[0] if rwrapped else _resolve(self.revision, ri, rip)[0]
        if not nullable(plain):
            kind, detail = (
                ("became-nullable", "null is now allowed")
                if rwrapped
                else ("became-not-nullable", "null is no longer allowed")
            )
            changes.append(SchemaChange(kind, detail, (), bptr, rptr))
        return changes

    # -- one level ---------------------------------------------------------------------------
    def _compare_nodes(
        self, b: dict, bptr: str, r: dict, rptr: str, direction: Direction
    ) -> list[SchemaChange]:
        if b == r:  # identical text: only the targets of its $refs can differ
            return self._compare_refs(b, bptr, rptr, direction)
        if _wrapped_in_one_of(b, r):  # one finding, not the removals and additions it is made of
            detail = f"restructured into a oneOf of {len(r['oneOf'])} alternatives"
            return [SchemaChange("wrapped-in-one-of", detail, (), bptr, _at(r, rptr, "oneOf"))]
        if ("allOf" in b) != ("allOf" in r):  # `X` became `allOf: [X, ...]` (or back): compare what they mean
            b, r = self._flatten(self.base, b, bptr, ()), self._flatten(self.revision, r, rptr, ())
        changes = [
            SchemaChange(kind, detail, (), _at(b, bptr, keyword), _at(r, rptr, keyword))
            for check in CHECKS
            for kind, detail, keyword in check(b, r)
        ]
        changes.extend(self._properties(b, bptr, r, rptr, direction))
        for keyword, step in _SUBSCHEMAS:
            bs, rs = b.get(keyword), r.get(keyword)
            if isinstance(bs, dict) and isinstance(rs, dict):
                here = self.compare(bs, f"{bptr}/{keyword}", rs, f"{rptr}/{keyword}", direction)
                changes.extend(c.under(step) for c in here)
        changes.extend(self._pattern_properties(b, bptr, r, rptr, direction))
        changes.extend(self._prefix_items(b, bptr, r, rptr, direction))
        for keyword, stem in _COMPOSITIONS:
            changes.extend(self._composition(b, bptr, r, rptr, direction, keyword, stem))
        return changes

    def _compare_refs(self, node: dict, bptr: str, rptr: str, direction: Direction) -> list[SchemaChange]:
        changes: list[SchemaChange] = []
        for pointer, ref in iter_refs(node):
            if pointer == "" or not ref.startswith("#"):
                continue
            target = {"$ref": ref}
            found = self.compare(target, bptr + pointer, target, rptr + pointer, direction)
            steps = _steps(pointer)
            for change in found:
                changes.append(replace(change, path=(*steps, *change.path)))
        return changes

    def _properties(
        self, b: dict, bptr: str, r: dict, rptr: str, direction: Direction
    ) -> Iterator[SchemaChange]:
        bprops = b.get("properties") if isinstance(b.get("properties"), dict) else {}
        rprops = r.get("properties") if isinstance(r.get("properties"), dict) else {}
        if not bprops and not rprops:
            return
        brequired, rrequired = _required(b), _required(r)
        borigins, rorigins = b.get(_ORIGINS, {}), r.get(_ORIGINS, {})
        for name in dict.fromkeys([*bprops, *rprops]):
            bp = borigins.get(name) or f"{bptr}/properties/{escape_pointer(name)}"
            rp = rorigins.get(name) or f"{rptr}/properties/{escape_pointer(name)}"
            in_base, in_revision = name in bprops, name in rprops
            b_ignored = in_base and self._ignored(self.base, bprops[name], bp, direction)
            r_ignored = in_revision and self._ignored(self.revision, rprops[name], rp, direction)
            if in_base and in_revision:
                if b_ignored and r_ignored:
                    continue
                yield from (
                    c.under(name) for c in self.compare(bprops[name], bp, rprops[name], rp, direction)
                )
                if name in rrequired and name not in brequired and not r_ignored:
                    yield SchemaChange(
                        "became-required",
                        "became required",
                        (name,),
                        _at(b, bptr, "required"),
                        _at(r, rptr, "required"),
                    )
                elif name in brequired and name not in rrequired and not b_ignored:
                    yield SchemaChange(
                        "became-optional",
                        "became optional",
                        (name,),
                        _at(b, bptr, "required"),
                        _at(r, rptr, "required"),
                    )
            elif in_revision and not r_ignored:
                kind = "added-required" if name in rrequired else "added-optional"
                yield SchemaChange(
                    kind,
                    kind.replace("-", " ", 1) + " property",
                    (name,),
                    f"{bptr}/properties" if bprops else bptr,
                    rp,
                )
            elif in_base and not b_ignored:
                kind, detail, at = self._removal(bprops[name], bp, name in brequired)
                yield SchemaChange(
                    kind,
                    detail,
                    (name,),
                    at,
                    f"{rptr}/properties" if rprops else rptr,
                )

    def _removal(self, node: Any, pointer: str, required: bool) -> tuple[str, str, str]:
        """A deprecated property may go once its x-sunset (if any) has passed: (kind, detail, where)."""
        resolved, at = _resolve(self.base, node, pointer)
        written_here = isinstance(node, dict) and "x-sunset" in node  # beside a $ref, or inline
        facts = read_lifecycle(resolved, pointer if written_here else at)
        kind = removal(facts.deprecated, facts.sunset, self.today)
        if kind == "without-deprecation":
            kind = "removed-required" if required else "removed-optional"
            return kind, kind.replace("-", " ", 1) + " property", pointer
        if kind == "sunset-invalid" and facts.sunset is not None:
            detail = f"deprecated property removed, but {facts.sunset.problem}"
            return "removed-sunset-invalid", detail, facts.sunset.pointer
        if kind == "before-sunset" and facts.sunset is not None:
            detail = f"deprecated property removed before its sunset date {facts.sunset.text}"
            return "removed-before-sunset", detail, pointer
        return "removed-with-deprecation", "deprecated property removed", pointer

    def _flatten(self, contract: Contract, node: dict, pointer: str, seen: tuple[str, ...]) -> dict:
        """One schema with its allOf members merged in: properties and required united, the node's
        own keywords first. Where each property was written is kept under `_ORIGINS`."""
        merged = {k: v for k, v in node.items() if k != "allOf"}
        properties = dict(node.get("properties") or {}) if isinstance(node.get("properties"), dict) else {}
        origins = {name: f"{pointer}/properties/{escape_pointer(name)}" for name in properties}
        required = set(_required(node))
        members = node.get("allOf") if isinstance(node.get("allOf"), list) else []
        for i, member in enumerate(members):
            ref = _ref(member)
            if ref is not None and ref in seen:
                continue
            resolved, at = _resolve(contract, member, f"{pointer}/allOf/{i}")
            if "allOf" in resolved:
                resolved = self._flatten(contract, resolved, at, (*seen, ref or at))
            found = resolved.get(_ORIGINS, {})
            for name, value in (resolved.get("properties") or {}).items():
                if name not in properties:
                    properties[name] = value
                    origins[name] = found.get(name) or f"{at}/properties/{escape_pointer(name)}"
            required |= _required(resolved)
            for key, value in resolved.items():
                if key not in ("properties", "required", _ORIGINS):
                    merged.setdefault(key, value)
        if properties:
            merged["properties"] = properties
        if required:
            merged["required"] = sorted(required)
        merged[_ORIGINS] = origins
        return merged

    def _ignored(self, contract: Contract, node: Any, pointer: str, direction: Direction) -> bool:
        """readOnly properties are never sent in requests, writeOnly ones never returned."""
        resolved, _ = _resolve(contract, node, pointer)
        return resolved.get("readOnly" if direction == "request" else "writeOnly") is True

    def _pattern_properties(
        self, b: dict, bptr: str, r: dict, rptr: str, direction: Direction
    ) -> Iterator[SchemaChange]:
        bpp = b.get("patternProperties") if isinstance(b.get("patternProperties"), dict) else {}
        rpp = r.get("patternProperties") if isinstance(r.get("patternProperties"), dict) else {}
        for pattern in dict.fromkeys([*bpp, *rpp]):
            bp = f"{bptr}/patternProperties/{escape_pointer(pattern)}"
            rp = f"{rptr}/patternProperties/{escape_pointer(pattern)}"
            if pattern not in bpp:
                yield SchemaChange(
                    "pattern-property-added", f"patternProperties {pattern!r} added", (), bptr, rp
                )
            elif pattern not in rpp:
                yield SchemaChange(
                    "pattern-property-removed", f"patternProperties {pattern!r} removed", (), bp, rptr
                )
            else:
                yield from (
                    c.under(f"{{{pattern}}}")
                    for c in self.compare(bpp[pattern], bp, rpp[pattern], rp, direction)
                )

    def _prefix_items(
        self, b: dict, bptr: str, r: dict, rptr: str, direction: Direction
    ) -> Iterator[SchemaChange]:
        bi = b.get("prefixItems") if isinstance(b.get("prefixItems"), list) else []
        ri = r.get("prefixItems") if isinstance(r.get("prefixItems"), list) else []
        for i in range(max(len(bi), len(ri))):
            bp, rp = f"{bptr}/prefixItems/{i}", f"{rptr}/prefixItems/{i}"
            if i >= len(bi):
                yield SchemaChange("prefix-items-added", f"prefixItems entry {i} added", (), bptr, rp)
            elif i >= len(ri):
                yield SchemaChange("prefix-items-removed", f"prefixItems entry {i} removed", (), bp, rptr)
            else:
                yield from (c.under(f"[{i}]") for c in self.compare(bi[i], bp, ri[i], rp, direction))

    def _composition(
        self, b: dict, bptr: str, r: dict, rptr: str, direction: Direction, keyword: str, stem: str
    ) -> Iterator[SchemaChange]:
        base_items = _alternatives(b.get(keyword), f"{bptr}/{keyword}")
        revision_items = self._match_moved(base_items, _alternatives(r.get(keyword), f"{rptr}/{keyword}"))
        for label in dict.fromkeys([*base_items, *revision_items]):
            if label not in base_items:
                _, rp = revision_items[label]
                yield SchemaChange(
                    f"{stem}-added", f"{keyword} alternative {label} added", (), _at(b, bptr, keyword), rp
                )
            elif label not in revision_items:
                _, bp = base_items[label]
                yield SchemaChange(
                    f"{stem}-removed", f"{keyword} alternative {label} removed", (), bp, _at(r, rptr, keyword)
                )
            else:
                (bs, bp), (rs, rp) = base_items[label], revision_items[label]
                step = f"{keyword}[{label}]"
                yield from (c.under(step) for c in self.compare(bs, bp, rs, rp, direction))

    def _match_moved(
        self, base_items: dict[str, tuple[Any, str]], revision_items: dict[str, tuple[Any, str]]
    ) -> dict[str, tuple[Any, str]]:
        """Pair alternatives by what they say before by label: one written inline on one side and as a
        `$ref` on the other, or moved to another position, is the same alternative. Returns the
        revision's alternatives keyed by the base label each stands for (new ones keep their own)."""
        if base_items.keys() == revision_items.keys() and all(
            base_items[label][0] == revision_items[label][0] for label in base_items
        ):
            return revision_items
        base_meanings = {label: _meaning(_resolve(self.base, *item)[0]) for label, item in base_items.items()}
        free = dict(base_meanings)
        paired: dict[str, tuple[Any, str]] = {}
        unpaired: dict[str, tuple[Any, str]] = {}
        for label, item in revision_items.items():
            meaning = _meaning(_resolve(self.revision, *item)[0])
            same = (
                label
                if free.get(label) == meaning
                else next((o for o, m in free.items() if m == meaning), None)
            )
            if same is None:
                unpaired[label] = item
            else:
                paired[same] = item
                del free[same]
        for label, item in unpaired.items():  # by label, as before, where the label is still free
            key = label if label in free or label not in base_items else f"{label} (new)"
            free.pop(label, None)
            paired[key if key not in paired else f"{label} (new)"] = item
        return paired


_WRAPPER_KEYS = frozenset(("oneOf", "anyOf", "description", "title", "deprecated", "readOnly", "writeOnly"))


def _null_wrapped(node: Any, pointer: str) -> tuple[Any, str] | None:
    """The schema inside `oneOf`/`anyOf: [{type: "null"}, <schema>]` (either order), with its pointer."""
    if not isinstance(node, dict) or ("oneOf" not in node and "anyOf" not in node):
        return None
    if any(k not in _WRAPPER_KEYS and not k.startswith("x-") for k in node):
        return None
    for keyword in ("oneOf", "anyOf"):
        members = node.get(keyword)
        if isinstance(members, list) and len(members) == 2:
            nulls = [
                i
                for i, m in enumerate(members)
                if isinstance(m, dict) and m.get("type") == "null" and len(m) == 1
            ]
            if len(nulls) == 1:
                other = 1 - nulls[0]
                return members[other], f"{pointer}/{keyword}/{other}"
    return None


def _wrapped_in_one_of(b: dict, r: dict) -> bool:
    """An object schema moved into `oneOf` alternatives: a value valid before may now match several."""
    composed = ("oneOf", "anyOf", "allOf")
    return (
        isinstance(b.get("properties"), dict)
        and not any(k in b for k in composed)
        and isinstance(r.get("oneOf"), list)
        and len(r["oneOf"]) > 1
        and "properties" not in r
    )


_ANNOTATIONS = frozenset(("title", "description", "example", "examples", "$comment"))


def _meaning(node: dict) -> dict:
    """A schema without the keywords that only annotate it."""
    return {k: v for k, v in node.items() if k not in _ANNOTATIONS}


def _alternatives(value: Any, pointer: str) -> dict[str, tuple[Any, str]]:
    """Subschemas of oneOf/anyOf/allOf keyed by what identifies them: the $ref, a title, or position."""
    found: dict[str, tuple[Any, str]] = {}
    inline = 0
    for i, item in enumerate(value if isinstance(value, list) else ()):
        ref = _ref(item)
        if ref is not None:
            label = ref.rsplit("/", 1)[-1]
        elif isinstance(item, dict) and isinstance(item.get("title"), str):
            label = repr(item["title"])
        else:
            inline += 1
            label = f"#{inline}"
        found.setdefault(label, (item, f"{pointer}/{i}"))
    return found


def _ref(node: Any) -> str | None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            return ref
    return None


def _node(node: Any) -> dict:
    if isinstance(node, dict):
        return node
    return {"not": {}} if node is False else {}


def _resolve(contract: Contract, node: Any, pointer: str) -> tuple[dict, str]:
    try:
        target, target_pointer = contract.resolve(node, pointer)
    except ContractError:
        return {}, pointer
    return _node(target), target_pointer or pointer


def _required(node: dict) -> set[str]:
    raw = node.get("required")
    return {r for r in raw if isinstance(r, str)} if isinstance(raw, list) else set()


def _at(node: dict, pointer: str, keyword: str | None) -> str:
    return f"{pointer}/{escape_pointer(keyword)}" if keyword and keyword in node else pointer


_STEP = {"items": "[]", "additionalProperties": "*"}


def _steps(pointer: str) -> tuple[str, ...]:
    """Readable path steps for a pointer inside a schema: property names, [] for items."""
    tokens = [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]
    steps: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in ("properties", "patternProperties") and i + 1 < len(tokens):
            steps.append(tokens[i + 1])
            i += 2
        elif token in ("oneOf", "anyOf", "allOf", "prefixItems") and i + 1 < len(tokens):
            steps.append(f"{token}[{tokens[i + 1]}]")
            i += 2
        else:
            steps.append(_STEP.get(token, token))
            i += 1
    return tuple(steps)
