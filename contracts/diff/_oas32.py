"""Changes to what OpenAPI 3.2 added: streamed item schemas, tag `parent`/`kind`, `$self`, OAuth2
flows (the device flow among them) and `deprecated` security schemes.

QUERY and `additionalOperations` operations are endpoints like any other (`endpoint-added`, ...); an
`in: querystring` parameter is a request parameter (its schema is its content's); changes to an
`itemSchema` are schema changes of the body, reported with the ids of the body's schema checks.
The ids below are the ones the new fields need of their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # _change reads the registry, which lists these ids
    from accord.contracts import MediaType, SecurityScheme

    from ._change import Collector

__all__ = [
    "OAS32_RULES",
    "compare_item_schema_presence",
    "compare_oas32_document",
    "compare_scheme_lifecycle",
]

OAS32_RULES = (
    ("request-body-item-schema-added", "INFO", "request", "request-body", "A request media type now describes its items (itemSchema, OpenAPI 3.2)"),
    ("request-body-item-schema-removed", "WARN", "request", "request-body", "A request media type no longer describes its items (itemSchema removed)"),
    ("response-item-schema-added", "INFO", "response", "responses", "A streamed response now describes its items (itemSchema, OpenAPI 3.2)"),
    ("response-item-schema-removed", "WARN", "response", "responses", "A streamed response no longer describes its items (clients lose their type)"),
    ("tag-parent-changed", "INFO", "none", "tags", "A tag's parent (OpenAPI 3.2 nested tags) was set, changed or removed"),
    ("tag-kind-changed", "INFO", "none", "tags", "A tag's kind (OpenAPI 3.2: nav, badge, audience, ...) changed"),
    ("document-self-changed", "WARN", "none", "info", "$self changed: the document's URI, the base of its relative references"),
    ("security-scheme-oauth-flow-added", "INFO", "none", "security", "An OAuth2 flow was added (e.g. the 3.2 device authorization flow)"),
    ("security-scheme-oauth-flow-removed", "ERR", "none", "security", "An OAuth2 flow was removed: clients using it get no token"),
    ("security-scheme-deprecated", "WARN", "none", "security", "A security scheme was deprecated (OpenAPI 3.2): clients must move to another"),
    ("security-scheme-reactivated", "INFO", "none", "security", "A security scheme is no longer deprecated"),
)  # fmt: skip


def compare_item_schema_presence(
    out: Collector, prefix: str, subject: str, bm: MediaType, rm: MediaType, where: dict
) -> None:
    """`itemSchema` appearing on, or leaving, a media type both versions have."""
    if (bm.item_schema is None) == (rm.item_schema is None):
        return
    added = rm.item_schema is not None
    out.add(
        f"{prefix}-item-schema-{'added' if added else 'removed'}",
        f"{subject} {bm.media_type} itemSchema {'added' if added else 'removed'}",
        **{**where, "base": bm.pointer, "revision": rm.pointer},
    )


def compare_scheme_lifecycle(
    out: Collector, subject: str, b: SecurityScheme, r: SecurityScheme, where: dict
) -> None:
    """`deprecated` on a security scheme, and OAuth2 flows added or removed."""
    if b.deprecated != r.deprecated:
        rule_id = "security-scheme-deprecated" if r.deprecated else "security-scheme-reactivated"
        out.add(rule_id, f"{subject} {'deprecated' if r.deprecated else 'no longer deprecated'}", **where)
    for flow in b.flows.keys() - r.flows.keys():
        out.add("security-scheme-oauth-flow-removed", f"{subject} flow {flow} removed", **where)
    for flow in r.flows.keys() - b.flows.keys():
        out.add("security-scheme-oauth-flow-added", f"{subject} flow {flow} added", **where)


def compare_oas32_document(out: Collector) -> None:
    """`$self`, and the parent and kind of each root tag both versions have."""
    if out.base.self_uri != out.revision.self_uri:
        shown = " to ".join(
            repr(uri) if uri else "(none)" for uri in (out.base.self_uri, out.revision.self_uri)
        )
        where = {
            "base": "/$self" if out.base.self_uri else None,
            "revision": "/$self" if out.revision.self_uri else None,
        }
        out.add("document-self-changed", f"$self changed from {shown}", **where)
    base_tags = {tag.name: tag for tag in out.base.tags}
    for r in out.revision.tags:
        b = base_tags.get(r.name)
        if b is None:
            continue
        where = {"base": b.pointer, "revision": r.pointer}
        if b.parent != r.parent:
            out.add(
                "tag-parent-changed",
                f"tag '{r.name}' parent changed from {b.parent!r} to {r.parent!r}",
                **where,
            )
        if b.kind != r.kind:
            out.add("tag-kind-changed", f"tag '{r.name}' kind changed from {b.kind!r} to {r.kind!r}", **where)
