"""Running one rule over a small document, as the per-rule test tables do."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from contracts.lint import lint_file
from contracts.lint._config import LintConfig
from contracts.lint.rulesets import all_rules


def only(rule_id: str, settings: dict | None = None) -> LintConfig:
    """A config that enables exactly one rule (recommended or not)."""
    rules = all_rules()
    return LintConfig(rules=rules, enabled={rule_id: "on"}, settings=settings or {})


def pointers(
    tmp_path: Path, rule_id: str, document: dict[str, Any], settings: dict | None = None
) -> list[str]:
    path = tmp_path / "contract.json"
    path.write_text(json.dumps(document))
    return sorted(f.pointer for f in lint_file(path, only(rule_id, settings)).findings)


def merged(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """`base` with top-level members replaced (None removes one)."""
    doc = copy.deepcopy(base)
    for key, value in changes.items():
        if value is None:
            doc.pop(key, None)
        else:
            doc[key] = value
    return doc


OAS3 = {
    "openapi": "3.0.3",
    "info": {"title": "Shop", "version": "1.0.0", "description": "d", "contact": {"name": "n"}},
    "servers": [{"url": "https://api.shop.test/v1"}],
    "tags": [{"name": "orders", "description": "d"}],
    "paths": {
        "/orders/{id}": {
            "get": {
                "operationId": "getOrder",
                "description": "d",
                "tags": ["orders"],
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "ok"}},
            }
        }
    },
}
OAS2 = {
    "swagger": "2.0",
    "info": {"title": "Shop", "version": "1.0.0", "description": "d", "contact": {"name": "n"}},
    "host": "api.shop.test",
    "schemes": ["https"],
    "tags": [{"name": "orders"}],
    "paths": {
        "/orders": {
            "get": {
                "operationId": "listOrders",
                "description": "d",
                "tags": ["orders"],
                "responses": {"200": {"description": "ok"}},
            }
        }
    },
}


def operation(doc: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """OAS3 with the single GET operation changed."""
    doc = copy.deepcopy(doc)
    path = next(iter(doc["paths"]))
    op = doc["paths"][path]["get"]
    for key, value in changes.items():
        if value is None:
            op.pop(key, None)
        else:
            op[key] = value
    return doc
