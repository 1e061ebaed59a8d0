"""Writing a document back out (bundles), atomically: JSON or YAML by the file's extension."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import orjson
import yaml

__all__ = ["dump_document", "to_json", "write_document"]


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    pass


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_presenter)


def dump_document(document: Any, as_json: bool) -> str:
    """YAML or indented JSON. A document nested deeper than 255 levels needs `deep_call` around this."""
    if as_json:
        return to_json(document, indent=True).decode() + "\n"
    return yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120)


def to_json(document: Any, *, indent: bool = False, sort_keys: bool = False) -> bytes:
    """JSON bytes: orjson, or the standard library for what orjson refuses and JSON allows.

    A contract may nest deeper than orjson's 255 levels, and may hold integers beyond 64 bits
    (`enum: [123456789012345678901234567890]` is valid JSON and valid JSON Schema).
    """
    option = orjson.OPT_NON_STR_KEYS | (orjson.OPT_INDENT_2 if indent else 0)
    try:
        return orjson.dumps(document, option=option | (orjson.OPT_SORT_KEYS if sort_keys else 0))
    except orjson.JSONEncodeError as exc:
        if not any(reason in str(exc) for reason in _STANDARD_LIBRARY_CASES):
            raise
    text = json.dumps(
        document,
        indent=2 if indent else None,
        separators=None if indent else (",", ":"),
        sort_keys=sort_keys,
        ensure_ascii=False,
        default=_plain,
    )
    return text.encode()


_STANDARD_LIBRARY_CASES = ("Recursion limit", "Integer exceeds")


def _plain(value: Any) -> str:
    """What orjson writes for a YAML date or time, and text for anything else."""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def write_document(document: Any, path: str | Path) -> None:
    """Write to a temporary file beside `path`, then rename: never a half-written output."""
    path = Path(path)
    text = dump_document(document, path.suffix.lower() == ".json")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
