"""JSONPath for custom rules, with python-jsonpath: Spectral's JSONPath-Plus spellings are rewritten.

Accepted on top of RFC 9535: `@property` (the current key), `===`/`!==`, `@.x !== void 0`,
unquoted names in brackets (`[get,put]`), `.[`, a trailing `~` (keys), and the `#PathItem` / `#OperationObject` aliases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import jsonpath

from ._rule import JsonPath

__all__ = ["CompiledPath", "JsonPathSyntaxError", "compile_path"]

_ALIASES = {
    "#OperationObject": "$.paths[*]['get','put','post','delete','options','head','patch','trace']",
    "#PathItem": "$.paths[*]",
}
_VOID = re.compile(r"(@[\w.$\-\[\]'\"]*)\s*(===?|!==?)\s*(?:void 0|undefined)")
_BARE = re.compile(r"\[\s*([A-Za-z_$][\w$-]*(?:\s*,\s*[A-Za-z_$][\w$-]*)*)\s*\]")
_ENV = jsonpath.JSONPathEnvironment()


class JsonPathSyntaxError(ValueError):
    """A `given` or `field` expression that cannot be parsed."""


def _rewrite(expression: str) -> str:
    for alias, path in _ALIASES.items():
        if expression.startswith(alias):
            expression = path + expression[len(alias) :]
    expression = expression.replace("@property", "#").replace(".[", "[")
    expression = _VOID.sub(lambda m: m[1] if m[2].startswith("!") else f"!{m[1]}", expression)
    expression = expression.replace("===", "==").replace("!==", "!=")
    return _BARE.sub(lambda m: "[" + ",".join(f"'{n.strip()}'" for n in m[1].split(",")) + "]", expression)


class CompiledPath:
    def __init__(self, expression: str) -> None:
        self.expression = expression
        self.keys = expression.endswith("~")  # Spectral's `$.paths[*]~`: the keys, not the values
        try:
            self._path = _ENV.compile(_rewrite(expression.removesuffix("~")))
        except jsonpath.JSONPathError as exc:
            reason = str(exc).splitlines()[0]
            raise JsonPathSyntaxError(f"malformed JSONPath {expression!r}: {reason}") from None

    def select(self, document: Any) -> Iterable[tuple[JsonPath, Any]]:
        for match in self._path.finditer(document):
            parts = tuple(match.parts)
            if not self.keys:
                yield parts, match.obj
            elif parts:
                yield parts, parts[-1]


@lru_cache(maxsize=256)
def compile_path(expression: str) -> CompiledPath:
    return CompiledPath(expression)
