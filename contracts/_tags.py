"""OpenAPI 3.2 nested tags: following `parent` links, and the cycles they can form."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

__all__ = ["parent_cycles"]


def parent_cycles(parents: Mapping[Any, Any]) -> Iterator[tuple[Any, list[Any]]]:
    """(tag the walk started from, the loop: names from the first repeated one back to it) for each
    distinct loop met walking up from every tag in order; `parents` maps a tag name to its parent
    name (None for a root tag). A parent that names no tag ends the walk."""
    reported: set[tuple[Any, ...]] = set()
    for start in parents:
        trail = [start]
        parent = parents[start]
        while parent is not None and parent in parents and parent not in trail:
            trail.append(parent)
            parent = parents[parent]
        if parent is not None and parent in trail:
            loop = [*trail[trail.index(parent) :], parent]
            if tuple(loop) not in reported:
                reported.add(tuple(loop))
                yield start, loop
