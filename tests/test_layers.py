"""Imports flow one way (docs/architecture.md): `accord.contracts` imports no other room; `generators`,
`broker` and `gateway` import `contracts` and not each other; `accord` may import them all."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ALLOWED = {
    "contracts": set(),
    "generators": {"contracts"},
    "broker": {"contracts"},
    "gateway": {"contracts"},
    "accord": {"contracts", "generators", "broker", "gateway"},
}


def room_of(module: str) -> str | None:
    """The room a dotted module name belongs to: `accord.contracts.http` is contracts, `accord.cli` accord."""
    parts = module.split(".")
    if parts[0] != "accord":
        return None
    return parts[1] if len(parts) > 1 and parts[1] in ALLOWED else "accord"


def imported_rooms(file: Path) -> list[tuple[int, str]]:
    """(line, room) for each import of a room in `file`, wherever the import statement is."""
    found = []
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [
                f"{node.module}.{alias.name}" if node.module == "accord" else node.module
                for alias in node.names
            ]
        else:
            continue
        found += [(node.lineno, room) for room in map(room_of, names) if room is not None]
    return found


def test_imports_flow_one_way() -> None:
    wrong = []
    checked = 0
    for room, allowed in ALLOWED.items():
        for file in sorted((ROOT / room).rglob("*.py")):
            checked += 1
            wrong += [
                f"{file.relative_to(ROOT)}:{line}: imports {other}"
                for line, other in imported_rooms(file)
                if other != room and other not in allowed
            ]
    assert checked > 100
    assert wrong == []


def test_the_check_sees_imports_inside_functions(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "import os\n\ndef f():\n    from accord.gateway import serve\n    import accord.broker.db\n"
        "    from accord import contracts\n"
    )
    assert imported_rooms(module) == [(4, "gateway"), (5, "broker"), (6, "contracts")]
