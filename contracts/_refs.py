"""`$ref` resolution: local pointers, relative files, remote URLs only when allowed.

`bundle()` turns a root file plus everything it refers to into one document whose every `$ref` is
local. Targets in other files are hoisted into the root's component containers when they are
components or schemas (so recursion stays a `$ref`, never an infinite copy), and inlined otherwise.
A cycle through inlined (non-schema) objects is an error, as is a pointer to nothing.
"""

from __future__ import annotations

import copy
import os
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from ._depth import deep_call
from ._documents import SourceFile, parse_bytes, read_file
from ._errors import ContractError, Location
from ._limits import ReadLimits, current_read_limits, show_size
from ._pointers import MISSING, escape, join, resolve_pointer, split

__all__ = ["Bundle", "bundle", "iter_refs"]

# Keys under which a `$ref` value is a JSON Schema: such targets are hoisted, never inlined.
_SCHEMA_PARENTS = {
    "schema", "items", "additionalProperties", "not", "contains", "propertyNames", "if", "then",
    "else", "additionalItems", "unevaluatedItems", "unevaluatedProperties", "payload", "contentSchema",
}  # fmt: skip
_SCHEMA_MAPS = {"properties", "patternProperties", "definitions", "$defs", "dependentSchemas"}
_SCHEMA_LISTS = {"allOf", "oneOf", "anyOf", "prefixItems"}
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")  # file:, ftp:... (http(s) are handled before)
_CONTRACT_SUFFIXES = (".yaml", ".yml", ".json")
_COMPONENT_PATH = re.compile(
    r"^/(components/[^/]+|definitions|parameters|responses|securityDefinitions)/([^/]+)$"
)


@dataclass(slots=True)
class Bundle:
    """One self-contained document and the files it came from."""

    document: Any
    root: SourceFile
    files: dict[str, SourceFile]
    # bundle pointer -> (file name, pointer in that file) for every hoisted or inlined subtree
    origins: dict[str, tuple[str, str]] = field(default_factory=dict)

    def location(self, pointer: str) -> Location:
        """Where the node at a bundle pointer was written, in whichever file it came from."""
        best = ""
        for prefix in self.origins:
            if (pointer == prefix or pointer.startswith(prefix + "/")) and len(prefix) > len(best):
                best = prefix
        if not best:
            return self.root.location(pointer)
        file_name, base = self.origins[best]
        source = self.files[file_name]
        loc = source.location(base + pointer[len(best) :])
        return Location(loc.file, pointer, loc.line, loc.column)


def iter_refs(node: Any, pointer: str = ""):
    """Yield (pointer of the object holding `$ref`, ref string) for every `$ref` in a tree."""
    stack = [(pointer, node)]
    while stack:
        here, value = stack.pop()
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str):
                yield here, ref
            for key, child in value.items():
                if isinstance(child, dict | list):
                    stack.append((f"{here}/{escape(key)}", child))
        elif isinstance(value, list):
            for i, child in enumerate(value):
                if isinstance(child, dict | list):
                    stack.append((f"{here}/{i}", child))


def bundle(
    path: str | Path,
    *,
    allow_remote: bool = False,
    fetch: Callable[[str], bytes] | None = None,
    limits: ReadLimits | None = None,
) -> Bundle:
    limits = limits or current_read_limits()
    root = read_file(path, limits)
    return _Bundler(root, allow_remote, fetch, limits).run()


class _Bundler:
    def __init__(
        self, root: SourceFile, allow_remote: bool, fetch: Callable[[str], bytes] | None, limits: ReadLimits
    ) -> None:
        self.root = root
        self.allow_remote = allow_remote
        self.fetch = fetch or _http_fetch
        self.limits = limits
        self.tree = limits.root_for(root.name)  # local `$ref`s stay inside this directory
        self.files: dict[str, SourceFile] = {root.name: root}
        self.placed: dict[tuple[str, str], str] = {}  # (file, pointer) -> local ref in the bundle
        self.inlining: list[tuple[str, str]] = []
        self.origins: dict[str, tuple[str, str]] = {}
        self.names: set[tuple[str, str]] = set()
        self.hoisted: dict[str, dict[str, Any]] = {}  # container pointer -> name -> hoisted target
        self.document: Any = None

    def run(self) -> Bundle:
        if not isinstance(self.root.data, dict):
            raise ContractError("not a contract: the document is not a mapping", Location(self.root.name))
        local_refs = _local_refs(self.root.data)
        if local_refs is not None and all(_exists(self.root.data, ref) for ref in local_refs):
            # one self-contained file whose refs all resolve: nothing to copy or rewrite
            result = Bundle(self.root.data, self.root, self.files, self.origins)
            _refuse_local_cycles(result, local_refs)
            return result
        self.document = copy.copy(self.root.data)
        self.containers = _containers_for(self.root.data)
        deep_call(self._rewrite_root)  # `_rewrite` recurses once per level of a deep document
        result = Bundle(self.document, self.root, self.files, self.origins)
        _refuse_local_cycles(result, _local_refs(self.document) or set())
        return result

    # -- walking -----------------------------------------------------------------------------
    def _rewrite_root(self) -> None:
        for key in list(self.document):
            self.document[key] = self._rewrite(
                self.root.data[key], self.root.name, f"/{escape(key)}", f"/{escape(key)}"
            )
        # hoisted targets join their containers only now: the source's own mappings are never
        # changed, not even while they are being walked (a component that is itself a file `$ref`)
        for container, entries in self.hoisted.items():
            holder = self.document
            for token in split(container):
                child = holder.get(token)
                holder[token] = holder = dict(child) if isinstance(child, dict) else {}
            holder.update(entries)

    def _rewrite(self, node: Any, file: str, src_pointer: str, out_pointer: str) -> Any:
        """Copy `node` (from `file` at `src_pointer`) with every `$ref` made local to the bundle."""
        if isinstance(node, list):
            return [
                self._rewrite(v, file, f"{src_pointer}/{i}", f"{out_pointer}/{i}") for i, v in enumerate(node)
            ]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        result = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                continue
            result[key] = self._rewrite(
                value, file, f"{src_pointer}/{escape(key)}", f"{out_pointer}/{escape(key)}"
            )
        if not isinstance(ref, str):
            return result
        target_file, target_pointer = self._target(ref, file, src_pointer)
        if target_file == self.root.name:
            self._check_exists(target_file, target_pointer, ref, file, src_pointer)
            return {"$ref": "#" + target_pointer, **result}
        local = self._place(target_file, target_pointer, ref, file, src_pointer, out_pointer)
        if isinstance(local, str):
            return {"$ref": local, **result}
        # Inlined: siblings of $ref (summary, description) override the target's, as in OpenAPI 3.1.
        if isinstance(local, dict):
            return {**local, **result}
        return local

    def _target(self, ref: str, file: str, src_pointer: str) -> tuple[str, str]:
        address, _, fragment = ref.partition("#")
        if not address:
            return file, fragment
        if _is_url(address) or _is_url(file):
            target = urljoin(file, address) if _is_url(file) else address
            if not self.allow_remote:
                raise ContractError(
                    f"remote $ref {ref!r} refused (pass --allow-remote to fetch it)",
                    self._where(file, f"{src_pointer}/$ref"),
                )
        else:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(file), address))
            self._confine(address, target, ref, file, src_pointer)
        self._load(target, ref, file, src_pointer)
        return target, fragment

    def _confine(self, address: str, target: str, ref: str, file: str, src_pointer: str) -> None:
        """Refuse a file `$ref` that could read outside the contract's tree, before reading anything."""
        scheme = _SCHEME.match(address)
        if scheme:
            why = f"a {scheme[1]}: URL is never followed"
        elif posixpath.isabs(address) or os.path.isabs(address):
            why = "an absolute path is never followed"
        elif not _inside(os.path.realpath(target), self.tree):
            why = f"it leads outside {self.tree}"
        elif not target.lower().endswith(_CONTRACT_SUFFIXES):
            why = "a referenced file must be .yaml, .yml or .json"
        else:
            return
        raise ContractError(
            f"$ref {ref!r} refused: {why} (a $ref stays inside the contract's repository or directory; "
            "widen it with --ref-root or `reading: {ref-root: ...}` in accord.yaml)",
            self._where(file, f"{src_pointer}/$ref"),
        )

    def _load(self, target: str, ref: str, file: str, src_pointer: str) -> None:
        if target in self.files:
            return
        try:
            if _is_url(target):
                source = parse_bytes(target, self.fetch(target))
            else:
                source = read_file(target, self.limits)
        except ContractError as exc:
            where = self._where(file, f"{src_pointer}/$ref")
            raise ContractError(f"$ref {ref!r} cannot be followed: {exc}", where) from None
        if not isinstance(source.data, dict | list):
            raise ContractError(
                f"$ref {ref!r} cannot be followed: {target} holds no mapping or list",
                self._where(file, f"{src_pointer}/$ref"),
            )
        self.files[target] = source

    def _check_exists(self, target_file: str, pointer: str, ref: str, file: str, src_pointer: str) -> Any:
        data = self.files[target_file].data
        try:
            value = resolve_pointer(data, pointer)
            if value is MISSING and "%" in pointer:  # the URI-fragment form: percent-encoded tokens
                value = resolve_pointer(data, "#" + pointer)
        except ValueError:
            value = MISSING
        if value is MISSING:
            raise ContractError(f"$ref {ref!r} points to nothing", self._where(file, f"{src_pointer}/$ref"))
        return value

    def _place(self, target_file: str, pointer: str, ref: str, file: str, src_pointer: str, out_pointer: str):
        key = (target_file, pointer)
        if key in self.placed:
            return self.placed[key]
        value = self._check_exists(target_file, pointer, ref, file, src_pointer)
        container = self._hoist_container(pointer, src_pointer)
        if container is None:
            if key in self.inlining:
                chain = " -> ".join(_show(f, p) for f, p in [*self.inlining[self.inlining.index(key) :], key])
                raise ContractError(
                    f"$ref {ref!r} forms a cycle through non-schema objects ({self.root.name}: {chain})",
                    self._where(file, f"{src_pointer}/$ref"),
                )
            self.inlining.append(key)
            try:
                inlined = self._rewrite(value, target_file, pointer, out_pointer)
            finally:
                self.inlining.pop()
            self.origins[out_pointer] = (target_file, pointer)
            return inlined
        name = self._unique_name(container, _name_for(target_file, pointer))
        local_pointer = join(container, name)
        local_ref = "#" + local_pointer
        self.placed[key] = local_ref
        hoisted = self.hoisted.setdefault(container, {})
        hoisted[name] = None  # the name is taken before recursing; recursive refs find it in `placed`
        hoisted[name] = self._rewrite(value, target_file, pointer, local_pointer)
        self.origins[local_pointer] = (target_file, pointer)
        return local_ref

    def _hoist_container(self, pointer: str, src_pointer: str) -> str | None:
        found = _COMPONENT_PATH.match(pointer)
        if found:
            return self.containers.get(found[1], "/" + found[1])
        if _is_schema_position(src_pointer):
            return self.containers["schemas"]
        return None

    def _unique_name(self, container: str, name: str) -> str:
        holder = resolve_pointer(self.document, container)
        existing = set(holder) if isinstance(holder, dict) else set()
        candidate, n = name, 2
        while candidate in existing or (container, candidate) in self.names:
            candidate, n = f"{name}{n}", n + 1
        self.names.add((container, candidate))
        return candidate

    def _where(self, file: str, pointer: str) -> Location:
        return self.files[file].location(pointer) if file in self.files else Location(file, pointer)


def _local_refs(root: Any) -> set[str] | None:
    """The distinct `$ref`s of a document, or None as soon as one is not local ('#...')."""
    found: set[str] = set()
    stack: list[Any] = [root]
    push, pop = stack.append, stack.pop
    while stack:
        value = pop()
        if type(value) is dict:  # parsed JSON/YAML: plain dicts and lists only
            ref = value.get("$ref")
            if type(ref) is str:
                if not ref.startswith("#"):
                    return None
                found.add(ref)
            value = value.values()
        for child in value:
            kind = type(child)
            if kind is dict or kind is list:
                push(child)
    return found


# Tokens below which a node is (part of) a schema, where recursion through `$ref` is legal.
_SCHEMA_TOKENS = _SCHEMA_PARENTS | _SCHEMA_MAPS | _SCHEMA_LISTS | {"schemas"}
# Keys whose values are literal data (examples), never followed.
_DATA_KEYS = {"example", "value", "default", "const", "enum"}


def _refuse_local_cycles(result: Bundle, refs: set[str]) -> None:
    """Raise when local `$ref`s between non-schema objects (path items, responses...) form a cycle."""
    document = result.document
    targets = {ref[1:] for ref in refs if ref.startswith("#")}
    targets = {t for t in targets if not _SCHEMA_TOKENS.intersection(t.split("/"))}
    edges: dict[str, list[tuple[str, str]]] = {}

    def refs_inside(target: str) -> list[tuple[str, str]]:
        if target not in edges:
            found = []
            try:
                start = resolve_pointer(document, target)
            except ValueError:
                start = MISSING
            stack = [(target, start)]
            while stack:
                here, value = stack.pop()
                if isinstance(value, dict):
                    ref = value.get("$ref")
                    if isinstance(ref, str) and ref.startswith("#") and ref[1:] in targets:
                        found.append((here, ref))
                    children = ((escape(k), v) for k, v in value.items() if k not in _DATA_KEYS)
                elif isinstance(value, list):
                    children = ((str(i), v) for i, v in enumerate(value))
                else:
                    continue
                for token, child in children:
                    if isinstance(child, dict | list) and token not in _SCHEMA_TOKENS:
                        stack.append((f"{here}/{token}", child))
            edges[target] = found
        return edges[target]

    done: set[str] = set()
    for start in sorted(targets):
        path: list[str] = []
        on_path: set[str] = set()
        stack = [(start, iter(refs_inside(start)))]
        path.append(start)
        on_path.add(start)
        while stack:
            node, pending = stack[-1]
            step = next(pending, None)
            if step is None:
                stack.pop()
                path.pop()
                on_path.discard(node)
                done.add(node)
                continue
            site, ref = step
            target = ref[1:]
            if target in on_path:
                chain = " -> ".join(f"#{p}" for p in [*path[path.index(target) :], target])
                raise ContractError(
                    f"$ref {ref!r} forms a cycle through non-schema objects ({result.root.name}: {chain})",
                    result.location(f"{site}/$ref"),
                )
            if target not in done:
                stack.append((target, iter(refs_inside(target))))
                path.append(target)
                on_path.add(target)


def _exists(document: Any, ref: str) -> bool:
    try:
        return resolve_pointer(document, ref) is not MISSING
    except ValueError:
        return False


def _containers_for(root: dict) -> dict[str, str]:
    """Where hoisted components go: OpenAPI 2 keeps them at the top level, the others in components."""
    if "swagger" in root:
        return {
            "schemas": "/definitions",
            "components/schemas": "/definitions",
            "components/parameters": "/parameters",
            "components/responses": "/responses",
        }
    return {"schemas": "/components/schemas", "definitions": "/components/schemas"}


def _is_schema_position(pointer: str) -> bool:
    tokens = pointer.split("/")[1:]
    if not tokens:
        return False
    last = tokens[-1]
    if last in _SCHEMA_PARENTS:
        return not (last == "payload" and len(tokens) > 1 and tokens[-2] == "examples")
    if len(tokens) >= 2 and (tokens[-2] in _SCHEMA_MAPS or tokens[-2] in _SCHEMA_LISTS):
        return True
    return len(tokens) >= 3 and tokens[-3] == "components" and tokens[-2] == "schemas"


def _name_for(file: str, pointer: str) -> str:
    tokens = split(pointer) if pointer else []
    base = tokens[-1] if tokens else posixpath.basename(urlsplit(file).path).rsplit(".", 1)[0]
    return re.sub(r"[^A-Za-z0-9_.-]", "_", base) or "Schema"


def _show(file: str, pointer: str) -> str:
    return posixpath.basename(file) + (f"#{pointer}" if pointer else "")


def _inside(path: str, tree: Path) -> bool:
    return path == str(tree) or path.startswith(str(tree).rstrip(os.sep) + os.sep)


def _is_url(address: str) -> bool:
    return address.startswith(("http://", "https://"))


def _http_fetch(url: str) -> bytes:
    """GET a remote `$ref` target (only with --allow-remote), reading no more than the size cap."""
    import httpx

    cap = current_read_limits().max_bytes
    try:
        with httpx.stream("GET", url, timeout=20, follow_redirects=True) as response:
            response.raise_for_status()
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > cap:
                    raise ContractError(
                        f"larger than the {show_size(cap)} limit for a contract file", Location(url)
                    )
    except httpx.HTTPError as exc:
        raise ContractError(f"cannot fetch: {exc}", Location(url)) from None
    return bytes(body)
