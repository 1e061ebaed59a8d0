"""The route class of the web view's pages: what the API answers as problem+json (a name that does not
exist, a filter out of range) is a page with the same status for the person reading it."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from starlette.requests import Request
from starlette.responses import Response

from ...errors import BrokerError
from ..paths import SegmentRoute
from .rendering import page

__all__ = ["PageRoute", "problem_page"]


def problem_page(base: str, exc: BrokerError) -> HTMLResponse:
    return page("error.html", base, exc.status, title=exc.title, details=[exc.detail])


class PageRoute(SegmentRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def answer(request: Request) -> Response:
            base = str(request.base_url).rstrip("/")
            try:
                return await handler(request)
            except BrokerError as exc:
                return problem_page(base, exc)
            except RequestValidationError as exc:
                details = [f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in exc.errors()]
                return page("error.html", base, 400, title="Invalid request", details=details)

        return answer
