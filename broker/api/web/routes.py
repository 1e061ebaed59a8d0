"""The web view's pages under /ui (and / for a browser): the network, a pacticipant, a pact, the
matrix and the environments. Each page reads one bounded page of rows through the services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from ...db.models import PactPublication
from ...errors import BrokerError
from ...repositories.matrix_rows import VersionDetails
from ...repositories.paging import Page
from ...services.matrix import DEFAULT_LIMIT, MatrixQuery, MatrixResult, Row, Selector
from ...services.overview import PactOverview
from .. import links
from ..deps import Base, Registry
from . import graph
from .errors import PageRoute, problem_page
from .pact_view import document, interactions
from .rendering import page

__all__ = ["PAGE_SIZE", "index_page", "publication_page", "router"]

PAGE_SIZE = 50  # rows of versions, integrations or pacticipants on one page
MATRIX_LIMIT = 1000  # rows at most, as the API allows

router = APIRouter(prefix="/ui", include_in_schema=False, route_class=PageRoute)
PageNumber = Annotated[int, Query(ge=1, le=1_000_000)]
Filter = Annotated[str, Query(max_length=255)]


@router.get("", response_class=HTMLResponse)
def index(services: Registry, base: Base, page_number: Annotated[PageNumber, Query(alias="page")] = 1):
    return index_page(services, base, page_number)


def index_page(services: Registry, base: str, page_number: int = 1) -> HTMLResponse:
    network, outcomes = services.overview.network()
    pairs, summaries = services.overview.integrations(Page(page_number, PAGE_SIZE))
    drawn = graph.layout(
        [(consumer.name, provider.name) for consumer, provider in network.rows],
        {(c.name, p.name): outcomes.get((c.id, p.id)) for c, p in network.rows},
    )
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
    return _pact_page(base, services.overview.pact(provider, consumer, version))


def publication_page(services: Registry, base: str, find: Callable[[], PactPublication]) -> HTMLResponse:
    """The page of the pact `find` reads, for a browser opening a pact's API URL (what `find` raises, a
    missing pact, is the error page with its status)."""
    try:
        return _pact_page(base, services.overview.publication(find()))
    except BrokerError as exc:
        return problem_page(base, exc)


def _pact_page(base: str, overview: PactOverview) -> HTMLResponse:
    content = overview.publication.pact_version.content
    return page(
        "pact.html", base, overview=overview, interactions=interactions(content), document=document(content)
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
    limit: Annotated[int, Query(ge=1, le=MATRIX_LIMIT)] = DEFAULT_LIMIT,
):
    filters = {
        "consumer": consumer,
        "consumer_version": consumer_version,
        "consumer_branch": consumer_branch,
        "provider": provider,
        "provider_version": provider_version,
        "provider_branch": provider_branch,
        "latestby": latestby,
        "limit": limit,
    }
    verdict, rows, versions = _matrix(services, filters)
    return page("matrix.html", base, filters=filters, result=verdict, rows=rows, versions=versions)


def _side(name: str, number: str, branch: str) -> Selector:
    return Selector(pacticipant=name, version=number or None, branch=branch or None, latest=bool(branch))


def _matrix(
    services: Registry, filters: dict
) -> tuple[MatrixResult | None, list[Row], dict[int, VersionDetails]]:
    """The rows for the filters (the most recent `limit`), with the tags and branches of their versions.
    Both sides named: one matrix query, with its verdict. One side named: a query per pacticipant
    integrated with it (the rows only: there is no single verdict)."""
    consumer = _side(filters["consumer"], filters["consumer_version"], filters["consumer_branch"])
    provider = _side(filters["provider"], filters["provider_version"], filters["provider_branch"])
    if consumer.pacticipant and provider.pacticipant:
        pairs = [(consumer, provider)]
    elif consumer.pacticipant or provider.pacticipant:
        consumers, providers = services.overview.partners(consumer.pacticipant or provider.pacticipant)
        if consumer.pacticipant:
            pairs = [(consumer, Selector(pacticipant=p.name)) for p in providers]
        else:
            pairs = [(Selector(pacticipant=c.name), provider) for c in consumers]
    else:
        return None, [], {}
    latestby = None if filters["latestby"] == "all" else filters["latestby"] or None
    results = [
        (services.matrix.find(MatrixQuery([one, other], latestby=latestby, limit=filters["limit"])), other)
        for one, other in pairs
    ]
    rows = [r for result, other in results for r in result.rows if r.provider.name == other.pacticipant]
    rows = sorted(rows, key=Row.last_action, reverse=True)[: filters["limit"]]
    versions = {k: v for result, _ in results for k, v in result.versions.items()}
    verdict = results[0][0] if consumer.pacticipant and provider.pacticipant else None
    return verdict, rows, versions


@router.get("/environments", response_class=HTMLResponse)
def environments(services: Registry, base: Base):
    return page("environments.html", base, environments=services.overview.environments())
