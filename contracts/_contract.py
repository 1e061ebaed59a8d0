"""`Contract`: a document read once (bundled, source-mapped) with its normalised model."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ._errors import ContractError, Location
from ._limits import ReadLimits
from ._model import AsyncOperation, Channel, Operation, SecurityScheme, Server, Tag
from ._pointers import MISSING, ref_pointer, resolve_pointer
from ._refs import Bundle, bundle

__all__ = ["SCHEMA_2020_12_FORMATS", "SUPPORTED_VERSIONS", "Contract", "load_contract", "normalise"]

SUPPORTED_VERSIONS = {
    "openapi": ("2.0", "3.0", "3.1", "3.2"),
    "asyncapi": ("2.0", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "3.0", "3.1"),
}
# OpenAPI formats whose Schema Objects are JSON Schema 2020-12 (in each version's dialect)
SCHEMA_2020_12_FORMATS = frozenset({"oas3.1", "oas3.2"})
_VERSION = re.compile(r"^(\d+)\.(\d+)(?:\.(\d+))?(?:-[0-9A-Za-z.-]+)?$")


class Contract:
    """A contract read once. Everything downstream takes one of these."""

    def __init__(self, source: Bundle, kind: str, version: str, fmt: str) -> None:
        self.source = source
        self.path = source.root.name
        self.document: dict[str, Any] = source.document
        self.kind = kind  # "openapi" | "asyncapi"
        self.version = version  # the spec version as written, e.g. "3.0.3"
        self.format = fmt  # "oas2" | "oas3" | "oas3.1" | "oas3.2" | "asyncapi2" | "asyncapi3"
        info = self.document.get("info") if isinstance(self.document.get("info"), dict) else {}
        self.title: str | None = _str(info.get("title"))
        self.api_version: str | None = _str(info.get("version"))
        self.self_uri: str | None = _str(self.document.get("$self"))  # OpenAPI 3.2: the document's own URI
        self.tags: list[Tag] = []
        self.servers: list[Server] = []
        self.security: list[dict[str, list[str]]] | None = None
        self.security_schemes: dict[str, SecurityScheme] = {}
        self.operations: list[Operation] = []
        self.channels: dict[str, Channel] = {}
        self.async_operations: list[AsyncOperation] = []
        self.schemas: dict[str, Any] = {}
        self.schemas_pointer: str = "/components/schemas"
        self._ref_targets: dict[str, tuple[Any, str]] = {}

    # -- navigation ---------------------------------------------------------------------------
    def location(self, pointer: str) -> Location:
        """file:line:column of a bundle pointer, in the file where that node was written."""
        return self.source.location(pointer)

    def at(self, pointer: str) -> Any:
        """The node at a pointer of the bundled document, or None."""
        value = resolve_pointer(self.document, pointer)
        return None if value is MISSING else value

    def resolve(self, node: Any, pointer: str | None = None) -> tuple[Any, str | None]:
        """Follow a chain of local `$ref`s; returns the target and its pointer.

        Siblings of `$ref` (OpenAPI 3.1, AsyncAPI) are kept on top of the target.
        A reference cycle raises ContractError naming where it starts.
        """
        seen: list[str] = []
        extra: dict[str, Any] = {}
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            extra = {**{k: v for k, v in node.items() if k != "$ref"}, **extra}
            if not ref.startswith("#") or ref in seen:
                if ref in seen:
                    raise ContractError(f"$ref {ref!r} forms a cycle", self.location(pointer or ""))
                break
            seen.append(ref)
            target, target_pointer = self.follow_ref(ref)
            if target is MISSING:
                raise ContractError(f"$ref {ref!r} points to nothing", self.location(pointer or ""))
            node, pointer = target, target_pointer
        if extra and isinstance(node, dict):
            node = {**node, **extra}
        return node, pointer

    def follow_ref(self, ref: str) -> tuple[Any, str]:
        """The node a local `$ref` ('#/...') points to and its pointer; MISSING if none. Cached."""
        found = self._ref_targets.get(ref)
        if found is None:
            try:
                target = resolve_pointer(self.document, ref)
            except ValueError:
                target = MISSING
            found = self._ref_targets[ref] = (target, ref_pointer(ref))
        return found

    def operation(self, method: str, path: str) -> Operation | None:
        method = method.lower()
        for op in self.operations:
            if op.method == method and op.path == path:
                return op
        return None

    def __repr__(self) -> str:
        return f"<Contract {self.path} {self.kind} {self.version}>"


def load_contract(
    path: str | Path,
    *,
    allow_remote: bool = False,
    fetch: Callable[[str], bytes] | None = None,
    limits: ReadLimits | None = None,
) -> Contract:
    """Read a contract file (and every file it refers to) into a `Contract`.

    Raises ContractError (one line: file, position, problem) when the input is unreadable,
    malformed, not a contract, of an unsupported version, or has a `$ref` that cannot be followed.
    Validation against the spec is separate: see `validate()`. `limits` (default: the process's,
    see `use_read_limits`) bound what may be read: the `$ref` tree and the size of each file.
    """
    source = bundle(path, allow_remote=allow_remote, fetch=fetch, limits=limits)
    kind, version, fmt = detect(source)
    contract = Contract(source, kind, version, fmt)
    normalise(contract)
    return contract


def normalise(contract: Contract) -> None:
    """Fill a contract's normalised model (operations, channels, ...) from its bundled document, with
    the adapter of its format (OpenAPI 2 or 3, AsyncAPI 2 or 3)."""
    if contract.format == "oas2":
        from .openapi import v2 as adapter
    elif contract.kind == "openapi":
        from .openapi import v3 as adapter
    elif contract.format == "asyncapi2":
        from .asyncapi import v2 as adapter
    else:
        from .asyncapi import v3 as adapter
    adapter.normalise(contract)


def detect(source: Bundle) -> tuple[str, str, str]:
    """(kind, version, format) of a bundled document, or ContractError."""
    doc = source.document
    name = source.root.name
    for key, kind in (("openapi", "openapi"), ("swagger", "openapi"), ("asyncapi", "asyncapi")):
        if key in doc:
            raw = doc[key]
            version = str(raw)
            match = _VERSION.match(version)
            major_minor = f"{match[1]}.{match[2]}" if match else None
            allowed = SUPPORTED_VERSIONS[kind]
            if key == "swagger":
                allowed = ("2.0",)
            elif key == "openapi":
                allowed = ("3.0", "3.1", "3.2")
            if major_minor not in allowed or not isinstance(raw, str):
                shown = ", ".join(allowed)
                raise ContractError(
                    f"unsupported {key} version {raw!r} (supported: {shown})",
                    source.root.location(f"/{key}"),
                )
            if key == "swagger":
                return kind, version, "oas2"
            if kind == "openapi":
                return kind, version, "oas3" if major_minor == "3.0" else f"oas{major_minor}"
            return kind, version, "asyncapi3" if version.startswith("3.") else "asyncapi2"
    raise ContractError(
        "not an OpenAPI or AsyncAPI document (no 'openapi', 'swagger' or 'asyncapi' field at the top)",
        Location(name),
    )


def _str(value: Any) -> str | None:
    return None if value is None else str(value)
