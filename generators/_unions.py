"""Discriminated unions read as OpenAPI means them: the discriminator is a hint, not a constraint.

datamodel-code-generator writes pydantic tagged unions (`Field(discriminator=...)`), which refuse a
value whose tag names no branch, or whose branch it does not satisfy, even when the value is valid
against the schema's `oneOf`/`anyOf` (and JSON Schema validators, clients and fuzzers all ignore
the discriminator). The generated unions are made plain (pydantic's smart mode picks the branch the
value fits best) and, when every branch inherits from one generated base schema, that base is the
last branch: a value valid against the base alone is still accepted, as a value of the base type.
"""

from __future__ import annotations

import ast
from pathlib import Path

_LIBRARY_BASES = {"OpenModel", "BaseModel", "RootModel"}


def open_unions(package_dir: Path) -> None:
    """Rewrite the tagged unions of every generated models module under `package_dir`."""
    for path in sorted(package_dir.rglob("*.py")):
        text = path.read_text()
        if "discriminator=" in text:
            path.write_text(opened(text))


def opened(source: str) -> str:
    tree = ast.parse(source)
    bases = {
        node.name: [b.id for b in node.bases if isinstance(b, ast.Name)]
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    }
    edits: list[tuple[int, int, str]] = []
    lines = source.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(lineno: int, col: int) -> int:
        return starts[lineno - 1] + len(lines[lineno - 1].encode()[:col].decode())

    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Name)
            and node.value.id == "Annotated"
            and isinstance(node.slice, ast.Tuple)
        ):
            continue
        union, *metadata = node.slice.elts
        for field in metadata:
            if not (isinstance(field, ast.Call) and any(k.arg == "discriminator" for k in field.keywords)):
                continue
            kept = [k for k in field.keywords if k.arg != "discriminator"]
            args = [ast.get_source_segment(source, a) for a in field.args]
            args += [ast.get_source_segment(source, k) for k in kept]
            base = _common_base(union, bases)
            widened = ast.get_source_segment(source, union) + (f" | {base}" if base else "")
            if not args and len(metadata) == 1:  # nothing left to annotate: the plain union
                edits.append(
                    (
                        offset(node.lineno, node.col_offset),
                        offset(node.end_lineno, node.end_col_offset),
                        f"({widened})" if "\n" in widened else widened,
                    )
                )
                continue
            call = f"{ast.get_source_segment(source, field.func)}({', '.join(args)})"
            edits.append(
                (offset(field.lineno, field.col_offset), offset(field.end_lineno, field.end_col_offset), call)
            )
            edits.append(
                (
                    offset(union.lineno, union.col_offset),
                    offset(union.end_lineno, union.end_col_offset),
                    widened,
                )
            )
    for start, end, text in sorted(edits, reverse=True):
        source = source[:start] + text + source[end:]
    return source


def _common_base(union: ast.expr, bases: dict[str, list[str]]) -> str | None:
    members: list[str] = []
    stack = [union]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            stack += [node.right, node.left]
        elif isinstance(node, ast.Name):
            members.append(node.id)
        elif isinstance(node, ast.Constant) and node.value is None:
            continue
        else:
            return None
    parents = {tuple(bases.get(m, ())) for m in members}
    if len(parents) != 1:
        return None
    (parent,) = parents
    if len(parent) != 1 or parent[0] in _LIBRARY_BASES or parent[0] not in bases or parent[0] in members:
        return None
    return parent[0]
