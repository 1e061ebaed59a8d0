"""What a rule looks at: the bundled document (raw), its format, the model, and shared indexes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._lifecycle import Lifecycle, read_lifecycle
from .._model import HTTP_METHODS
from .._pointers import escape, split
from ._rule import JsonPath

if TYPE_CHECKING:
    from .._contract import Contract
__all__ = ["HTTP_METHODS", "LintContext", "path_item_operations"]

_LIFECYCLE_KEYS = ("deprecated", "x-sunset", "x-deprecated-at", "x-stability-level")
# maps keyed by names (a property called `x-sunset` is no extension) and values that are data
_NAMED = frozenset({"properties", "patternProperties", "definitions", "$defs", "headers", "variables"})
_DATA = frozenset({"example", "examples", "default", "enum", "const", "x-examples"})


def path_item_operations(fmt: str, item: dict[str, Any]) -> list[tuple[JsonPath, dict[str, Any]]]:
    """(path below the path item, operation) for each operation of a path item: the fixed methods, and
    from OpenAPI 3.2 on `query` and each `additionalOperations` entry."""
    v32 = fmt == "oas3.2"
    methods = (*HTTP_METHODS, "query") if v32 else HTTP_METHODS
    found: list[tuple[JsonPath, dict[str, Any]]] = [
        ((method,), item[method]) for method in methods if isinstance(item.get(method), dict)
    ]
    extra = item.get("additionalOperations") if v32 else None
    if isinstance(extra, dict):
        found += [(("additionalOperations", name), op) for name, op in extra.items() if isinstance(op, dict)]
    return found


def _described(path: JsonPath) -> bool:
    """Whether the node at `path` is part of the description, not a name map or example data."""
    if path and path[-1] in _NAMED:
        return False
    return not any(key in _DATA and (i == 0 or path[i - 1] not in _NAMED) for i, key in enumerate(path))


class LintContext:
    """One document being linted. Indexes (every node, every operation) are built once, on first use."""

    def __init__(self, contract: Contract, settings: dict[str, Any] | None = None) -> None:
        self.contract = contract
        self.document: dict[str, Any] = contract.document
        self.format = contract.format
        self.settings = settings or {}  # governance options (casing, sunset days, production)
        self._nodes: list[tuple[JsonPath, Any]] | None = None
        self.cache: dict[str, Any] = {}  # indexes that checks share (every $ref target, ...)

    def components(self) -> dict[str, Any]:
        """The document's `components`, or {} when it is missing or not a mapping (a damaged document)."""
        value = self.document.get("components")
        return value if isinstance(value, dict) else {}

    def nodes(self) -> list[tuple[JsonPath, Any]]:
        """(path, node) for every object and array below the root, in document order."""
        if self._nodes is None:
            found: list[tuple[JsonPath, Any]] = []
            stack: list[tuple[JsonPath, Any]] = [((), self.document)]
            while stack:
                path, node = stack.pop()
                if path:
                    found.append((path, node))
                if isinstance(node, dict):
                    children = [((*path, k), v) for k, v in node.items() if isinstance(v, dict | list)]
                else:
                    children = [((*path, i), v) for i, v in enumerate(node) if isinstance(v, dict | list)]
                stack.extend(reversed(children))
            self._nodes = found
        return self._nodes

    def lifecycles(self) -> list[tuple[JsonPath, Lifecycle]]:
        """(path, facts) for the root and every object that states any lifecycle fact (`deprecated`,
        `x-sunset`, `x-deprecated-at`, `x-stability-level`), read by `contracts`' one lifecycle reader."""
        found = self.cache.get("lifecycles")
        if found is None:
            found = [
                (path, read_lifecycle(node, "".join(f"/{escape(key)}" for key in path)))
                for path, node in [((), self.document), *self.nodes()]
                if isinstance(node, dict) and any(key in node for key in _LIFECYCLE_KEYS) and _described(path)
            ]
            self.cache["lifecycles"] = found
        return found

    def operations(self) -> list[tuple[JsonPath, dict[str, Any]]]:
        """(path, operation object) for every operation under `paths` (the raw objects); built once."""
        found = self.cache.get("operations")
        if found is None:
            found = self.cache["operations"] = []
            paths = self.document.get("paths")
            if isinstance(paths, dict):
                for key, item in paths.items():
                    if isinstance(item, dict):
                        for below, op in path_item_operations(self.format, item):
                            found.append((("paths", key, *below), op))
        return found

    def release(self) -> None:
        """Drop what the rules built (node index, compiled validators, the contract's shared schema
        compiler) once they have run; a large contract needs the memory for source positions next."""
        from .._jsonschema import SchemaCompiler

        self._nodes = None
        self.cache.clear()
        SchemaCompiler._shared.pop(self.contract, None)  # the compiler's per-contract cache

    def path_of(self, pointer: str) -> JsonPath:
        """A JSON pointer as a path: array indexes become ints, object keys stay strings."""
        path: list[str | int] = []
        node: Any = self.document
        for token in split(pointer):
            key: str | int = int(token) if isinstance(node, list) and token.isdigit() else token
            path.append(key)
            node = node[key] if isinstance(node, dict | list) and _has(node, key) else None
        return tuple(path)

    def at(self, path: JsonPath) -> Any:
        node: Any = self.document
        for key in path:
            try:
                node = node[key]
            except (KeyError, IndexError, TypeError):
                return None
        return node


def _has(node: dict | list, key: str | int) -> bool:
    return key in node if isinstance(node, dict) else isinstance(key, int) and key < len(node)
