"""A short description of a contract: what `accord inspect` shows."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ._contract import Contract

__all__ = ["summarise"]


def summarise(contract: Contract) -> dict[str, Any]:
    summary: dict[str, Any] = {
        "file": contract.path,
        "kind": contract.kind,
        "version": contract.version,
        "format": contract.format,
        "title": contract.title,
        "api_version": contract.api_version,
        "files": sorted(contract.source.files),
        "servers": [{"name": s.name, "url": s.url, "protocol": s.protocol} for s in contract.servers],
        "schemas": len(contract.schemas),
    }
    if contract.kind == "openapi":
        methods = Counter(op.method.upper() for op in contract.operations)
        summary |= {
            "paths": len({op.path for op in contract.operations}),
            "operations_count": len(contract.operations),
            "methods": dict(sorted(methods.items())),
            "security_schemes": sorted(contract.security_schemes),
            "operations": [
                {
                    "method": op.method.upper(),
                    "path": op.path,
                    "operationId": op.operation_id,
                    "deprecated": op.deprecated,
                    "sunset": op.sunset and op.sunset.text,
                    "stability": op.stability and str(op.stability.raw),
                    "tags": op.tags,
                }
                for op in contract.operations
            ],
        }
    else:
        summary |= {
            "channels_count": len(contract.channels),
            "operations_count": len(contract.async_operations),
            "messages": len({m.pointer for c in contract.channels.values() for m in c.messages.values()}),
            "channels": [
                {"channel": c.key, "address": c.address, "messages": sorted(c.messages)}
                for c in contract.channels.values()
            ],
            "operations": [
                {
                    "operation": op.key,
                    "action": op.action,
                    "channel": op.channel,
                    "messages": [m.name for m in op.messages],
                }
                for op in contract.async_operations
            ],
        }
    return summary
