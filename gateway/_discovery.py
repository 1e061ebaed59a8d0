"""Discovery: the traffic no contract describes (shadow endpoints), and how much of each contract real
traffic covers. One `Discovery` is fed by the running gateway or by the lines of its JSON access log
(`read_access_log`): the same inference for both. `snapshot()` is the JSON `/__accord/discovery` serves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson

from ._shapes import Shapes, ShapeStats, stats_json, template

__all__ = ["CatalogueEntry", "Discovery", "DiscoveryState", "catalogue_of", "read_access_log"]

OWN_PATHS = ("/-/", "/__accord/")  # the gateway's own endpoints: neither shadow nor contract traffic


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    """One contract served for one API version, with its operations: label -> (method, path, statuses)."""

    api: str
    version: str
    contract: str
    operations: dict[str, tuple[str, str, tuple[str, ...]]]


def catalogue_of(apis: Iterable[tuple[str, str, Iterable[Any]]]) -> list[CatalogueEntry]:
    """The entries for (api name, version name, loaded contracts); labels as the gateway names routes."""
    entries = []
    for api, version, contracts in apis:
        for contract in contracts:
            operations = {
                (op.operation_id or op.key): (op.method.upper(), op.path, tuple(op.responses))
                for op in contract.operations
            }
            entries.append(CatalogueEntry(api, version, str(contract.path), operations))
    return entries


def _documented(status: int, documented: tuple[str, ...]) -> str | None:
    """The response key of `documented` that covers `status` (exact, then `4XX`-like, then default)."""
    text = str(status)
    for key in (text, f"{text[0]}XX"):
        if key in (d.upper() for d in documented):
            return key
    return "default" if "default" in documented else None


@dataclass(frozen=True, slots=True)
class DiscoveryState:
    """A `Discovery`'s counts: shadow shapes, the shapes beyond the cap, operations by status."""

    shapes: list[tuple[str, tuple[str, ...], ShapeStats]]
    other: dict[str, ShapeStats]
    exercised: dict[tuple[str, str, str], dict[int, int]]


class Discovery:
    def __init__(
        self, *, max_shapes: int = 1000, values_per_position: int = 10, max_clients: int = 20
    ) -> None:
        self.shapes = Shapes(
            max_shapes=max_shapes, values_per_position=values_per_position, max_clients=max_clients
        )
        self.catalogue: list[CatalogueEntry] = []
        # (api, version, operation label) -> status -> count; bounded by the contracts' operations
        self.exercised: dict[tuple[str, str, str], dict[int, int]] = {}
        self.recorded = 0  # requests counted so far (a worker writes its state out when this moves)

    def record(
        self,
        *,
        method: str,
        path: str,
        when: str | None,
        client: str | None,
        status: int,
        api: str | None = None,
        version: str | None = None,
        operation: str | None = None,
    ) -> None:
        """Count one answered request: an operation of a contract, or a shadow one (`when` None: now)."""
        if path.startswith(OWN_PATHS):
            return
        self.recorded += 1
        if operation is not None and api is not None and version is not None:
            statuses = self.exercised.setdefault((api, version, operation), {})
            statuses[status] = statuses.get(status, 0) + 1
            return
        if when is None:
            when = datetime.now(UTC).isoformat(timespec="milliseconds")
        self.shapes.add(method, path, when, client, status)

    def state(self) -> DiscoveryState:
        """What was counted, as plain data another process can absorb."""
        return DiscoveryState(self.shapes.shapes(), dict(self.shapes.other), self.exercised)

    def absorb(self, state: DiscoveryState) -> None:
        """Add another worker's counts; its shadow paths join the same template inference."""
        for method, shape, stats in state.shapes:
            self.shapes.absorb(method, shape, stats)
        for method, stats in state.other.items():
            self.shapes.absorb_other(method, stats)
        for key, statuses in state.exercised.items():
            into = self.exercised.setdefault(key, {})
            for status, count in statuses.items():
                into[status] = into.get(status, 0) + count

    def snapshot(self) -> dict[str, Any]:
        shadow = [
            {"method": method, "template": template(shape), **stats_json(stats, shape)}
            for method, shape, stats in self.shapes.shapes()
        ]
        shadow.sort(key=lambda s: (-s["count"], s["template"], s["method"]))
        other = [{"method": m, **stats_json(s, ())} for m, s in sorted(self.shapes.other.items())]
        return {"shadow": shadow, "shadow_other": other, "coverage": self._coverage()}

    def _coverage(self) -> list[dict[str, Any]]:
        contracts = []
        for entry in self.catalogue:
            operations = []
            for label, (method, path, documented) in entry.operations.items():
                seen = self.exercised.get((entry.api, entry.version, label), {})
                covered = {_documented(status, documented) for status in seen} - {None}
                operations.append(
                    {
                        "operation": label,
                        "method": method,
                        "path": path,
                        "requests": sum(seen.values()),
                        "statuses_seen": {str(s): n for s, n in sorted(seen.items())},
                        "statuses_documented": list(documented),
                        "documented_exercised": [
                            d for d in documented if d.upper() in covered or d in covered
                        ],
                        "undocumented_seen": [
                            str(s) for s in sorted(seen) if _documented(s, documented) is None
                        ],
                    }
                )
            exercised = sum(1 for op in operations if op["requests"])
            contracts.append(
                {
                    "api": entry.api,
                    "version": entry.version,
                    "contract": entry.contract,
                    "operations_seen": exercised,
                    "operations_total": len(operations),
                    "coverage": round(exercised / len(operations), 4) if operations else 0.0,
                    "operations": operations,
                }
            )
        return contracts


def read_access_log(lines: Iterable[str], discovery: Discovery) -> int:
    """Feed the gateway's JSON access-log lines to `discovery`; returns how many lines were requests.
    Lines that are not access-log JSON objects (other log output) are skipped."""
    read = 0
    for line in lines:
        start = line.find("{")
        if start < 0:
            continue
        try:
            entry = orjson.loads(line[start:])
        except orjson.JSONDecodeError:
            continue
        if not isinstance(entry, dict) or not {"method", "path", "status", "time"} <= entry.keys():
            continue
        if entry.get("cors") == "preflight":
            continue
        read += 1
        discovery.record(
            method=str(entry["method"]),
            path=str(entry["path"]),
            when=str(entry["time"]),
            client=entry.get("subject") or entry.get("client"),
            status=int(entry["status"]),
            api=entry.get("api"),
            version=entry.get("version"),
            operation=entry.get("operation"),
        )
    return read
