"""Checking a whole document against its specification's JSON Schema with jsonschema-rs.

The specification schemas are compiled once per process. A failed `oneOf`/`anyOf` is explained by
the branch that got furthest into the document, so the finding names the field that is wrong rather
than "not valid under any of the schemas" at the top of a large object.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs
import orjson

from ._pointers import escape

__all__ = ["MAX_SCHEMA_ERRORS", "definition_validator", "error_message", "schema_errors", "spec_validator"]

MAX_SCHEMA_ERRORS = 100
_SHORT = 60  # longest rendered value kept in a message


@cache
def spec_validator(path: str) -> Any:
    """The compiled validator for a specification schema file (its `$schema` picks the draft)."""
    schema = orjson.loads(Path(path).read_bytes())
    return jsonschema_rs.validator_cls_for(schema)(schema)


@cache
def definition_validator(path: str, name: str) -> Any:
    """The compiled validator for one definition of a specification schema file (e.g. AsyncAPI's
    Schema Object), with the file's other definitions in reach."""
    spec = orjson.loads(Path(path).read_bytes())
    schema = {"$ref": f"#/definitions/{name}", "definitions": spec.get("definitions", {})}
    if "$schema" in spec:
        schema["$schema"] = spec["$schema"]
    return jsonschema_rs.validator_cls_for(schema)(schema)


def schema_errors(validator: Any, document: Any, *, ambiguous_refs_ok: bool = False) -> list[tuple[str, str]]:
    """(message, pointer) for each way `document` breaks the schema, deepest explanation first.

    `ambiguous_refs_ok`: a bare `$ref` object that several `oneOf` branches accept is not an error.
    """
    found: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for error in validator.iter_errors(document):
        if ambiguous_refs_ok and _ambiguous_reference(error):
            continue
        for leaf in _explain(error):
            item = (error_message(leaf), _pointer(leaf.instance_path))
            if item not in seen:
                seen.add(item)
                found.append(item)
        if len(found) >= MAX_SCHEMA_ERRORS:
            break
    return found[:MAX_SCHEMA_ERRORS]


def _ambiguous_reference(error: Any) -> bool:
    """A `$ref` object matching both a Reference and an object with no required fields (AsyncAPI
    2.0's parameters): the document is checked before references are followed, so it is not an error."""
    instance = error.instance
    return (
        type(error.kind).__name__ == "OneOfMultipleValid"
        and isinstance(instance, dict)
        and "$ref" in instance
    )


def _explain(error: Any) -> Iterator[Any]:
    """The errors of the `oneOf`/`anyOf` branch that matched the document deepest, recursively."""
    context = getattr(error.kind, "context", None)
    if not context:
        yield error
        return
    depth = len(error.instance_path)

    def reach(branch: list[Any]) -> tuple[int, int]:
        return (max((len(e.instance_path) for e in branch), default=0), -len(branch))

    # A node without `$ref` was not meant to be a Reference: that branch explains nothing.
    candidates = [b for b in context if b and not _wants_ref(b)] or context
    best = max(candidates, key=reach)
    if not best or (reach(best)[0] <= depth and len(candidates) > 1):
        yield error  # every branch failed at this very node: the summary is the best we can say
        return
    for sub in best:
        yield from _explain(sub)


def _wants_ref(branch: list[Any]) -> bool:
    return any(type(e.kind).__name__ == "Required" and e.message.startswith('"$ref"') for e in branch)


def error_message(error: Any) -> str:
    """A jsonschema-rs error message with long rendered values shortened."""
    message: str = error.message
    instance = error.instance
    if isinstance(instance, dict | list):
        rendered = orjson.dumps(instance).decode()
        if message.startswith(rendered) and len(rendered) > _SHORT:
            shown = "the object" if isinstance(instance, dict) else "the array"
            message = shown + message[len(rendered) :]
    elif isinstance(instance, str) and len(instance) > _SHORT:
        rendered = orjson.dumps(instance).decode()
        if message.startswith(rendered):
            message = orjson.dumps(instance[:_SHORT] + "...").decode() + message[len(rendered) :]
    return message.replace("listed in the 'oneOf' keyword", "allowed here").replace(
        "listed in the 'anyOf' keyword", "allowed here"
    )


def _pointer(path: Any) -> str:
    return "".join("/" + escape(str(p)) for p in path)
