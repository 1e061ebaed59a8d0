"""The web view's pages under /ui (and / for a browser): the network, a pacticipant, a pact, the
matrix and the environments. Each page reads one bounded page of rows through the services."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from ...repositories.paging import Page
from ...services.matrix import MatrixQuery, MatrixResult, Row, Selector
from .. import links
from ..deps import Base, Registry
from ..paths import SegmentRoute
from . import graph
from .pact_view import interactions
from .rendering import page

__all__ = ["PAGE_SIZE", "index_page", "router"]

PAGE_SIZE = 50  # rows of versions, integrations or pacticipants on one page
MATRIX_PAGE_SIZE = 100

router = APIRouter(prefix="/ui", include_in_schema=False, route_class=SegmentRoute)
PageNumber = Annotated[int, Query(ge=1, le=1_000_000)]
Filter = Annotated[str, Query(max_length=255)]


@router.get("", response_class=HTMLResponse)
def index(services: Registry, base: Base, page_number: Annotated[PageNumber, Query(alias="page")] = 1):
    return index_page(services, base, page_number)


def index_page(services: Registry, base: str, page_number: int = 1) -> HTMLResponse:
    network = services.overview.network()
    pairs, summaries = services.overview.integrations(Page(page_number, PAGE_SIZE))
    drawn = graph.layout((consumer.name, provider.name) for consumer, provider in network.rows)
    return page(
        "index.html",
        base,
        graph=drawn,
        graph_total=network.total,
        integrations=summaries,
        paged=pairs,
        page_url=lambda number: f"{links.web_index(base)}?page={number}",
        pacticipants=services.pacticipants.list(Page(1, 200)),
    )


@router.get("/pacticipants/{pacticipant}", response_class=HTMLResponse)
def pacticipant(
    pacticipant: str,
    services: Registry,
    base: Base,
    page_number: Annotated[PageNumber, Query(alias="page")] = 1,
):
    overview = services.overview.pacticipant(pacticipant, Page(page_number, PAGE_SIZE))
    return page(
        "pacticipant.html",
        base,
        overview=overview,
        paged=overview.versions,
        page_url=lambda number: links.web_pacticipant(base, pacticipant, page=number),
    )


@router.get("/pacts/provider/{provider}/consumer/{consumer}/version/{version}", response_class=HTMLResponse)
def pact(provider: str, consumer: str, version: str, services: Registry, base: Base):
    overview = services.overview.pact(provider, consumer, version)
    return page(
        "pact.html",
        base,
        overview=overview,
        interactions=interactions(overview.publication.pact_version.content),
    )


@router.get("/matrix", response_class=HTMLResponse)
def matrix(
    services: Registry,
    base: Base,
    consumer: Filter = "",
    consumer_version: Filter = "",
    consumer_branch: Filter = "",
    provider: Filter = "",
    provider_version: Filter = "",
    provider_branch: Filter = "",
    latestby: Annotated[str, Query(pattern="^(cvp|cvpv|all)?$")] = "cvpv",
    page_number: Annotated[PageNumber, Query(alias="page")] = 1,
):
    filters = {
        "consumer": consumer,
        "consumer_version": consumer_version,
        "consumer_branch": consumer_branch,
        "provider": provider,
        "provider_version": provider_version,
        "provider_branch": provider_branch,
        "latestby": latestby,
    }
    result, rows = _matrix(services, filters)
    start = (page_number - 1) * MATRIX_PAGE_SIZE
    return page(
        "matrix.html",
        base,
        filters=filters,
        result=result,
        rows=rows[start : start + MATRIX_PAGE_SIZE],
        paged={"number": page_number, "size": MATRIX_PAGE_SIZE, "total": len(rows)},
        page_url=lambda number: links.web_matrix(base, **filters, page=number),
    )


def _side(name: str, number: str, branch: str) -> Selector:
    return Selector(pacticipant=name, version=number or None, branch=branch or None, latest=bool(branch))


def _matrix(services: Registry, filters: dict[str, str]) -> tuple[MatrixResult | None, list[Row]]:
    """The rows for the filters. Both sides named: one matrix query, with its verdict. One side named:
    a query per pacticipant integrated with it (the rows only: there is no single verdict)."""
    consumer = _side(filters["consumer"], filters["consumer_version"], filters["consumer_branch"])
    provider = _side(filters["provider"], filters["provider_version"], filters["provider_branch"])
    latestby = None if filters["latestby"] == "all" else filters["latestby"] or None
    if consumer.pacticipant and provider.pacticipant:
        result = services.matrix.find(MatrixQuery([consumer, provider], latestby=latestby))
        return result, [r for r in result.rows if r.provider.name == provider.pacticipant]
    if not (consumer.pacticipant or provider.pacticipant):
        return None, []
    consumers, providers = services.overview.partners(consumer.pacticipant or provider.pacticipant)
    if consumer.pacticipant:
        pairs = [(consumer, Selector(pacticipant=p.name)) for p in providers]
    else:
        pairs = [(Selector(pacticipant=c.name), provider) for c in consumers]
    rows = []
    for one, other in pairs:
        found = services.matrix.find(MatrixQuery([one, other], latestby=latestby)).rows
        rows += [r for r in found if r.provider.name == other.pacticipant]
    return None, rows


@router.get("/environments", response_class=HTMLResponse)
def environments(services: Registry, base: Base):
    return page("environments.html", base, environments=services.overview.environments())
