"""Provider contracts (PactFlow's bi-directional API): a provider publishes its OpenAPI (or AsyncAPI)
document with the result of testing itself against it (`accord fuzz --publish`, `accord broker
publish-provider-contract`), and reads it back per version."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from .. import links
from ..deps import Base, Registry, hal
from ..paths import SegmentRoute
from ..representations.common import iso
from ..schemas.common import responses

router = APIRouter(tags=["provider contracts"], route_class=SegmentRoute)

PREFIX = "/provider-contracts/provider/{provider}"


class SelfVerificationResults(BaseModel):
    model_config = ConfigDict(extra="allow")
    success: bool
    content: str | None = None
    contentType: str | None = None
    format: str | None = None
    verifier: str | None = None
    verifierVersion: str | None = None


class ProviderContractContent(BaseModel):
    model_config = ConfigDict(extra="allow")
    content: str = Field(min_length=1)
    contentType: str = "application/json"
    specification: str = "oas"
    selfVerificationResults: SelfVerificationResults | None = None


class PublishProviderContractBody(BaseModel):
    model_config = ConfigDict(extra="allow")
    pacticipantVersionNumber: str = Field(min_length=1, max_length=255, pattern=r"\S")
    branch: str | None = Field(default=None, min_length=1, max_length=255)
    tags: list[str] | None = None
    buildUrl: str | None = None
    contract: ProviderContractContent


class ProviderContractTheOldWayBody(BaseModel):
    """PactFlow's earlier request (`PUT /contracts/provider/{p}/version/{v}`), which older clients send."""

    model_config = ConfigDict(extra="allow")
    content: str = Field(min_length=1)
    contractType: str = "oas"
    contentType: str = "application/json"
    verificationResults: SelfVerificationResults | None = None


def _with_links(base: str, view: dict[str, Any]) -> dict[str, Any]:
    provider, number = view["provider"], view["version"]
    shown = {k: v for k, v in view.items() if k not in ("id", "comparisons")}
    return {
        **shown,
        "createdAt": iso(view["createdAt"]),
        "_links": {
            "self": links.link(links.provider_contract(base, provider, number), "Provider contract"),
            "pb:pacticipant-version": links.link(links.version(base, provider, number), "Version", number),
            "pf:ui": links.link(links.web_pacticipant(base, provider), "The provider in the web view"),
            "pb:comparisons": links.link(
                links.comparisons_of_contract(base, provider, number),
                "How each consumer pact compares with this contract",
            ),
        },
    }


def _published(base: str, view: dict[str, Any], body: PublishProviderContractBody) -> dict[str, Any]:
    """PactFlow's answer to a publication: notices, the version embedded, links to its tags and branch."""
    provider, number = view["provider"], view["version"]
    out = _with_links(base, view)
    out["notices"] = [
        {
            "type": "success",
            "text": f"Successfully published provider contract for {provider} version {number}",
        },
        {
            "type": "info",
            "text": f"Compared with {view['comparisons']} consumer pact(s) of {provider}",
        },
    ]
    out["_embedded"] = {"version": {"number": number}}
    out["_links"]["pb:pacticipant-version-tags"] = [
        links.link(links.tag(base, provider, number, tag), "Tag", tag) for tag in body.tags or ()
    ]
    if body.branch:
        out["_links"]["pb:branch-version"] = links.link(
            links.branch_version(base, provider, body.branch, number), "Branch version", body.branch
        )
    return out


@router.post(PREFIX + "/publish", response_class=JSONResponse, responses=responses(200, 201, 400))
def publish_provider_contract(
    provider: str, body: PublishProviderContractBody, services: Registry, base: Base
) -> JSONResponse:
    view, first = services.provider_contracts.publish(provider, body.model_dump())
    return hal(_published(base, view, body), 201 if first else 200)


@router.put(
    "/contracts/provider/{provider}/version/{version}",
    response_class=JSONResponse,
    responses=responses(200, 201, 400),
)
def put_provider_contract(
    provider: str, version: str, body: ProviderContractTheOldWayBody, services: Registry, base: Base
) -> JSONResponse:
    results = body.verificationResults.model_dump() if body.verificationResults else None
    contract = {
        "content": body.content,
        "specification": body.contractType,
        "contentType": body.contentType,
        "selfVerificationResults": results,
    }
    view, first = services.provider_contracts.publish(
        provider, {"pacticipantVersionNumber": version, "contract": contract}
    )
    return hal(_with_links(base, view), 201 if first else 200)


@router.get(PREFIX + "/version/{version}", response_class=JSONResponse, responses=responses(200, 404))
def get_provider_contract(provider: str, version: str, services: Registry, base: Base) -> JSONResponse:
    return hal(_with_links(base, services.provider_contracts.latest(provider, version)))
