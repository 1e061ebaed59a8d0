"""Public seams (issue 23): no product module imports another package's private module.

A module `a.b._c` is private to package `a.b`: only modules inside `a.b` import it. What another
package needs is exported from `a.b`'s `__init__` (with `__all__`), so every seam between the rooms
(contracts, generators, broker, gateway, the CLI) and between the packages inside a room is written
down in one place. The layering between rooms is import-linter's job (`.importlinter`).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

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


def private_imports(file: Path, root: Path = ROOT) -> list[str]:
    """Each import in `file` of a private module (or a private name) outside the package it belongs to."""
    me, _ = module_of(file, root)
    wrong = []
    for line, name in imported(file, root):
        for depth, part in enumerate(name):
            if part.startswith("_") and not part.startswith("__"):
                owner = name[:depth]
                if me[: len(owner)] != owner:
                    wrong.append(f"{file.relative_to(root)}:{line}: {'.'.join(name)}")
                break
    return wrong


def test_no_module_imports_another_packages_private_module() -> None:
    files = [file for top in PRODUCT for file in sorted((ROOT / top).rglob("*.py"))]
    assert len(files) > 300
    assert [wrong for file in files for wrong in private_imports(file)] == []


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


@pytest.mark.parametrize(
    ("source", "wrong"),
    [
        (
            "from accord.contracts.diff._render import render_text\n",
            ["accord/commands/m.py:1: accord.contracts.diff._render.render_text"],
        ),
        (
            "def f():\n    from accord.generators import _dcg\n",
            ["accord/commands/m.py:2: accord.generators._dcg"],
        ),
        ("from accord.contracts.diff import render_text\nfrom .._git import git\n", []),
        (
            "from ._lint_output import render\nfrom ..output._annotation import x\n",
            ["accord/commands/m.py:2: accord.output._annotation.x"],
        ),
    ],
)
def test_the_check_sees_private_imports(tmp_path: Path, source: str, wrong: list[str]) -> None:
    (tmp_path / "accord" / "commands").mkdir(parents=True)
    module = tmp_path / "accord" / "commands" / "m.py"
    module.write_text(source)
    assert private_imports(module, tmp_path) == wrong


def test_a_room_module_outside_its_package_is_caught(tmp_path: Path) -> None:
    (tmp_path / "generators" / "server").mkdir(parents=True)
    module = tmp_path / "generators" / "server" / "examples.py"
    module.write_text("from ..mock._generate import Generator\nfrom .._dcg import Unsupported\n")
    assert private_imports(module, tmp_path) == [
        "generators/server/examples.py:1: accord.generators.mock._generate.Generator"
    ]
