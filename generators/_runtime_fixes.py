"""Fixes to the server runtime that datamodel-code-generator copies into a generated package.

An empty form-style value of an array (or object) query parameter, `ids=`, is how OpenAPI writes an
empty array; the runtime refuses it with an undocumented 400. It is read as an empty container.
"""

from __future__ import annotations

from pathlib import Path

_EMPTY_CONTAINER = (
    """    if not raw:
        msg = "An empty delimited value cannot represent a container"
        raise MalformedError(msg)
""",
    """    if not raw:  # accord: an empty delimited value is an empty container
        return []
""",
)


def fix_runtime(package_dir: Path) -> None:
    reads = package_dir / "_runtime" / "model_codecs" / "parameter_reads.py"
    if reads.is_file():
        old, new = _EMPTY_CONTAINER
        reads.write_text(reads.read_text().replace(old, new))
