"""GET /webhooks: the broker runs no webhooks; the collection exists (and is empty) for clients that list it."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from ..deps import Base, hal
from ..representations import webhook as representation
from ..schemas.common import responses

router = APIRouter(tags=["webhooks"])


@router.get("/webhooks", response_class=JSONResponse, responses=responses(200))
def list_webhooks(base: Base) -> JSONResponse:
    return hal(representation.webhooks(base))
