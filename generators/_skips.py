"""Operations the server generator refuses are skipped (with a warning naming where), not fatal.

datamodel-code-generator names the schemas it cannot express as request values (for example a
nested object in a form body), and operations it cannot route (one that differs from another
only by placeholder names). The request bodies and parameters that reach those schemas are
found; a body media type is dropped, or the whole operation when nothing else is left or when the
operation itself is named.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from accord.contracts import HTTP_METHODS, escape_pointer

_POINTER = re.compile(r"(/(?:paths|components)/[^:;\s]+): ([^;]+)")
_FORMS = {"application/x-www-form-urlencoded", "multipart/form-data"}  # fields: one value each


def refused(message: str) -> list[tuple[str, str]]:
    """(pointer, reason) pairs named in a generator error."""
    return list(dict.fromkeys(_POINTER.findall(message)))


def skip(contract, document: dict, problems: list[tuple[str, str]]) -> tuple[dict, list[str]]:
    """A copy of the document without what reaches the refused pointers, and the warnings."""
    document = copy.deepcopy(document)
    warnings: list[str] = []
    pointers = [pointer for pointer, _ in problems]
    reason = {pointer: why.strip() for pointer, why in problems}
    for path, item in list(document.get("paths", {}).items()):
        for method in HTTP_METHODS:
            op = item.get(method) if isinstance(item, dict) else None
            if not isinstance(op, dict):
                continue
            base = f"/paths/{escape_pointer(path)}/{method}"
            key = f"{method.upper()} {path}"
            if base in reason:  # the operation itself (e.g. a route another one already answers)
                warnings.append(
                    f"{contract.location(base)} ({base}): skipped the operation {key}: {reason[base]}"
                )
                del item[method]
                continue
            content = (contract.resolve(op.get("requestBody", {}))[0] or {}).get("content", {})
            for media, entry in list(content.items()):
                where = f"{base}/requestBody/content/{escape_pointer(media)}"
                form = media.split(";")[0].strip() in _FORMS
                hit = _hit(contract, entry.get("schema") if form else None, where, pointers)
                if hit:
                    warnings.append(
                        f"{contract.location(where)} ({where}): skipped the {media} body of {key}: {reason[hit]}"
                    )
                    body = dict(contract.resolve(op["requestBody"])[0])
                    body["content"] = {m: e for m, e in content.items() if m != media}
                    op["requestBody"] = body
                    content = body["content"]
            for status, response in list((op.get("responses") or {}).items()):
                resolved = dict(contract.resolve(response)[0] or {})
                ref = response.get("$ref") if isinstance(response, dict) else None
                for media in list(resolved.get("content") or {}):
                    where = f"{base}/responses/{escape_pointer(str(status))}/content/{escape_pointer(media)}"
                    # a shared response (`$ref: #/components/responses/File`) is named where it is declared
                    via = {"$ref": f"{ref}/content/{escape_pointer(media)}"} if isinstance(ref, str) else None
                    hit = _hit(contract, via, where, pointers)
                    if hit:
                        warnings.append(
                            f"{contract.location(where)} ({where}): skipped the {media} body of the {status} "
                            f"response of {key}: {reason[hit]}"
                        )
                        resolved["content"] = {m: e for m, e in resolved["content"].items() if m != media}
                        op["responses"][status] = resolved
            params = [*item.get("parameters", []), *op.get("parameters", [])]
            hit = next(
                (
                    h
                    for p in params
                    if (
                        h := _hit(contract, p, f"{base}/parameters", pointers)  # p may be a $ref
                    )
                ),
                None,
            )
            if hit or ("requestBody" in op and not content):
                why = reason[hit] if hit else "no request body media type is left"
                warnings.append(f"{contract.location(base)} ({base}): skipped the operation {key}: {why}")
                del item[method]
    return document, warnings


def _hit(contract, schema: Any, where: str, pointers: list[str]) -> str | None:
    """The first refused pointer inside `where`, or reached from the schema through $refs."""
    for pointer in pointers:
        if pointer == where or pointer.startswith(where + "/"):
            return pointer
    seen: set[str] = set()
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/") and ref not in seen:
                seen.add(ref)
                target = ref[1:]
                for pointer in pointers:
                    if pointer == target or pointer.startswith(target + "/"):
                        return pointer
                stack.append(contract.at(target))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return None
