"""Whether a request comes from a browser: its Accept header ranks HTML above every JSON type it names.
`*/*` alone, or no header, is a JSON client (the `pact` CLI, pact-python, curl). Likewise for the other
types a resource may serve besides HAL (the integrations as a Graphviz file, the dashboard as text)."""

from __future__ import annotations

__all__ = ["prefers", "prefers_html"]

_HTML = ("text/html", "application/xhtml+xml")
_JSON = ("application/hal+json", "application/json", "application/problem+json")


def _quality(parameters: list[str]) -> float:
    for parameter in parameters:
        name, _, value = parameter.strip().partition("=")
        if name.strip().lower() == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0
    return 1.0


def prefers(accept: str | None, wanted: tuple[str, ...]) -> bool:
    """Whether the Accept header ranks one of the `wanted` types above every JSON type it names."""
    best = json = 0.0
    for part in (accept or "").split(","):
        media_type, *parameters = part.split(";")
        media_type = media_type.strip().lower()
        if media_type in wanted:
            best = max(best, _quality(parameters))
        elif media_type in _JSON:
            json = max(json, _quality(parameters))
    return best > 0 and best > json


def prefers_html(accept: str | None) -> bool:
    return prefers(accept, _HTML)
