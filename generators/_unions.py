"""Discriminated unions read as OpenAPI means them: the discriminator is a hint, not a constraint.

datamodel-code-generator writes pydantic tagged unions (`Field(discriminator=...)`), which refuse a
value whose tag names no branch, or whose branch it does not satisfy, even when the value is valid
against the schema's `oneOf`/`anyOf` (and JSON Schema validators, clients and fuzzers all ignore
the discriminator). The generated unions are made plain (pydantic's smart mode picks the branch the
value fits best) and, when every branch inherits from one generated base schema, that base is the
last branch: a value valid against the base alone is still accepted, as a value of the base type.
The same holds for the unions of subtypes the server modules write for a `$ref` to such a base
(`response_model`, handler signatures).
"""

from __future__ import annotations

import ast
from pathlib import Path

_LIBRARY_BASES = {"OpenModel", "BaseModel", "RootModel"}


def open_unions(package_dir: Path) -> None:
    """Rewrite the unions of the generated package under `package_dir` (models and server modules)."""
    models = package_dir / "models.py"
    if not models.is_file():
        return
    text = models.read_text()
    if "discriminator=" in text:
        text = opened(text)
    bases = _bases(text)
    models.write_text(widened(text, bases, None))
    for path in sorted(package_dir.rglob("*.py")):
        if path != models and "models." in (code := path.read_text()):
            path.write_text(widened(code, bases, "models"))


def _bases(source: str) -> dict[str, list[str]]:
    return {
        node.name: [b.id for b in node.bases if isinstance(b, ast.Name)]
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ClassDef)
    }


def _offsets(source: str):
    lines = source.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(lineno: int, col: int) -> int:
        return starts[lineno - 1] + len(lines[lineno - 1].encode()[:col].decode())

    return offset


def _apply(source: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, text in sorted(edits, reverse=True):
        source = source[:start] + text + source[end:]
    return source


def widened(source: str, bases: dict[str, list[str]], qualifier: str | None) -> str:
    """Each union of subtypes of one generated base (as the generator writes a `$ref` to a
    discriminated base) also admits the base itself, last."""
    tree = ast.parse(source)
    offset = _offsets(source)
    inner = {
        id(child)
        for node in ast.walk(tree)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr)
        for child in (node.left, node.right)
    }
    edits = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.BinOp) or not isinstance(node.op, ast.BitOr) or id(node) in inner:
            continue
        base = _common_base(node, bases, qualifier)
        if base is not None:
            end = offset(node.end_lineno, node.end_col_offset)
            edits.append((end, end, f" | {qualifier + '.' if qualifier else ''}{base}"))
    return _apply(source, edits)


def opened(source: str) -> str:
    """The models without `Field(discriminator=...)`: plain unions."""
    tree = ast.parse(source)
    offset = _offsets(source)
    edits: list[tuple[int, int, str]] = []
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
            plain = ast.get_source_segment(source, union)
            if not args and len(metadata) == 1:  # nothing left to annotate: the plain union
                start = offset(node.lineno, node.col_offset)
                edits.append(
                    (
                        start,
                        offset(node.end_lineno, node.end_col_offset),
                        f"({plain})" if "\n" in plain else plain,
                    )
                )
                continue
            call = f"{ast.get_source_segment(source, field.func)}({', '.join(args)})"
            edits.append(
                (offset(field.lineno, field.col_offset), offset(field.end_lineno, field.end_col_offset), call)
            )
    return _apply(source, edits)


def _common_base(union: ast.expr, bases: dict[str, list[str]], qualifier: str | None) -> str | None:
    members: list[str] = []
    stack = [union]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            stack += [node.right, node.left]
        elif qualifier is None and isinstance(node, ast.Name):
            members.append(node.id)
        elif (
            qualifier is not None
            and isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == qualifier
        ):
            members.append(node.attr)
        elif isinstance(node, ast.Constant) and node.value is None:
            continue
        else:
            return None
    parents = {tuple(bases.get(m, ())) for m in members}
    if len(members) < 2 or len(parents) != 1:
        return None
    (parent,) = parents
    if len(parent) != 1 or parent[0] in _LIBRARY_BASES or parent[0] not in bases or parent[0] in members:
        return None
    return parent[0]
