"""`size`/`page` (or `pageSize`/`pageNumber`) query parameters, and the `page` object with `next` and
`previous` links the Pact Broker adds to a paginated list."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request

from ..errors import Invalid
from ..repositories.paging import Page, Paged
from . import links
from .paths import request_path

__all__ = ["PageQuery", "paginate"]


def _number(request: Request, *names: str) -> int | None:
    for name in names:
        text = request.query_params.get(name)
        if text is None:
            continue
        if not text.isdigit() or int(text) < 1:
            raise Invalid(
                f"{name} must be an integer of at least 1", {name: ["must be greater than or equal to 1"]}
            )
        return int(text)
    return None


def _page(request: Request) -> Page | None:
    number, size = _number(request, "page", "pageNumber"), _number(request, "size", "pageSize")
    if number is None and size is None:
        return None
    return Page(number or 1, size or 100)


PageQuery = Annotated[Page | None, Depends(_page)]


def paginate(body: dict[str, Any], result: Paged, base: str, request: Request) -> dict[str, Any]:
    """Add the page details and the links to the neighbouring pages (when the list was paginated)."""
    page = result.page
    if page is None:
        return body
    pages = -(-result.total // page.size)
    body["page"] = {
        "number": page.number,
        "size": page.size,
        "totalElements": result.total,
        "totalPages": pages,
    }
    url = base + request_path(request)
    if page.number < pages:
        body["_links"]["next"] = links.link(f"{url}?size={page.size}&page={page.number + 1}", "Next page")
    if page.number > 1:
        body["_links"]["previous"] = links.link(
            f"{url}?size={page.size}&page={page.number - 1}", "Previous page"
        )
    return body
