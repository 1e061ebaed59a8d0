"""Team policy files: ids (or id + operation) to ignore, and ids re-graded to another level."""

from __future__ import annotations

from pathlib import Path

from contracts import ContractError, Location

from ._change import Change
from ._registry import LEVELS, REGISTRY

__all__ = ["apply_ignore", "apply_severity", "read_ignore", "read_severity"]

Ignore = list[tuple[str, str | None]]


def _lines(path: str | Path):
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ContractError(f"cannot read: {exc.strerror or exc}", Location(str(path))) from None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if line:
            yield number, line


def _known(rule_id: str, path: str | Path, number: int) -> str:
    if rule_id not in REGISTRY:
        raise ContractError(
            f"unknown change id {rule_id!r} (see `accord checks`)", Location(str(path), line=number)
        )
    return rule_id


def read_ignore(path: str | Path) -> Ignore:
    """One entry a line: `ID` ignores it everywhere; `ID GET /orders/{id}`, `ID /orders/{id}` or
    `ID channel` only there."""
    entries: Ignore = []
    for number, line in _lines(path):
        rule_id, _, where = line.partition(" ")
        entries.append((_known(rule_id, path, number), _where(where.strip()) or None))
    return entries


def _where(text: str) -> str:
    method, _, rest = text.partition(" ")
    return f"{method.upper()} {rest.strip()}" if rest and method.isalpha() else text


def apply_ignore(changes: list[Change], entries: Ignore) -> list[Change]:
    """An entry's place is an operation (`GET /orders`), a path (`/orders`: every method) or a channel."""
    if not entries:
        return changes
    everywhere = {rule_id for rule_id, where in entries if where is None}
    somewhere = {(rule_id, where) for rule_id, where in entries if where is not None}

    def ignored(c: Change) -> bool:
        where = _where(c.where)
        path = where.partition(" ")[2] if c.operation else None
        return c.id in everywhere or (c.id, where) in somewhere or (c.id, path) in somewhere

    return [c for c in changes if not ignored(c)]


def read_severity(path: str | Path) -> dict[str, str]:
    """One entry a line: `ID LEVEL`, LEVEL one of ERR, WARN, INFO, or NONE to drop the id."""
    levels: dict[str, str] = {}
    for number, line in _lines(path):
        parts = line.split()
        if len(parts) != 2 or parts[1].upper() not in (*LEVELS, "NONE"):
            raise ContractError(
                "expected `ID LEVEL` with LEVEL one of ERR, WARN, INFO, NONE",
                Location(str(path), line=number),
            )
        levels[_known(parts[0], path, number)] = parts[1].upper()
    return levels


def apply_severity(changes: list[Change], levels: dict[str, str]) -> list[Change]:
    if not levels:
        return changes
    kept = []
    for change in changes:
        level = levels.get(change.id, change.level)
        if level != "NONE":
            change.level = level
            kept.append(change)
    return kept
