"""POST /contracts/publish: publish a version's pacts with its branch and tags, in one transaction."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from ..deps import Base, Registry, hal
from ..paths import SegmentRoute
from ..representations import pact as representation
from ..representations.webhook import template_urls
from ..schemas.bodies import PublishContractsBody
from ..schemas.common import responses

router = APIRouter(tags=["pacts"], route_class=SegmentRoute)


@router.post("/contracts/publish", response_class=JSONResponse, responses=responses(200, 201, 400, 409, 413))
def publish_contracts(body: PublishContractsBody, services: Registry, base: Base) -> JSONResponse:
    result = services.publication.publish_contracts(body.model_dump(exclude_unset=False), template_urls(base))
    return hal(representation.publish_result(base, result), 200)
