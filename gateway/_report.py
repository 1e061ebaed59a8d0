"""Rendering a discovery snapshot (the JSON of `/__accord/discovery`): a text report, and an OpenAPI
fragment describing the shadow endpoints so a team can adopt them into its contract."""

from __future__ import annotations

import re
from typing import Any

__all__ = ["openapi_fragment", "render_text"]

_PARAM = re.compile(r"\{([^}]+)\}")
_SCHEMAS = {"integer": {"type": "integer"}, "uuid": {"type": "string", "format": "uuid"}}


def _requests(count: int) -> str:
    return f"{count} request" if count == 1 else f"{count} requests"


def render_text(snapshot: dict[str, Any]) -> str:
    lines = []
    shadow = snapshot["shadow"]
    other = snapshot.get("shadow_other", [])
    lines.append(f"Shadow endpoints (traffic no contract describes): {len(shadow)}")
    for item in shadow:
        statuses = ", ".join(f"{s}x{n}" for s, n in item["statuses"].items())
        clients = ", ".join(item["clients"]) + (", ..." if item["clients_truncated"] else "")
        lines.append(f"  {item['method']:<7} {item['template']}  {_requests(item['count'])} ({statuses})")
        lines.append(
            f"          first {item['first_seen']}  last {item['last_seen']}  clients: {clients or '-'}"
        )
    for item in other:
        lines.append(f"  {item['method']:<7} (other shapes beyond the cap)  {_requests(item['count'])}")
    for contract in snapshot["coverage"]:
        lines.append("")
        lines.append(
            f"Coverage of {contract['api']} {contract['version']} ({contract['contract']}): "
            f"{contract['operations_seen']}/{contract['operations_total']} operations"
        )
        for op in contract["operations"]:
            mark = "x" if op["requests"] else " "
            exercised = ", ".join(op["documented_exercised"]) or "-"
            documented = ", ".join(op["statuses_documented"]) or "-"
            line = f"  [{mark}] {op['operation']} ({op['method']} {op['path']}): statuses {exercised} of {documented}"
            if op["undocumented_seen"]:
                line += f"; undocumented seen: {', '.join(op['undocumented_seen'])}"
            lines.append(line)
    return "\n".join(lines) + "\n"


def _operation_id(method: str, template: str) -> str:
    words = re.sub(r"[^A-Za-z0-9]+", "_", template).strip("_") or "root"
    return f"shadow_{method.lower()}_{words}"


def _schema(kinds: list[str]) -> dict[str, Any]:
    if len(set(kinds)) == 1 and kinds[0] in _SCHEMAS:
        return dict(_SCHEMAS[kinds[0]])
    return {"type": "string"}


def openapi_fragment(snapshot: dict[str, Any], title: str = "Shadow endpoints") -> dict[str, Any]:
    """An OpenAPI 3.1 document with one operation per shadow shape; its responses are the statuses seen."""
    paths: dict[str, dict[str, Any]] = {}
    for item in snapshot["shadow"]:
        template = item["template"]
        names = _PARAM.findall(template)
        kinds = item.get("parameter_kinds", {})
        operation: dict[str, Any] = {
            "operationId": _operation_id(item["method"], template),
            "summary": f"Seen by the gateway: {item['count']} requests, no contract describes it",
            "x-accord-discovery": {
                "count": item["count"],
                "first_seen": item["first_seen"],
                "last_seen": item["last_seen"],
            },
            "responses": {
                status: {"description": f"Answered {n} times"} for status, n in item["statuses"].items()
            },
        }
        if names:
            operation["parameters"] = [
                {"name": name, "in": "path", "required": True, "schema": _schema(kinds.get(name, []))}
                for name in names
            ]
        paths.setdefault(template, {})[item["method"].lower()] = operation
    return {
        "openapi": "3.1.0",
        "info": {
            "title": title,
            "version": "0.0.0",
            "description": "Endpoints real traffic used that no contract describes, as `accord gateway "
            "report` inferred them. Review, name the parameters, describe the bodies, then adopt.",
        },
        "paths": dict(sorted(paths.items())),
    }
