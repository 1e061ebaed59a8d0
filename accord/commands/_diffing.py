"""What `accord diff` and `accord changelog` share: reading the two sides, from files or from git."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .._cli_support import bad_input


@contextmanager
def diff_pairs(
    files: list[Path],
    base_ref: str | None,
    *,
    ignore: Path | None = None,
    severity: Path | None = None,
    validate: bool = True,
    contracts_only: bool = False,
) -> Iterator[list]:
    """Yields one DiffReport per comparison: BASE REVISION, or each FILE against `base_ref`."""
    from contracts import ContractError, load_contract
    from contracts.diff import diff_contracts, read_ignore, read_severity
    from contracts.diff._git import contract_at_ref, empty_like

    if base_ref is None and len(files) != 2:
        bad_input("give two files (BASE REVISION), or --base REF and the file(s) to compare with it")
    if base_ref is not None and not files:
        bad_input("--base REF needs the file(s) to compare with it")
    ignored = read_ignore(ignore) if ignore else None
    levels = read_severity(severity) if severity else None
    with tempfile.TemporaryDirectory(prefix="accord-diff-") as scratch:
        reports = []
        pairs = [(files[0], files[1])] if base_ref is None else [(None, f) for f in files]
        for n, (base_file, revision_file) in enumerate(pairs):
            try:
                revision = load_contract(revision_file)
            except ContractError:
                if contracts_only:
                    continue
                raise
            here = Path(scratch) / str(n)
            here.mkdir()
            synthetic = False
            if base_file is not None:
                base, name = load_contract(base_file), None
            else:
                base, name = contract_at_ref(base_ref, revision_file, here)
                if base is None:
                    base, synthetic = empty_like(revision, here), True
            report = diff_contracts(base, revision, ignore=ignored, severity=levels)
            report.base_file = name
            if validate:
                report.validation = _validation(report.revision, None) + (
                    [] if synthetic else _validation(report.base, name)
                )
            reports.append(report)
        yield reports


def _validation(contract, shown_as: str | None) -> list[dict]:
    from contracts import validate

    return [
        {
            "file": issue.file or shown_as or contract.path,
            "pointer": issue.pointer,
            "line": issue.line,
            "message": issue.message,
        }
        for issue in validate(contract)
    ]
