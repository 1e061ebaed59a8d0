"""The network of who consumes whom, laid out for an SVG drawn on the server: consumers to the left
of their providers (columns by longest path), each column's services one under another."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Edge", "Graph", "Node", "layout"]

NODE_WIDTH, NODE_HEIGHT = 190, 34
COLUMN_GAP, ROW_GAP, MARGIN = 270, 54, 16
LABEL_LIMIT = 24


@dataclass(frozen=True)
class Node:
    name: str
    label: str  # the name, shortened to fit its box (the full name is the node's tooltip)
    x: int
    y: int


@dataclass(frozen=True)
class Edge:
    consumer: str
    provider: str
    path: str  # SVG path data, from the consumer's right side to the provider's left side
    outcome: str  # of the newest pact's newest verification: success, failure or unknown


@dataclass(frozen=True)
class Graph:
    width: int
    height: int
    node_width: int
    node_height: int
    nodes: list[Node]
    edges: list[Edge]


def _columns(names: list[str], pairs: list[tuple[str, str]]) -> dict[str, int]:
    """Each service's longest path from a service nothing consumes; a cycle stops growing after as many
    rounds as there are services."""
    column = dict.fromkeys(names, 0)
    for _ in range(len(names)):
        changed = False
        for consumer, provider in pairs:
            if consumer != provider and column[provider] < column[consumer] + 1:
                column[provider] = column[consumer] + 1
                changed = True
        if not changed:
            break
    used = sorted(set(column.values()))
    return {name: used.index(c) for name, c in column.items()}


def _label(name: str) -> str:
    return name if len(name) <= LABEL_LIMIT else name[: LABEL_LIMIT - 1] + "…"


def layout(pairs: Iterable[tuple[str, str]], outcomes: dict[tuple[str, str], bool | None]) -> Graph:
    """`outcomes`: whether each pair's newest pact passed its newest verification (None or absent: not
    verified)."""
    pairs = list(dict.fromkeys(pairs))
    names = sorted({name for pair in pairs for name in pair})
    column = _columns(names, pairs)
    rows: dict[int, int] = {}
    nodes: dict[str, Node] = {}
    for name in names:
        row = rows.get(column[name], 0)
        rows[column[name]] = row + 1
        x = MARGIN + column[name] * COLUMN_GAP
        nodes[name] = Node(name, _label(name), x, MARGIN + row * ROW_GAP)
    edges = []
    for consumer, provider in pairs:
        start, end = nodes[consumer], nodes[provider]
        x1, y1 = start.x + NODE_WIDTH, start.y + NODE_HEIGHT // 2
        x2, y2 = end.x, end.y + NODE_HEIGHT // 2
        bend = max(60, abs(x2 - x1) // 2)
        outcome = {True: "success", False: "failure"}.get(outcomes.get((consumer, provider)), "unknown")
        path = f"M{x1},{y1} C{x1 + bend},{y1} {x2 - bend},{y2} {x2},{y2}"
        edges.append(Edge(consumer, provider, path, outcome))
    columns = max(column.values(), default=-1) + 1
    height = max(rows.values(), default=0)
    return Graph(
        width=2 * MARGIN + max(columns - 1, 0) * COLUMN_GAP + NODE_WIDTH,
        height=2 * MARGIN + max(height - 1, 0) * ROW_GAP + NODE_HEIGHT,
        node_width=NODE_WIDTH,
        node_height=NODE_HEIGHT,
        nodes=list(nodes.values()),
        edges=edges,
    )
