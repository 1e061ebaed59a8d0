"""Python names from contract names: packages, modules, functions, classes."""

from __future__ import annotations

import keyword
import re

__all__ = ["operation_names", "package_name", "pascal", "snake", "words"]

_WORDS = re.compile(r"[A-Z]+(?=[A-Z][a-z0-9])|[A-Z]?[a-z0-9]+|[A-Z]+|[0-9]+")


def words(text: str) -> list[str]:
    return _WORDS.findall(re.sub(r"[^A-Za-z0-9]+", " ", text))


def snake(text: str, fallback: str = "item") -> str:
    name = "_".join(word.lower() for word in words(text)) or fallback
    if name[0].isdigit():
        name = f"{fallback}_{name}"
    return f"{name}_" if keyword.iskeyword(name) else name


def pascal(text: str, fallback: str = "Item") -> str:
    name = "".join(word[:1].upper() + word[1:] for word in words(text)) or fallback
    return f"{fallback}{name}" if name[0].isdigit() else name


def package_name(requested: str | None, title: str | None) -> str:
    """The requested package name when it is a valid one, else one derived from the contract's title."""
    if requested:
        if not all(part.isidentifier() and not keyword.iskeyword(part) for part in requested.split(".")):
            raise ValueError(f"--package {requested!r} is not a valid Python package name")
        return requested
    return snake(title or "", "api")


def operation_names(contract) -> dict[str, str]:
    """Operation pointer (`/paths/~1orders/get`) -> handler method name, unique across the contract."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for op in contract.operations:
        base = snake(op.operation_id or f"{op.method} {op.path}", "operation")
        name, n = base, 2
        while name in taken:
            name, n = f"{base}_{n}", n + 1
        taken.add(name)
        names[op.pointer] = name
    return names
