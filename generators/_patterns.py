"""Schema patterns the generated models can compile.

pydantic compiles `pattern` with Rust's regex crate, which knows no look-around or back-references
and no UTF-16 surrogates; a model with such a pattern fails when its module is imported. AWS
descriptions write the supplementary planes as surrogate escapes in character classes
(`[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDBFF-\\uDC00\\uDFFF]`, ECMA-262 matching UTF-16 code units): there
the surrogates become the code points they stand for (`\\U00010000-\\U0010FFFF`). A pattern that still
does not compile is left out of the models (their values are not checked against it), with a warning
naming where.
"""

from __future__ import annotations

import copy
import functools
import re
from typing import Any

from pydantic_core import SchemaError, SchemaValidator, core_schema

from contracts import escape_pointer

__all__ = ["compilable_patterns"]

_SURROGATE = r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}"
_SURROGATES = re.compile(rf"{_SURROGATE}(?:-{_SURROGATE})?")
_SUPPLEMENTARY = r"\U00010000-\U0010FFFF"
_VALUES = {"example", "examples", "default", "enum", "const", "x-examples"}  # data, not schemas


def compilable_patterns(contract, document: dict) -> tuple[dict, list[str]]:
    """A copy of the document whose patterns all compile for pydantic, and the warnings."""
    document = copy.deepcopy(document)
    warnings: list[str] = []
    _walk(document, "", contract, warnings)
    return document, warnings


def _walk(node: Any, pointer: str, contract, warnings: list[str]) -> None:
    if isinstance(node, dict):
        pattern = node.get("pattern")
        if isinstance(pattern, str) and not _compiles(pattern):
            fixed = _without_surrogates(pattern)
            if fixed is not None and _compiles(fixed):
                node["pattern"] = fixed
            else:
                del node["pattern"]
                where = f"{pointer}/pattern"
                warnings.append(
                    f"{contract.location(where)} ({where}): pattern {pattern!r} is beyond the models' regex "
                    "engine (look-around, back-references or surrogates); values are not checked against it"
                )
        for key, value in node.items():
            if key not in _VALUES:
                _walk(value, f"{pointer}/{escape_pointer(str(key))}", contract, warnings)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            _walk(value, f"{pointer}/{index}", contract, warnings)


@functools.lru_cache(maxsize=4096)
def _compiles(pattern: str) -> bool:
    try:
        SchemaValidator(core_schema.str_schema(pattern=pattern))
    except SchemaError:
        return False
    return True


def _without_surrogates(pattern: str) -> str | None:
    """Surrogate escapes inside character classes replaced by the supplementary planes; None when one
    stands outside a class (a literal pair, not rewritten)."""
    out: list[str] = []
    i, start = 0, None  # start: where the open class's content begins in `out`
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if char == "[" and start is None:
            out.append(char)
            start = len(out)
        elif char == "]" and start is not None and len(out) > start:
            body = "".join(out[start:])
            rewritten = _SURROGATES.sub("", body)
            if rewritten != body:
                rewritten += _SUPPLEMENTARY
            out[start:] = [rewritten, char]
            start = None
        else:
            out.append(char)
        i += 1
    result = "".join(out)
    return None if re.search(_SURROGATE, _outside_classes(result)) else result


def _outside_classes(pattern: str) -> str:
    return re.sub(r"\[(?:\\.|[^\]\\])*\]", "", pattern)
