"""Running one rule over a small document, as the per-rule test tables do."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from accord.contracts.lint import lint_file
from accord.contracts.lint._config import LintConfig
from accord.contracts.lint.rulesets import all_rules


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


AAS2 = {
    "asyncapi": "2.6.0",
    "info": {
        "title": "Orders",
        "version": "1.0.0",
        "description": "d",
        "contact": {"name": "n"},
        "license": {"name": "MIT"},
    },
    "servers": {"prod": {"url": "nats://bus.shop.test:4222", "protocol": "nats"}},
    "tags": [{"name": "orders"}],
    "channels": {
        "orders/{orderId}": {
            "parameters": {"orderId": {"schema": {"type": "string"}}},
            "subscribe": {
                "operationId": "orderPlaced",
                "description": "d",
                "message": {"payload": {"type": "object", "properties": {"id": {"type": "integer"}}}},
            },
        }
    },
}
AAS3 = {
    "asyncapi": "3.0.0",
    "info": {
        "title": "Orders",
        "version": "1.0.0",
        "description": "d",
        "contact": {"name": "n"},
        "license": {"name": "MIT"},
        "tags": [{"name": "orders"}],
    },
    "servers": {"prod": {"host": "bus.shop.test:4222", "protocol": "nats"}},
    "channels": {
        "placed": {
            "address": "orders.{orderId}",
            "parameters": {"orderId": {}},
            "messages": {
                "placed": {"payload": {"type": "object", "properties": {"id": {"type": "integer"}}}}
            },
        }
    },
    "operations": {
        "sendPlaced": {
            "action": "send",
            "description": "d",
            "channel": {"$ref": "#/channels/placed"},
            "messages": [{"$ref": "#/channels/placed/messages/placed"}],
        }
    },
}


def changed(doc: dict[str, Any], pointer: str, value: Any) -> dict[str, Any]:
    """A copy of `doc` with the member at `pointer` set (or removed when value is None)."""
    doc = copy.deepcopy(doc)
    *parents, last = [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]
    node = doc
    for token in parents:
        node = node[int(token)] if isinstance(node, list) else node.setdefault(token, {})
    if value is None:
        node.pop(last, None)
    elif isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return doc
