"""Pages rendered from the Jinja2 templates beside this module. Autoescaping is on for every template:
names, descriptions and bodies come from pacts, which are user input."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .. import links
from ..representations.common import iso

__all__ = ["page"]

_templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def when(moment: datetime | None) -> str:
    """A moment for people: to the minute, in UTC (the exact RFC 3339 time is the element's title)."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


_templates.globals.update(links=links, iso=iso, when=when)


def page(template: str, base: str, status: int = 200, **context: Any) -> HTMLResponse:
    body = _templates.get_template(template).render(base=base, **context)
    return HTMLResponse(body, status_code=status, headers={"Cache-Control": "no-store"})
