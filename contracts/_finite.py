"""Schemas no finite value can satisfy: a required `$ref` cycle with no way out.

`A = {$ref: B}, B = {$ref: A}`, or an object A that requires a property of type B that requires an
A: every value would have to contain another without end, so no document is ever valid and code
generated from it rejects every input. Recursion is fine when the cycle can stop somewhere (an
optional property, a nullable type, an empty array, an `anyOf` branch without it).

Which schemas can be satisfied is a least fixed point over an and/or graph, computed with a work
list (no recursion, whatever the depth): a schema is satisfiable when its `$ref`, its `allOf`
members, its required properties (objects) and its items (arrays with minItems > 0) all are, and
each `anyOf` / `oneOf` has a satisfiable member. Everything else (formats, bounds, `not`) is left
to the validators: this finds only the cycles.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._pointers import MISSING, escape

__all__ = ["unsatisfiable_cycles"]

Follow = Callable[[str], tuple[Any, str]]  # a local `$ref` -> (target, its pointer)


class _Node:
    __slots__ = ("any_of", "needs", "pending", "pointer", "satisfiable", "users")

    def __init__(self, pointer: str, any_of: bool) -> None:
        self.pointer = pointer
        self.any_of = any_of  # satisfiable when one child is (else: when all are)
        self.needs: list[_Node] = []
        self.users: list[_Node] = []
        self.pending = 0
        self.satisfiable = False


def unsatisfiable_cycles(schemas: dict[str, Any], container: str, follow: Follow) -> list[tuple[str, str]]:
    """(message, pointer) for each cycle of named schemas that no finite value satisfies."""
    graph = _Graph(follow)
    named = {graph.node(schema, f"{container}/{escape(name)}"): name for name, schema in schemas.items()}
    graph.build()
    graph.solve()
    names = {node.pointer: name for node, name in named.items()}
    reported: set[frozenset[str]] = set()
    issues = []
    for node, name in sorted(named.items(), key=lambda item: item[1]):
        if node.satisfiable:
            continue
        cycle = _cycle_from(node, names)
        key = frozenset(n.pointer for n in cycle)
        if key in reported:
            continue
        reported.add(key)
        shown = " -> ".join(names.get(n.pointer, "#" + n.pointer) for n in [*cycle, cycle[0]])
        issues.append(
            (
                f"schema {name!r} can never be satisfied: every value needs another inside it "
                f"({shown}), a $ref cycle with no way out; make a property optional or nullable, "
                "or allow an empty array",
                cycle[0].pointer if cycle[0].pointer in names else node.pointer,
            )
        )
    return issues


def _cycle_from(start: _Node, names: dict[str, str]) -> list[_Node]:
    """Follow unsatisfiable children until one repeats; return the cycle, named schemas only when any."""
    path: list[_Node] = []
    index: dict[int, int] = {}
    node = start
    while id(node) not in index:
        index[id(node)] = len(path)
        path.append(node)
        node = next(child for child in node.needs if not child.satisfiable)
    cycle = path[index[id(node)] :]
    named = [n for n in cycle if n.pointer in names]
    return named or cycle


class _Graph:
    def __init__(self, follow: Follow) -> None:
        self.follow = follow
        self.nodes: dict[int, _Node] = {}
        self.todo: list[tuple[_Node, Any]] = []
        self.keep: list[Any] = []  # schemas whose id() keys `nodes`: kept alive while we work

    def node(self, schema: Any, pointer: str) -> _Node:
        found = self.nodes.get(id(schema))
        if found is None:
            found = self.nodes[id(schema)] = _Node(pointer, False)
            self.keep.append(schema)
            self.todo.append((found, schema))
        return found

    def build(self) -> None:
        while self.todo:
            node, schema = self.todo.pop()
            if (
                not isinstance(schema, dict)
                or schema.get("nullable") is True
                or schema.get("x-nullable") is True
            ):
                continue  # null is a value: a way out (as the validators read `nullable` beside allOf)
            here = node.pointer
            ref = schema.get("$ref")
            if isinstance(ref, str) and ref.startswith("#"):
                target, target_pointer = self.follow(ref)
                if target is not MISSING:
                    self._need(node, self.node(target, target_pointer))
            for i, member in enumerate(_list(schema.get("allOf"))):
                self._need(node, self.node(member, f"{here}/allOf/{i}"))
            for keyword in ("anyOf", "oneOf"):
                members = _list(schema.get(keyword))
                if members:
                    choice = _Node("", True)
                    for i, member in enumerate(members):
                        self._need(choice, self.node(member, f"{here}/{keyword}/{i}"))
                    self._need(node, choice)
            kind = _only_type(schema)
            properties = schema.get("properties") if isinstance(schema.get("properties"), dict) else {}
            if kind == "object":
                for name in _list(schema.get("required")):
                    if isinstance(name, str) and isinstance(properties.get(name), dict):
                        self._need(node, self.node(properties[name], f"{here}/properties/{escape(name)}"))
            elif (
                kind == "array"
                and _positive(schema.get("minItems"))
                and isinstance(schema.get("items"), dict)
            ):
                self._need(node, self.node(schema["items"], f"{here}/items"))

    @staticmethod
    def _need(node: _Node, child: _Node) -> None:
        node.needs.append(child)
        child.users.append(node)

    def solve(self) -> None:
        every = [*self.nodes.values()]
        every += [child for node in self.nodes.values() for child in node.needs if child.any_of]
        ready = []
        for node in every:
            node.pending = 1 if node.any_of else len(node.needs)
            if node.pending == 0 or (node.any_of and not node.needs):
                ready.append(node)
        while ready:
            node = ready.pop()
            if node.satisfiable:
                continue
            node.satisfiable = True
            for user in node.users:
                user.pending -= 1
                if user.pending == 0:
                    ready.append(user)


def _only_type(schema: dict) -> str | None:
    """'object' or 'array' when a value must be one (no other type, not nullable), else None."""
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = kind[0] if len(kind) == 1 else None
    if kind is None and ("properties" in schema or "required" in schema):
        return "object"  # written as an object; generators read it as one
    return kind if kind in ("object", "array") else None


def _positive(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []
