"""`accord fuzz --publish`: the fuzz result goes to a broker as the provider's self-verification.

The representation is PactFlow's bi-directional "provider contract" (so it also works with PactFlow):
POST {broker}/provider-contracts/provider/{provider}/publish (or the index's
`pf:publish-provider-contract` link) with the provider version, branch, tags and build URL, and the
contract (the bundled OpenAPI document, base64) carrying `selfVerificationResults`: success, the
accord fuzz JSON report (base64, application/json), verifier "accord fuzz" and its version.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any

import orjson
from accord.contracts import Contract, dump_document

from ._result import FuzzResult

__all__ = ["PublishError", "PublishTarget", "publish_self_verification", "self_verification_body"]

VERIFIER = "accord fuzz"


class PublishError(RuntimeError):
    """The broker could not be reached or refused the publication (one line)."""


@dataclass
class PublishTarget:
    broker_url: str
    provider: str
    version: str
    branch: str | None = None
    tags: list[str] = field(default_factory=list)
    build_url: str | None = None
    token: str | None = None
    username: str | None = None
    password: str | None = None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def self_verification_body(
    contract: Contract, result: FuzzResult, target: PublishTarget, verifier_version: str
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "pacticipantVersionNumber": target.version,
        "tags": target.tags,
        "contract": {
            "content": _b64(dump_document(contract.document, as_json=True).encode()),
            "contentType": "application/json",
            "specification": "oas",
            "selfVerificationResults": {
                "success": result.passed,
                "content": _b64(orjson.dumps(result.as_json())),
                "contentType": "application/json",
                "format": "json",
                "verifier": VERIFIER,
                "verifierVersion": verifier_version,
            },
        },
    }
    if target.branch:
        body["branch"] = target.branch
    if target.build_url:
        body["buildUrl"] = target.build_url
    return body


def publish_self_verification(
    contract: Contract, result: FuzzResult, target: PublishTarget, verifier_version: str
) -> str:
    """Publish through the broker client (a bearer token, else HTTP Basic); returns the URL published
    to. PublishError when the broker is down or says no."""
    from accord.contracts import BrokerClient, BrokerClientError

    body = self_verification_body(contract, result, target, verifier_version)
    client = BrokerClient(
        target.broker_url, username=target.username, password=target.password, token=target.token
    )
    try:
        url = client.provider_contract_url(target.provider)
        client.publish_provider_contract(target.provider, body)
        return url
    except BrokerClientError as exc:
        raise PublishError(
            f"--broker-url {target.broker_url}: cannot publish the self-verification: {exc}"
        ) from None
    finally:
        client.close()
