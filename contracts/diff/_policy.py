"""Team policy files: ids (or id + operation) to ignore, and ids re-graded to another level."""

from __future__ import annotations

from pathlib import Path

from accord.contracts import ContractError, Location

from ._change import Change
from ._registry import LEVELS, REGISTRY

__all__ = ["apply_ignore", "apply_severity", "normalise_where", "placed_at", "read_ignore", "read_severity"]

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
        entries.append((_known(rule_id, path, number), normalise_where(where.strip()) or None))
    return entries


def normalise_where(text: str) -> str:
    """`get /orders` -> `GET /orders`; a path or a channel as written."""
    method, _, rest = text.partition(" ")
    return f"{method.upper()} {rest.strip()}" if rest and method.isalpha() else text


def placed_at(change: Change, where: str) -> bool:
    """Is the change at this place: an operation (`GET /orders`), a path (`/orders`: every method) or
    a channel? `where` is normalised."""
    here = normalise_where(change.where)
    return where == here or (change.operation is not None and where == here.partition(" ")[2])


def apply_ignore(changes: list[Change], entries: Ignore) -> list[Change]:
    """An entry's place is an operation (`GET /orders`), a path (`/orders`: every method) or a channel."""
    if not entries:
        return changes

    def ignored(c: Change) -> bool:
        return any(c.id == rule_id and (where is None or placed_at(c, where)) for rule_id, where in entries)

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
