"""Named aliases for inline schemas, so generated code can name every body and payload type."""

from __future__ import annotations

import copy
from typing import Any


def add_alias(schemas: dict[str, Any], name: str, schema: Any) -> str:
    """Add `schema` under a free name starting with `name` (datamodel-code-generator keeps it); return the name."""
    while name in schemas:
        name += "Model"
    if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        # keywords beside a $ref (OpenAPI 3.0 ignores them; `type: object` is the usual one) made
        # datamodel-code-generator drop the alias of a recursive schema: the alias is the reference
        schema = {"$ref": schema["$ref"]}
    schemas[name] = copy.deepcopy(schema)
    return name
