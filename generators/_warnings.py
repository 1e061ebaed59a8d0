"""Generator warnings with a pointer into the contract: what was skipped or approximated, and where."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from accord.contracts import escape_pointer

_FORMAT = re.compile(r"format of '(?P<format>[^']*)' not understood for '(?P<type>[^']*)'")


def located(contract, messages: list[str]) -> list[str]:
    """Deduplicated warnings; an unknown format is reported at each schema that uses it."""
    found: list[str] = []
    for message in dict.fromkeys(messages):
        match = _FORMAT.search(message)
        places = list(_schemas_with(contract.document, match["type"], match["format"])) if match else []
        if not places:
            found.append(message)
        for pointer in places:
            found.append(
                f"{contract.location(pointer)} ({pointer}): format {match['format']!r} is not understood; "
                f"generated as a plain {match['type']}"
            )
    return list(dict.fromkeys(found))


def _schemas_with(node: Any, kind: str, fmt: str, pointer: str = "") -> Iterator[str]:
    if isinstance(node, dict):
        if node.get("format") == fmt and node.get("type", kind) == kind:
            yield pointer
        for key, value in node.items():
            yield from _schemas_with(value, kind, fmt, f"{pointer}/{escape_pointer(str(key))}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _schemas_with(value, kind, fmt, f"{pointer}/{index}")
