"""What `accord diff` and `accord changelog` share: reading the two sides, from files or from git.

With `--base REF`, a fragment given stands for the contracts that `$ref` it (each compared with its
version at REF), and HEAD in a repository with no commit yet means there is nothing to compare.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from .._cli_support import bad_input
from ._targets import contract_targets


@contextmanager
def diff_pairs(
    files: list[Path],
    base_ref: str | None,
    *,
    ignore: Path | None = None,
    severity: Path | None = None,
    validate: bool = True,
    contracts_only: bool = False,
    accept: Path | None = None,
) -> Iterator[list]:
    """Yields one DiffReport per comparison: BASE REVISION, or each contract against `base_ref`.
    `accept`: the accept file (default: the nearest accord-accept.yaml)."""
    from accord.contracts import load_contract
    from accord.contracts.diff import diff_contracts, find_accept, read_accept, read_ignore, read_severity

    from .._git import contract_at_ref, empty_like, unborn_head

    if base_ref is None and len(files) != 2:
        bad_input("give two files (BASE REVISION), or --base REF and the file(s) to compare with it")
    if base_ref is not None and not files:
        bad_input("--base REF needs the file(s) to compare with it")
    ignored = read_ignore(ignore) if ignore else None
    levels = read_severity(severity) if severity else None
    accept = accept or find_accept()
    accepted = read_accept(accept) if accept else None
    if base_ref is None:
        pairs: list[tuple[Path | None, Path]] = [(files[0], files[1])]
    else:
        pairs = [(None, f) for f in contract_targets(files, skip_others=contracts_only)]
        if unborn_head(base_ref, pairs[0][1].resolve().parent if pairs else Path.cwd()):
            for _, revision_file in pairs:
                load_contract(revision_file)  # nothing to compare, but still refuse what is no contract
            names = ", ".join(str(f) for _, f in pairs)
            typer.echo(
                f"accord: HEAD does not exist yet (first commit): nothing to compare for {names}", err=True
            )
            yield []
            return
    with tempfile.TemporaryDirectory(prefix="accord-diff-") as scratch:
        reports = []
        for n, (base_file, revision_file) in enumerate(pairs):
            revision = load_contract(revision_file)
            here = Path(scratch) / str(n)
            here.mkdir()
            synthetic = False
            if base_file is not None:
                base, name = load_contract(base_file), None
            else:
                assert base_ref is not None  # no base file: the pairs came from --base
                at_ref, name = contract_at_ref(base_ref, revision_file, here)
                if at_ref is None:
                    base, synthetic = empty_like(revision, here), True
                else:
                    base = at_ref
            report = diff_contracts(base, revision, ignore=ignored, severity=levels, accept=accepted)
            report.base_file = name
            if base_ref is not None and not synthetic:
                report.base_copy = (here, base_ref)
            if validate:
                report.validation = _validation(report.revision, None) + (
                    [] if synthetic else _validation(report.base, name)
                )
            reports.append(report)
        yield reports


def _validation(contract, shown_as: str | None) -> list[dict]:
    from accord.contracts import validate

    return [
        {
            "file": issue.file or shown_as or contract.path,
            "pointer": issue.pointer,
            "line": issue.line,
            "message": issue.message,
        }
        for issue in validate(contract)
    ]
