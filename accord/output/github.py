"""GitHub Actions workflow commands: one `::error` / `::warning` / `::notice` line per finding."""

from __future__ import annotations

from ._annotation import Annotation

__all__ = ["render_github"]

_COMMAND = {"error": "error", "warning": "warning", "note": "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(annotations: list[Annotation]) -> str:
    lines = []
    for a in annotations:
        props = [f"file={_property(a.file)}"]
        if a.line:
            props.append(f"line={a.line}")
            if a.column:
                props.append(f"col={a.column}")
        props.append(f"title={_property(a.rule)}")
        lines.append(f"::{_COMMAND[a.level]} {','.join(props)}::{_data(a.message)}")
    return "\n".join(lines) + ("\n" if lines else "")
