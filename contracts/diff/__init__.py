"""contracts.diff: what changed between two versions of a contract, and does it break anyone?

`diff_contracts(base, revision)` compares two `Contract`s (OpenAPI or AsyncAPI) and returns a
`DiffReport`: a list of `Change`s, each with a stable id from the catalogue (`REGISTRY`), a level
(ERR breaking, WARN may break, INFO safe), the operation or channel, and pointers into both
documents. Schemas are compared recursively with the direction data flows in; deprecation, security
and the versioning policy on `info.version` are checked too.

A report renders as text (`render_text`), as a Markdown table (`render_markdown`, for pull-request
comments) or as changelog entries (`render_changelog`). The accept, ignore and severity files are read
with `read_accept` / `find_accept`, `read_ignore` and `read_severity`.
"""

from ._accept import ACCEPT_FILE, Acceptance, find_accept, read_accept
from ._change import Change
from ._policy import read_ignore, read_severity
from ._registry import LEVELS, REGISTRY, Rule
from ._render import render_changelog, render_markdown, render_text
from ._report import DiffReport, diff_contracts

__all__ = [
    "ACCEPT_FILE",
    "LEVELS",
    "REGISTRY",
    "Acceptance",
    "Change",
    "DiffReport",
    "Rule",
    "diff_contracts",
    "find_accept",
    "read_accept",
    "read_ignore",
    "read_severity",
    "render_changelog",
    "render_markdown",
    "render_text",
]
