"""Path shapes: `/v1/orders/{id}/notes`-like templates inferred from observed request paths, in bounded memory.

A segment that looks like an identifier (an integer, a UUID, a hex or ULID-like token) is a
parameter at once. Other segments are kept as literals, grouped by method, segment count and first
segment; a position whose distinct literal values exceed `values_per_position` becomes a parameter
and its shapes merge. At most `max_shapes` shapes are kept; later new shapes count in one `other`
bucket per method.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["PARAM", "ShapeStats", "Shapes", "segment_kind", "stats_json", "template"]

PARAM = "{}"  # a parameter position inside a shape's segments

_INTEGER = re.compile(r"^-?[0-9]+$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$")
_HEX = re.compile(r"^(?=.*[0-9])(?=.*[a-fA-F])[0-9a-fA-F]{8,}$")
_ULID = re.compile(r"^[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26}$")
_TOKEN = re.compile(r"^(?=.*[0-9])(?=.*[A-Za-z])[A-Za-z0-9_-]{16,}$")  # long mixed letters and digits


def segment_kind(segment: str) -> str | None:
    """`integer`, `uuid` or `token` when the segment looks like an identifier, else None."""
    if "{" in segment or "}" in segment:
        return "token"  # would read as a template parameter
    if _INTEGER.match(segment):
        return "integer"
    if _UUID.match(segment):
        return "uuid"
    if _HEX.match(segment) or _ULID.match(segment) or _TOKEN.match(segment):
        return "token"
    return None


@dataclass(slots=True)
class ShapeStats:
    """What was seen of one shape: how often, when, from whom, and the kinds of its parameters."""

    count: int = 0
    first_seen: str = ""
    last_seen: str = ""
    clients: set[str] = field(default_factory=set)
    clients_truncated: bool = False
    statuses: dict[int, int] = field(default_factory=dict)
    kinds: dict[int, set[str]] = field(default_factory=dict)  # parameter position -> kinds seen

    def add(self, when: str, client: str | None, status: int, max_clients: int) -> None:
        self.count += 1
        if not self.first_seen or when < self.first_seen:
            self.first_seen = when
        if when > self.last_seen:
            self.last_seen = when
        if client:
            if client in self.clients or len(self.clients) < max_clients:
                self.clients.add(client)
            else:
                self.clients_truncated = True
        self.statuses[status] = self.statuses.get(status, 0) + 1

    def merge(self, other: ShapeStats, max_clients: int) -> None:
        self.count += other.count
        self.first_seen = min(filter(None, (self.first_seen, other.first_seen)), default="")
        self.last_seen = max(self.last_seen, other.last_seen)
        for client in sorted(other.clients):
            if client in self.clients or len(self.clients) < max_clients:
                self.clients.add(client)
            else:
                self.clients_truncated = True
        self.clients_truncated |= other.clients_truncated
        for status, n in other.statuses.items():
            self.statuses[status] = self.statuses.get(status, 0) + n
        for position, kinds in other.kinds.items():
            self.kinds.setdefault(position, set()).update(kinds)


@dataclass(slots=True)
class _Group:
    """The shapes sharing a method, a segment count and a first segment."""

    values: dict[int, set[str]] = field(default_factory=dict)  # position -> distinct literals (bounded)
    params: set[int] = field(default_factory=set)  # positions that became parameters by count
    shapes: dict[tuple[str, ...], ShapeStats] = field(default_factory=dict)


class Shapes:
    def __init__(self, *, max_shapes: int, values_per_position: int, max_clients: int) -> None:
        self.max_shapes = max_shapes
        self.values_per_position = values_per_position
        self.max_clients = max_clients
        self._groups: dict[tuple[str, int, str], _Group] = {}
        self._count = 0  # shapes held, across groups
        self.other: dict[str, ShapeStats] = {}  # method -> the traffic of shapes beyond the cap

    def add(self, method: str, path: str, when: str, client: str | None, status: int) -> None:
        """Count one observed request."""
        segments = [s for s in path.split("/") if s]
        kinds: dict[int, str | None] = {}
        for position, segment in enumerate(segments):
            kind = segment_kind(segment)
            if kind is not None:
                kinds[position] = kind
        stats = self._stats_for(method, segments, kinds)
        stats.add(when, client, status, self.max_clients)
        self._note_kinds(stats, kinds)

    def absorb(self, method: str, shape: tuple[str, ...], stats: ShapeStats) -> None:
        """Add a shape held by another `Shapes` (another worker's) with its stats; its literal positions
        count toward the same inference as observed paths do."""
        kinds: dict[int, str | None] = {i: None for i, s in enumerate(shape) if s == PARAM}
        into = self._stats_for(method, list(shape), kinds)
        into.merge(stats, self.max_clients)
        self._note_kinds(into, kinds)

    def absorb_other(self, method: str, stats: ShapeStats) -> None:
        self.other.setdefault(method, ShapeStats()).merge(stats, self.max_clients)

    @staticmethod
    def _note_kinds(stats: ShapeStats, kinds: dict[int, str | None]) -> None:
        for position, kind in kinds.items():
            if kind is not None:
                stats.kinds.setdefault(position, set()).add(kind)

    def _stats_for(self, method: str, segments: list[str], kinds: dict[int, str | None]) -> ShapeStats:
        """The stats of the shape these segments fall in (positions in `kinds` are parameters; those
        that become parameters by count are added as `string`), or the method's `other` bucket."""
        first = PARAM if 0 in kinds else (segments[0] if segments else "")
        group = self._groups.get((method, len(segments), first))
        if group is None:
            if self._count >= self.max_shapes:
                return self.other.setdefault(method, ShapeStats())
            group = self._groups[method, len(segments), first] = _Group()
        for position, segment in enumerate(segments):
            if position in kinds:
                continue
            if position in group.params:
                kinds[position] = "string"
                continue
            values = group.values.setdefault(position, set())
            values.add(segment)
            if len(values) > self.values_per_position:
                del group.values[position]
                group.params.add(position)
                kinds[position] = "string"
                self._collapse(group, position)
        shape = tuple(PARAM if i in kinds else s for i, s in enumerate(segments))
        stats = group.shapes.get(shape)
        if stats is None:
            if self._count >= self.max_shapes:
                return self.other.setdefault(method, ShapeStats())
            stats = group.shapes[shape] = ShapeStats()
            self._count += 1
        return stats

    def _collapse(self, group: _Group, position: int) -> None:
        """Merge the group's shapes that differ only in the literal at `position`."""
        merged: dict[tuple[str, ...], ShapeStats] = {}
        for shape, stats in group.shapes.items():
            if shape[position] != PARAM:
                stats.kinds.setdefault(position, set()).add("string")
                shape = (*shape[:position], PARAM, *shape[position + 1 :])
            into = merged.get(shape)
            if into is None:
                merged[shape] = stats
            else:
                into.merge(stats, self.max_clients)
        self._count -= len(group.shapes) - len(merged)
        group.shapes = merged

    def shapes(self) -> list[tuple[str, tuple[str, ...], ShapeStats]]:
        """(method, segments with PARAM for parameters, stats) for every shape held."""
        return [
            (method, shape, stats)
            for (method, _, _), group in self._groups.items()
            for shape, stats in group.shapes.items()
        ]


def _names(shape: tuple[str, ...]) -> dict[int, str]:
    """Parameter position -> name: `id`, or `id1`, `id2`... when there are several."""
    positions = [i for i, s in enumerate(shape) if s == PARAM]
    if len(positions) == 1:
        return {positions[0]: "id"}
    return {position: f"id{n}" for n, position in enumerate(positions, 1)}


def template(shape: tuple[str, ...]) -> str:
    """`/v1/orders/{id}/notes`."""
    names = _names(shape)
    return "/" + "/".join(f"{{{names[i]}}}" if i in names else s for i, s in enumerate(shape))


def stats_json(stats: ShapeStats, shape: tuple[str, ...]) -> dict[str, Any]:
    names = _names(shape)
    return {
        "count": stats.count,
        "first_seen": stats.first_seen,
        "last_seen": stats.last_seen,
        "clients": sorted(stats.clients),
        "clients_truncated": stats.clients_truncated,
        "statuses": {str(status): n for status, n in sorted(stats.statuses.items())},
        "parameter_kinds": {
            names[i]: sorted(kinds) for i, kinds in sorted(stats.kinds.items()) if i in names
        },
    }
