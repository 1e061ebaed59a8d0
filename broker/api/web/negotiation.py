"""Whether a request comes from a browser: its Accept header ranks HTML above every JSON type it names.
`*/*` alone, or no header, is a JSON client (the `pact` CLI, pact-python, curl)."""

from __future__ import annotations

__all__ = ["prefers_html"]

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


def prefers_html(accept: str | None) -> bool:
    html = json = 0.0
    for part in (accept or "").split(","):
        media_type, *parameters = part.split(";")
        media_type = media_type.strip().lower()
        if media_type in _HTML:
            html = max(html, _quality(parameters))
        elif media_type in _JSON:
            json = max(json, _quality(parameters))
    return html > 0 and html > json
