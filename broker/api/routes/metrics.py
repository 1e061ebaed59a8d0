"""`GET /metrics`: counts over the whole broker, as the Pact Broker serves them."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from ..deps import Registry, hal
from ..representations import metrics as representation
from ..schemas.common import responses

router = APIRouter(tags=["metrics"])


@router.get("/metrics", response_class=JSONResponse, responses=responses(200))
def get_metrics(services: Registry) -> JSONResponse:
    return hal(representation.metrics(services.metrics.metrics()))
