"""The `Prefer` request header and its query twin (`__code`, `__example`, `__dynamic`), as Prism has them.

`Prefer: code=404, example=not-found, dynamic=true`. Unknown preferences and malformed values are
ignored and reported back in a `Warning` header.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote

__all__ = ["Preferences", "read_preferences"]

_TWINS = ("__code", "__example", "__dynamic")


@dataclass(slots=True)
class Preferences:
    code: str | None = None
    example: str | None = None
    dynamic: bool | None = None
    ignored: list[str] = field(default_factory=list)


def read_preferences(prefer: str | None, query: str) -> tuple[Preferences, str]:
    """Preferences from the header and the query; returns them and the query without the twins."""
    prefs = Preferences()
    pairs: list[tuple[str, str]] = []
    if prefer:
        for part in prefer.split(","):
            for token in part.split(";"):
                name, _, value = token.strip().partition("=")
                if name:
                    pairs.append((name.strip().lower(), value.strip().strip('"')))
    if "__" in query:
        kept = []
        for part in query.split("&"):
            name, _, value = part.partition("=")
            if name in _TWINS:
                pairs.append((name[2:], unquote(value.replace("+", " "))))
            elif part:
                kept.append(part)
        query = "&".join(kept)
    for name, value in pairs:
        if name == "code" and value.isdigit() and len(value) == 3:
            prefs.code = value
        elif name == "example" and value:
            prefs.example = value
        elif name == "dynamic" and value.lower() in ("true", "false"):
            prefs.dynamic = value.lower() == "true"
        else:
            prefs.ignored.append(f"{name}={value}" if value else name)
    return prefs, query
