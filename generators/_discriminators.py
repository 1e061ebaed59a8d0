"""Explicit discriminator mappings, so generated unions accept the tag values a contract really uses.

Without a `mapping`, a discriminator's tag is the schema's name; many contracts (Azure's among
them) name the tag elsewhere: `x-ms-discriminator-value` on the subtype, or a one-value `enum` /
`const` on the subtype's tag property. Pydantic's tagged unions are strict about tags, so the
document is given the mapping the contract implies before models are generated.
"""

from __future__ import annotations

import copy
from typing import Any

from accord.contracts import escape_pointer


def with_mappings(document: dict[str, Any]) -> dict[str, Any]:
    schemas = (document.get("components") or {}).get("schemas") or {}
    if not isinstance(schemas, dict) or not any(_discriminated(s) for s in schemas.values()):
        return document
    document = copy.deepcopy(document)
    schemas = document["components"]["schemas"]
    for name, schema in schemas.items():
        if not _discriminated(schema) or schema["discriminator"].get("mapping"):
            continue
        prop = schema["discriminator"]["propertyName"]
        ref = f"#/components/schemas/{escape_pointer(name)}"
        variants = [
            v["$ref"]
            for v in schema.get("oneOf", []) + schema.get("anyOf", [])
            if isinstance(v, dict) and "$ref" in v
        ]
        if not variants:  # inheritance: the subtypes are the schemas that allOf this one
            variants = [
                f"#/components/schemas/{escape_pointer(sub)}"
                for sub, body in schemas.items()
                if isinstance(body, dict)
                and any(isinstance(p, dict) and p.get("$ref") == ref for p in body.get("allOf", []))
            ]
            if variants and _tag(schema, prop) is not None:
                variants.append(ref)
        mapping = {}
        for target in variants:
            sub = schemas.get(_unescape(target.rsplit("/", 1)[1]))
            tag = _tag(sub, prop) if isinstance(sub, dict) else None
            if tag is not None and tag != target.rsplit("/", 1)[1]:
                mapping[tag] = target
        if mapping:
            for target in variants:  # keep the schema-name tags of subtypes that name no other
                if target not in mapping.values():
                    mapping[_unescape(target.rsplit("/", 1)[1])] = target
            schema["discriminator"]["mapping"] = mapping
    return document


def _discriminated(schema: Any) -> bool:
    return (
        isinstance(schema, dict)
        and isinstance(schema.get("discriminator"), dict)
        and "propertyName" in schema["discriminator"]
    )


def _tag(schema: dict[str, Any], prop: str) -> str | None:
    if isinstance(schema.get("x-ms-discriminator-value"), str):
        return schema["x-ms-discriminator-value"]
    for part in [schema, *[p for p in schema.get("allOf", []) if isinstance(p, dict)]]:
        spec = (part.get("properties") or {}).get(prop)
        if isinstance(spec, dict):
            if isinstance(spec.get("const"), str):
                return spec["const"]
            if (
                isinstance(spec.get("enum"), list)
                and len(spec["enum"]) == 1
                and isinstance(spec["enum"][0], str)
            ):
                return spec["enum"][0]
    return None


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def polymorphic(document: dict[str, Any]) -> dict[str, Any]:
    """A copy where each `$ref` to a discriminated base schema (outside its subtypes' `allOf`) is the
    `oneOf` of its subtypes, as generated models read it: what a value of that type may be."""
    schemas = (document.get("components") or {}).get("schemas") or {}
    bases: dict[str, dict[str, Any]] = {}
    for name, schema in schemas.items() if isinstance(schemas, dict) else ():
        if not _discriminated(schema) or schema.get("oneOf") or schema.get("anyOf"):
            continue
        ref = f"#/components/schemas/{escape_pointer(name)}"
        subtypes = [
            f"#/components/schemas/{escape_pointer(sub)}"
            for sub, body in schemas.items()
            if isinstance(body, dict)
            and any(isinstance(p, dict) and p.get("$ref") == ref for p in body.get("allOf", []))
        ]
        if subtypes:
            bases[ref] = {"oneOf": [{"$ref": s} for s in subtypes], "discriminator": schema["discriminator"]}
    if not bases:
        return document

    def rewrite(node: Any, in_all_of: bool = False) -> Any:
        if isinstance(node, dict):
            if not in_all_of and node.get("$ref") in bases and len(node) == 1:
                return copy.deepcopy(bases[node["$ref"]])
            return {k: rewrite(v, k == "allOf") for k, v in node.items()}
        if isinstance(node, list):
            return [rewrite(item, in_all_of) for item in node]
        return node

    return rewrite(document)
