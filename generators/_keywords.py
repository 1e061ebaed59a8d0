"""Schema keywords made fit for the generated models, before datamodel-code-generator reads them.

- Patterns: pydantic compiles `pattern` with Rust's regex crate, which knows no look-around or
  back-references and no UTF-16 surrogates; a model with such a pattern fails when its module is
  imported. AWS descriptions write the supplementary planes as surrogate escapes in character classes
  (`[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDBFF-\\uDC00\\uDFFF]`, ECMA-262 matching UTF-16 code units):
  there the surrogates become the code points they stand for (`\\U00010000-\\U0010FFFF`). A pattern
  that still does not compile is left out of the models, with a warning naming where.
- Keywords of another type: JSON Schema applies `minLength` only to strings, `minItems` only to
  arrays, and so on, but the models would enforce `minLength: 1` on an array. Beside a single
  `type`, keywords of other types are dropped (they constrain nothing).
- `format: decimal` on a number: pydantic's Decimal is written back as a string; the number stays a
  float, as JSON has it.
"""

from __future__ import annotations

import copy
import functools
import re
from typing import Any

from accord.contracts import escape_pointer
from pydantic_core import SchemaError, SchemaValidator, core_schema

__all__ = ["fit_keywords"]

_SURROGATE = r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}"
_SURROGATES = re.compile(rf"{_SURROGATE}(?:-{_SURROGATE})?")
_SUPPLEMENTARY = r"\U00010000-\U0010FFFF"
_VALUES = {"example", "examples", "default", "enum", "const", "x-examples"}  # data, not schemas
_TYPE_KEYWORDS = {
    "string": ("minLength", "maxLength", "pattern"),
    "array": ("minItems", "maxItems", "uniqueItems"),
    "object": ("minProperties", "maxProperties"),
    "number": ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"),
}
_TYPE_KEYWORDS["integer"] = _TYPE_KEYWORDS["number"]


def fit_keywords(contract, document: dict) -> tuple[dict, list[str]]:
    """A copy of the document fit for the models, and the warnings about what was left out."""
    document = copy.deepcopy(document)
    warnings: list[str] = []
    _walk(document, "", contract, warnings)
    return document, warnings


def _walk(node: Any, pointer: str, contract, warnings: list[str]) -> None:
    if isinstance(node, dict):
        _drop_other_types(node)
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


def _drop_other_types(node: dict) -> None:
    kind = node.get("type")
    if not isinstance(kind, str) or kind not in _TYPE_KEYWORDS:  # a `properties` map may name "type"
        return
    for other, keywords in _TYPE_KEYWORDS.items():
        if other != kind and not (kind == "integer" and other == "number"):
            for keyword in keywords:
                if not isinstance(node.get(keyword), dict):  # a property may be named like a keyword
                    node.pop(keyword, None)
    if kind == "number" and node.get("format") == "decimal":
        del node["format"]


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
