"""Public seams (issue 23): a package another room imports from says what it exports.

A module `a.b._c` is private to package `a.b`: only modules inside `a.b` import it (import-linter's
private_modules contract, tests/test_layers.py). What another room needs is exported from the
package's `__init__`, which has a docstring and `__all__`, so every seam between the rooms
(contracts, generators, broker, gateway, the CLI) is written down in one place.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROOMS = ("contracts", "generators", "broker", "gateway")
PRODUCT = ("accord", *ROOMS)


def module_of(file: Path, root: Path = ROOT) -> tuple[list[str], bool]:
    """The installed dotted name of a source file (`broker/db/x.py` is accord.broker.db.x), and
    whether it is a package's `__init__`."""
    parts = list(file.relative_to(root).with_suffix("").parts)
    package = parts[-1] == "__init__"
    if package:
        parts.pop()
    return (["accord", *parts] if parts[0] in ROOMS else parts), package


def imported(file: Path, root: Path = ROOT) -> list[tuple[int, list[str]]]:
    """(line, dotted name as a list) for each `accord...` name imported by `file`, relative imports
    resolved, wherever the statement is (imports inside functions count)."""
    me, package = module_of(file, root)
    here = me if package else me[:-1]
    found = []
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name.split(".") for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module.split(".") if node.module else []
            if node.level:
                base = here[: len(here) - (node.level - 1)] + base
            names = [[*base, alias.name] for alias in node.names]
        else:
            continue
        found += [(node.lineno, name) for name in names if name[0] == "accord"]
    return found


def room_of(name: list[str]) -> str:
    """`accord.contracts.http` is in contracts; `accord.cli` in the CLI (accord)."""
    return name[1] if len(name) > 1 and name[1] in ROOMS else "accord"


def test_every_package_another_room_uses_says_what_it_exports() -> None:
    """Each package that another room imports from has a docstring and `__all__`: the seam."""
    users: set[str] = set()
    for top in PRODUCT:
        for file in (ROOT / top).rglob("*.py"):
            me, _ = module_of(file)
            for _, name in imported(file):
                owner = name[:-1]  # from owner import name (or the parent of an imported module)
                if len(owner) > 1 and room_of(owner) != room_of(me):
                    users.add(".".join(owner))
    packages = {
        ".".join(module_of(init)[0]): init for top in PRODUCT for init in (ROOT / top).rglob("__init__.py")
    }
    used = sorted(name for name in users if name in packages)
    assert "accord.contracts.diff" in used and "accord.generators.fuzz" in used
    missing = []
    for name in used:
        tree = ast.parse(packages[name].read_text(encoding="utf-8"))
        has_all = any(
            isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__all__" for t in node.targets)
            for node in tree.body
        )
        if ast.get_docstring(tree) is None or not has_all:
            missing.append(name)
    assert missing == []
