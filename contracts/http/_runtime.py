"""`HttpRuntime`: a contract compiled for serving HTTP: route, check the request, check the response."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote

from .._contract import Contract
from ._compiled import CompiledOperation, _Context
from ._lifecycle import lifecycle_warnings
from ._router import Router, base_path

__all__ = ["HttpRuntime", "Route", "split_path_key"]

_PARAM = re.compile(r"\{([^{}]+)\}")


@dataclass(slots=True)
class Route:
    """Where a request lands: `status` is 200 (found), 404 (no such path) or 405 (method not allowed)."""

    status: int
    operation: CompiledOperation | None = None
    template: str | None = None
    path_params: dict[str, str] = field(default_factory=dict)
    allowed: tuple[str, ...] = ()  # the methods the path has, upper case (for Allow)


class HttpRuntime:
    """Compiled once from an OpenAPI contract; every method after construction only reads the request."""

    def __init__(self, contract: Contract) -> None:
        if contract.kind != "openapi":
            raise ValueError(f"{contract.path} is an AsyncAPI contract, not an HTTP one")
        self.contract = contract
        context = _Context(contract)
        bases = [base_path(s.url, s.variables) for s in contract.servers]
        bases += [base_path(s.url, s.variables) for op in contract.operations for s in op.servers]
        self.base_paths = sorted({b for b in bases if b and b != "/"})
        self._router: Router[dict[str, CompiledOperation]] = Router(self.base_paths)
        self.operations: list[CompiledOperation] = []
        # templates that differ only in parameter names (/a/{id}, /a/{Id}) share one route; a path key
        # with a query or fragment part (AWS: `/{Bucket}?acl`, `/#X-Amz-Target=Svc.Op`) is routed by its
        # path, and the part chooses between the operations that share the path and method
        by_shape: dict[str, dict[str, CompiledOperation]] = {}
        self._templated: dict[int, list[tuple[str, str]]] = {}
        first_template: dict[str, str] = {}
        self._variants: dict[
            tuple[str, str], list[tuple[tuple[tuple[str, str | None], ...], CompiledOperation]]
        ] = {}
        self._own_path: dict[int, str] = {}  # id(compiled operation) -> the path of its path key
        for operation in contract.operations:
            compiled = CompiledOperation(context, operation)
            self.operations.append(compiled)
            path, selectors = split_path_key(operation.path)
            self._own_path[id(compiled)] = path
            # `?lat={lat}`: the query value is the value of the parameter the template names
            templated = [(name, value[1:-1]) for name, value in selectors if value and value[:1] == "{"]
            if templated:
                self._templated[id(compiled)] = templated
            shape = _PARAM.sub("{}", path.rstrip("/") or "/")
            first_template.setdefault(shape, path)
            method = operation.method.upper()
            by_shape.setdefault(shape, {}).setdefault(method, compiled)
            self._variants.setdefault((shape, method), []).append((selectors, compiled))
        self._variants = {key: found for key, found in self._variants.items() if len(found) > 1}
        # routing needs the query string and headers (to choose, or to read `?lat={lat}` values)
        self.routes_by_request = bool(self._variants or self._templated)
        self._allowed: dict[str, tuple[str, ...]] = {}
        self._shape_of = {template: shape for shape, template in first_template.items()}  # routed templates
        for shape, methods in by_shape.items():
            self._router.add(first_template[shape], methods, _enum_patterns(contract, methods))
            self._allowed[shape] = tuple(sorted(methods))
        self.warnings = context.warnings  # schemas that could not be compiled (not validated)
        self.lifecycle_warnings = lifecycle_warnings(contract)  # dates that give no header, located
        self.unvalidated = context.unvalidated  # where each of those schemas is used (a JSON pointer)

    def route(
        self, method: str, path: str, query: str = "", headers: Mapping[str, str] | None = None
    ) -> Route:
        """Match a request's method and raw path (no query string). HEAD falls back to GET. The query
        string and the headers (lower-case names) choose between operations whose path keys differ
        only in a query or fragment part."""
        found = self._router.match(path)
        if found is None:
            return Route(404)
        template, methods, params = found
        shape = self._shape_of[template]
        allowed = self._allowed[shape]
        method = method.upper()
        if method == "HEAD" and method not in methods:
            method = "GET"
        operation = methods.get(method)
        if operation is None:
            return Route(405, None, template, params, allowed)
        variants = self._variants.get((shape, method))
        if variants:
            operation = _choose(variants, query, headers or {})
        own = self._own_path[id(operation)]
        if own != template:  # same shape, other parameter names
            values = [params.get(name, "") for name in _PARAM.findall(template)]
            params = dict(zip(_PARAM.findall(own), values, strict=False))
        templated = self._templated.get(id(operation))
        if templated:
            given = parse_qs(query, keep_blank_values=True)
            params = {**params, **{param: given[name][0] for name, param in templated if name in given}}
        return Route(200, operation, operation.operation.path, params, allowed)


def split_path_key(key: str) -> tuple[str, tuple[tuple[str, str | None], ...]]:
    """A path key's path and the `name` / `name=value` pairs of its query or fragment part. A part
    holding a `/` is path text (`/send/#env/v1/...`); a templated value (`?lat={lat}`) stays as
    written: any value matches it."""
    cut = min((i for i in (key.find("?"), key.find("#")) if i >= 0), default=-1)
    if cut < 0 or "/" in key[cut + 1 :]:
        return key, ()
    pairs = []
    for part in re.split(r"[&?#]", key[cut + 1 :]):
        if part:
            name, sep, value = part.partition("=")
            pairs.append((unquote(name), unquote(value) if sep else None))
    return key[:cut] or "/", tuple(pairs)


def _choose(variants: list, query: str, headers: Mapping[str, str]) -> CompiledOperation:
    """The operation whose key's pairs the request carries (in its query or headers), the one with most
    pairs first; else the one without pairs, else the first."""
    given = parse_qs(query, keep_blank_values=True)

    def carries(name: str, value: str | None) -> bool:
        sent = [*given.get(name, ()), *([headers[name.lower()]] if name.lower() in headers else [])]
        return bool(sent) and (value is None or value[:1] == "{" or value in sent)

    for selectors, compiled in sorted(variants, key=lambda v: -len(v[0])):
        if selectors and all(carries(name, value) for name, value in selectors):
            return compiled
    return next((compiled for selectors, compiled in variants if not selectors), variants[0][1])


def _enum_patterns(contract: Contract, methods: dict[str, CompiledOperation]) -> dict[str, str]:
    """Path parameters with a string enum match only their values (helps `{name}{extension}`)."""
    patterns: dict[str, str] = {}
    for compiled in methods.values():
        for param in compiled.operation.parameters:
            if param.location != "path" or param.name in patterns:
                continue
            try:
                schema, _ = contract.resolve(param.schema)
            except Exception:
                continue
            values = schema.get("enum") if isinstance(schema, dict) else None
            if isinstance(values, list) and values and all(isinstance(v, str) and v for v in values):
                patterns[param.name] = "|".join(re.escape(v) for v in sorted(values, key=len, reverse=True))
    return patterns
