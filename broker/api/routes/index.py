"""GET /: the index of link relations."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from ..deps import Base, hal
from ..representations import index as representation
from ..schemas.common import responses

router = APIRouter(tags=["index"])


@router.get("/", response_class=JSONResponse, responses=responses(200))
def get_index(base: Base) -> JSONResponse:
    return hal(representation.index(base))
