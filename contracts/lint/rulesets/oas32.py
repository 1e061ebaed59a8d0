"""accord:oas rules for what OpenAPI 3.2 added (Spectral has no 3.2 support): nested tags, the whole
query string, streamed item schemas, additional operations. They apply to 3.2 documents only."""

from __future__ import annotations

from .._rule import Rule
from ..checks import additional_operations, item_schema_media, querystring_params, tag_parents

OAS3_2 = frozenset({"oas3.2"})

RULES = [
    Rule(
        "oas3_2-tag-parent-defined",
        "A tag's parent must name a declared tag.",
        tag_parents.undefined,
        severity="error",
        formats=OAS3_2,
    ),
    Rule(
        "oas3_2-tag-parent-cycle",
        "Tag parents must not form a cycle.",
        tag_parents.cycles,
        severity="error",
        formats=OAS3_2,
    ),
    Rule(
        "oas3_2-querystring-exclusive",
        "A querystring parameter is the whole query string: no query parameters beside it, and only one.",
        querystring_params.check,
        severity="error",
        formats=OAS3_2,
    ),
    Rule(
        "oas3_2-item-schema-sequential",
        "itemSchema belongs on a sequential media type (text/event-stream, application/jsonl, ...).",
        item_schema_media.check,
        formats=OAS3_2,
    ),
    Rule(
        "oas3_2-additional-operations-custom",
        "additionalOperations must not hold a method that has a fixed field (GET, QUERY, ...).",
        additional_operations.check,
        severity="error",
        formats=OAS3_2,
    ),
]
