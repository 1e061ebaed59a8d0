"""OpenAPI operations: matching endpoints, then parameters, request bodies and responses."""

from __future__ import annotations

import re
from datetime import date

from accord.contracts import MediaType, Operation, Parameter, Response, escape_pointer

from ._change import Collector
from ._lifecycle import compare_lifecycle, compare_sunset, removal, removed, unstable
from ._oas32 import compare_item_schema_presence
from ._schema import SchemaDiff

__all__ = ["compare_operations"]

_TEMPLATE = re.compile(r"\{[^}/]*\}")


def _shape(path: str) -> str:
    """/orders/{id} and /orders/{orderId} are the same endpoint."""
    return _TEMPLATE.sub("{}", path)


def compare_operations(out: Collector, schemas: SchemaDiff, today: date) -> list[tuple[Operation, Operation]]:
    """Compare every endpoint; returns the (base, revision) pairs of stable endpoints kept."""
    base_ops = {(op.method, _shape(op.path)): op for op in out.base.operations}
    revision_ops = {(op.method, _shape(op.path)): op for op in out.revision.operations}
    base_paths = {shape for _, shape in base_ops}
    revision_paths = {_shape(op.path): op.path for op in out.revision.operations}
    kept: list[tuple[Operation, Operation]] = []
    for key, b in base_ops.items():
        r = revision_ops.get(key)
        if r is None:
            path = revision_paths.get(key[1])
            pointer = f"/paths/{escape_pointer(path)}" if path else "/paths"
            removed(out, b, path_kept=path is not None, revision_pointer=pointer, today=today)
            continue
        compare_lifecycle(out, b, r)
        if not unstable(b):
            _compare_operation(out, schemas, b, r, today)
            kept.append((b, r))
    for key, r in revision_ops.items():
        if key not in base_ops:
            rule_id = "endpoint-added" if key[1] in base_paths else "path-added"
            out.add(
                rule_id,
                "operation added" if key[1] in base_paths else "path added",
                operation=r.key,
                base="/paths",
                revision=r.pointer,
            )
    return kept


def _compare_operation(out: Collector, schemas: SchemaDiff, b: Operation, r: Operation, today: date) -> None:
    where = {"operation": r.key, "base": b.pointer, "revision": r.pointer}
    if b.operation_id != r.operation_id:
        if b.operation_id is None:
            out.add("operation-id-added", f"operationId {r.operation_id!r} added", **where)
        elif r.operation_id is None:
            out.add("operation-id-removed", f"operationId {b.operation_id!r} removed", **where)
        else:
            out.add(
                "operation-id-changed",
                f"operationId changed from {b.operation_id!r} to {r.operation_id!r}",
                **where,
            )
    for tag in dict.fromkeys(r.tags):
        if tag not in b.tags:
            out.add("tag-added", f"tag {tag!r} added", **where)
    for tag in dict.fromkeys(b.tags):
        if tag not in r.tags:
            out.add("tag-removed", f"tag {tag!r} removed", **where)
    _parameters(out, schemas, b, r, today)
    _request_body(out, schemas, b, r)
    _responses(out, schemas, b, r)


# -- parameters ---------------------------------------------------------------------------------
def _parameter_keys(op: Operation) -> dict[tuple[str, str], Parameter]:
    """Path parameters are keyed by their place in the template, so a rename is not a removal."""
    order = {name: str(i) for i, name in enumerate(m.group()[1:-1] for m in _TEMPLATE.finditer(op.path))}
    keyed = {}
    for p in op.parameters:
        if p.location == "path":
            key = ("path", order.get(p.name, p.name))
        else:  # the whole query string (OpenAPI 3.2) has no name on the wire
            key = ("querystring", "") if p.location == "querystring" else p.key
        keyed[key] = p
    return keyed


_DEFAULT_STYLE = {"query": "form", "cookie": "form", "path": "simple", "header": "simple"}


def _style(p: Parameter) -> tuple[str, bool]:
    style = p.style or _DEFAULT_STYLE.get(p.location, "simple")
    return style, p.explode if p.explode is not None else style == "form"


def _parameter_removal(p: Parameter, today: date) -> tuple[str, str, str]:
    """Removing a parameter is fine once it was deprecated and its x-sunset (if any) has passed:
    (id, why, where in the base)."""
    kind = removal(p.deprecated, p.sunset, today)
    if kind == "without-deprecation":
        return "request-parameter-removed", " without being deprecated first", p.pointer
    if kind == "sunset-invalid" and p.sunset is not None:
        return "request-parameter-sunset-invalid", f", but {p.sunset.problem}", p.sunset.pointer
    if kind == "before-sunset" and p.sunset is not None:
        return (
            "request-parameter-removed-before-sunset",
            f" before its sunset date {p.sunset.text}",
            p.pointer,
        )
    return "request-parameter-removed-with-deprecation", " after deprecation", p.pointer


def _parameters(out: Collector, schemas: SchemaDiff, b: Operation, r: Operation, today: date) -> None:
    base_params, revision_params = _parameter_keys(b), _parameter_keys(r)
    for key, bp in base_params.items():
        rp = revision_params.get(key)
        subject = f"{bp.location} parameter '{bp.name}'"
        if rp is None:
            rule_id, why, at = _parameter_removal(bp, today)
            out.add(rule_id, f"{subject} removed{why}", operation=r.key, base=at, revision=r.pointer)
            continue
        where = {"operation": r.key, "base": bp.pointer, "revision": rp.pointer}
        if bp.name != rp.name:
            out.add(
                "request-path-parameter-renamed",
                f"path parameter '{bp.name}' renamed to '{rp.name}'",
                **where,
            )
        if rp.required and not bp.required:
            out.add("request-parameter-became-required", f"{subject} became required", **where)
        elif bp.required and not rp.required:
            out.add("request-parameter-became-optional", f"{subject} became optional", **where)
        if rp.deprecated != bp.deprecated:
            rule_id = "request-parameter-deprecated" if rp.deprecated else "request-parameter-reactivated"
            out.add(
                rule_id, f"{subject} {'deprecated' if rp.deprecated else 'no longer deprecated'}", **where
            )
        compare_sunset(out, bp, rp, where, "request-parameter", f"{subject}: ")
        (bs, be), (rs, re_) = _style(bp), _style(rp)
        if bs != rs:
            out.add("request-parameter-style-changed", f"{subject} style changed from {bs} to {rs}", **where)
        elif be != re_:
            out.add(
                "request-parameter-explode-changed", f"{subject} explode changed from {be} to {re_}", **where
            )
        bschema, bptr = _parameter_schema(bp)
        rschema, rptr = _parameter_schema(rp)
        if bp.content and rp.content and set(bp.content) != set(rp.content):
            out.add(
                "request-parameter-media-type-changed",
                f"{subject} media type changed from {', '.join(bp.content)} to {', '.join(rp.content)}",
                **where,
            )
        elif bschema is not None or rschema is not None:
            found = schemas.compare(bschema or {}, bptr, rschema or {}, rptr, "request")
            out.schema("request-parameter", subject, found, operation=r.key)
    for key, rp in revision_params.items():
        if key not in base_params:
            rule_id = (
                "request-parameter-added-required" if rp.required else "request-parameter-added-optional"
            )
            kind = "required" if rp.required else "optional"
            out.add(
                rule_id,
                f"{kind} {rp.location} parameter '{rp.name}' added",
                operation=r.key,
                base=b.pointer,
                revision=rp.pointer,
            )


def _parameter_schema(p: Parameter) -> tuple[object, str]:
    if p.schema is not None:
        return p.schema, f"{p.pointer}/schema"
    for media in p.content.values():
        return media.schema, f"{media.pointer}/schema"
    return None, p.pointer


# -- request bodies -----------------------------------------------------------------------------
def _request_body(out: Collector, schemas: SchemaDiff, b: Operation, r: Operation) -> None:
    bb, rb = b.request_body, r.request_body
    if bb is None and rb is None:
        return
    if bb is None:
        rule_id = "request-body-added-required" if rb.required else "request-body-added-optional"
        out.add(
            rule_id,
            f"{'required' if rb.required else 'optional'} request body added",
            operation=r.key,
            base=b.pointer,
            revision=rb.pointer,
        )
        return
    if rb is None:
        out.add(
            "request-body-removed",
            "request body removed",
            operation=r.key,
            base=bb.pointer,
            revision=r.pointer,
        )
        return
    where = {"operation": r.key, "base": bb.pointer, "revision": rb.pointer}
    if rb.required and not bb.required:
        out.add("request-body-became-required", "request body became required", **where)
    elif bb.required and not rb.required:
        out.add("request-body-became-optional", "request body became optional", **where)
    _media_types(out, schemas, bb.content, rb.content, "request", "request body", where)


def _media_types(
    out: Collector,
    schemas: SchemaDiff,
    base: dict[str, MediaType],
    revision: dict[str, MediaType],
    direction: str,
    subject: str,
    where: dict,
) -> None:
    prefix = "request-body" if direction == "request" else "response"
    for name, bm in base.items():
        rm = revision.get(name)
        if rm is None:
            out.add(
                f"{prefix}-media-type-removed",
                f"{subject} media type {name} removed",
                **{**where, "base": bm.pointer},
            )
        else:
            if bm.schema is not None or rm.schema is not None:
                found = schemas.compare(
                    bm.schema or {},
                    f"{bm.pointer}/schema",
                    rm.schema or {},
                    f"{rm.pointer}/schema",
                    direction,
                )
                out.schema(f"{direction}-body", f"{subject} {name}", found, operation=where["operation"])
            if bm.item_schema is not None and rm.item_schema is not None:  # OpenAPI 3.2 streamed items
                found = schemas.compare(
                    bm.item_schema,
                    f"{bm.pointer}/itemSchema",
                    rm.item_schema,
                    f"{rm.pointer}/itemSchema",
                    direction,
                )
                out.schema(f"{direction}-body", f"{subject} {name} item", found, operation=where["operation"])
            compare_item_schema_presence(out, prefix, subject, bm, rm, where)
    for name, rm in revision.items():
        if name not in base:
            out.add(
                f"{prefix}-media-type-added",
                f"{subject} media type {name} added",
                **{**where, "revision": rm.pointer},
            )


# -- responses ----------------------------------------------------------------------------------
def _success(status: str) -> bool:
    return status[:1] in ("1", "2", "3")


def _responses(out: Collector, schemas: SchemaDiff, b: Operation, r: Operation) -> None:
    for status, bresp in b.responses.items():
        rresp = r.responses.get(status)
        kind = "success" if _success(status) else "non-success"
        if rresp is None:
            out.add(
                f"response-{kind}-status-removed",
                f"response {status} removed",
                operation=r.key,
                base=bresp.pointer,
                revision=r.pointer,
            )
            continue
        where = {"operation": r.key, "base": bresp.pointer, "revision": rresp.pointer}
        _media_types(out, schemas, bresp.content, rresp.content, "response", f"response {status}", where)
        _headers(out, schemas, status, bresp, rresp, where)
    for status, rresp in r.responses.items():
        if status not in b.responses:
            kind = "success" if _success(status) else "non-success"
            out.add(
                f"response-{kind}-status-added",
                f"response {status} added",
                operation=r.key,
                base=b.pointer,
                revision=rresp.pointer,
            )


def _headers(out: Collector, schemas: SchemaDiff, status: str, b: Response, r: Response, where: dict) -> None:
    base_headers = {name.lower(): h for name, h in b.headers.items()}
    revision_headers = {name.lower(): h for name, h in r.headers.items()}
    for key, bh in base_headers.items():
        rh = revision_headers.get(key)
        subject = f"response {status} header '{bh.name}'"
        if rh is None:
            rule_id = (
                "response-required-header-removed" if bh.required else "response-optional-header-removed"
            )
            out.add(rule_id, f"{subject} removed", **{**where, "base": bh.pointer})
            continue
        here = {**where, "base": bh.pointer, "revision": rh.pointer}
        if bh.required and not rh.required:
            out.add("response-header-became-optional", f"{subject} became optional", **here)
        elif rh.required and not bh.required:
            out.add("response-header-became-required", f"{subject} became required", **here)
        if bh.schema is not None or rh.schema is not None:
            found = schemas.compare(
                bh.schema or {}, f"{bh.pointer}/schema", rh.schema or {}, f"{rh.pointer}/schema", "response"
            )
            out.schema("response-header", subject, found, operation=where["operation"])
    for key, rh in revision_headers.items():
        if key not in base_headers:
            out.add(
                "response-header-added",
                f"response {status} header '{rh.name}' added",
                **{**where, "revision": rh.pointer},
            )
