"""Which contracts the gates (validate, lint, diff) check for the files they are given.

A contract is checked as given. A file that is not one but that contracts reach through `$ref` (a
fragment, e.g. api/schemas.yaml) is checked through every such contract (root), and the command says
so on stderr. Anything else is handed on, so the gate refuses it (exit 2), unless `skip_others`
(`--contracts-only`, what the pre-commit hooks pass): then it is skipped with a note. A file that
names a spec but does not parse is a broken contract, never skipped.
"""

from __future__ import annotations

import os
from pathlib import Path

import typer

from .._cli_support import EXIT_OK, bad_input

CONTRACTS_ONLY_HELP = (
    "Skip, with a note, files that are neither a contract nor $ref'd by one (what the pre-commit hooks pass)."
)


def contract_targets(files: list[Path], *, skip_others: bool = False) -> list[Path]:
    """The files to check, each once, in the order given: contracts, then the roots of fragments.
    With `skip_others` and nothing left to check, says so and exits 0 (a commit of other files)."""
    from accord.contracts import ContractError

    try:
        targets = _targets(files, skip_others)
    except ContractError as exc:  # a `contracts:` list in accord.yaml that names a missing file
        bad_input(str(exc))
    if not targets and skip_others:
        typer.echo(f"accord: no contract among the {len(files)} file(s) given: nothing to check", err=True)
        raise typer.Exit(EXIT_OK)
    return targets


def _targets(files: list[Path], skip_others: bool) -> list[Path]:
    from accord.contracts import ContractIndex, index_contracts, is_contract_file, shown_path

    indexes: list[ContractIndex] = []  # one per repository the files are in
    targets: list[Path] = []
    for file in files:
        if is_contract_file(file) or not file.is_file():
            targets.append(file)  # a missing file or directory: the gate names the problem
            continue
        index = next((i for i in indexes if i.covers(file)), None)
        if index is None:
            index = index_contracts(file.resolve().parent)
            indexes.append(index)
        roots = [shown_path(root) for root in index.roots_using(file)]
        if roots:
            names = ", ".join(str(r) for r in roots)
            typer.echo(
                f"accord: {file} is a fragment: checking the contract(s) that $ref it: {names}", err=True
            )
            targets += roots
        elif skip_others and not _broken_contract(file):
            typer.echo(f"accord: skipped {file}: neither a contract nor $ref'd by one", err=True)
        else:
            targets.append(file)
    unique: dict[str, Path] = {}
    for target in targets:
        unique.setdefault(os.path.normpath(os.path.abspath(target)), target)
    return list(unique.values())


def _broken_contract(file: Path) -> bool:
    """Names a spec (`openapi:` ...) but does not parse: a contract with a syntax error, never skipped."""
    from accord.contracts import ContractError, names_a_spec, read_file

    if not names_a_spec(file):
        return False
    try:
        read_file(file)
    except ContractError:
        return True
    return False
