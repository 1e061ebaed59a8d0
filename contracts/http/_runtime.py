"""`HttpRuntime`: a contract compiled for serving HTTP: route, check the request, check the response."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .._contract import Contract
from ._compiled import CompiledOperation, _Context
from ._router import Router, base_path

__all__ = ["HttpRuntime", "Route"]

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
        # templates that differ only in parameter names (/a/{id}, /a/{Id}) share one route
        by_shape: dict[str, dict[str, CompiledOperation]] = {}
        first_template: dict[str, str] = {}
        for operation in contract.operations:
            compiled = CompiledOperation(context, operation)
            self.operations.append(compiled)
            shape = _PARAM.sub("{}", operation.path.rstrip("/") or "/")
            first_template.setdefault(shape, operation.path)
            by_shape.setdefault(shape, {}).setdefault(operation.method.upper(), compiled)
        self._allowed: dict[str, tuple[str, ...]] = {}
        for shape, methods in by_shape.items():
            self._router.add(first_template[shape], methods, _enum_patterns(contract, methods))
            self._allowed[shape] = tuple(sorted(methods))
        self.warnings = context.warnings  # schemas that could not be compiled (not validated)

    def route(self, method: str, path: str) -> Route:
        """Match a request's method and raw path (no query string). HEAD falls back to GET."""
        found = self._router.match(path)
        if found is None:
            return Route(404)
        template, methods, params = found
        allowed = self._allowed[_PARAM.sub("{}", template.rstrip("/") or "/")]
        method = method.upper()
        operation = methods.get(method) or (methods.get("GET") if method == "HEAD" else None)
        if operation is None:
            return Route(405, None, template, params, allowed)
        if operation.operation.path != template:  # same shape, other parameter names
            values = [params.get(name, "") for name in _PARAM.findall(template)]
            params = dict(zip(_PARAM.findall(operation.operation.path), values, strict=False))
            template = operation.operation.path
        return Route(200, operation, template, params, allowed)


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
