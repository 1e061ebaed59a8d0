"""Building pacts and publishing them over plain HTTP, for tests that are about the broker's rules."""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import urlencode

import httpx


def pact_json(consumer: str, provider: str, *descriptions: str) -> dict[str, Any]:
    return {
        "consumer": {"name": consumer},
        "provider": {"name": provider},
        "interactions": [
            {
                "description": d,
                "request": {"method": "GET", "path": f"/{d.replace(' ', '-')}"},
                "response": {"status": 200},
            }
            for d in descriptions or ("a request",)
        ],
        "metadata": {"pactSpecification": {"version": "3.0.0"}},
    }


SCRIPT = "<script>alert('pwned')</script>"  # markup a pact may hold, which a page must escape


def hostile_pact(consumer: str, provider: str) -> dict[str, Any]:
    """A V2 pact with SCRIPT in its description, provider state, path, a header and the body."""
    return {
        "consumer": {"name": consumer},
        "provider": {"name": provider},
        "interactions": [
            {
                "description": SCRIPT,
                "providerState": f"state {SCRIPT}",
                "request": {"method": "GET", "path": f"/x{SCRIPT}", "headers": {"X-Evil": SCRIPT}},
                "response": {"status": 200, "body": {"html": SCRIPT}},
            }
        ],
        "metadata": {"pactSpecification": {"version": "2.0.0"}},
    }


def publish(
    broker: str,
    consumer: str,
    version: str,
    provider: str,
    *descriptions: str,
    branch: str | None = None,
    tags: list[str] | None = None,
    on_conflict: str = "overwrite",
) -> httpx.Response:
    document = pact_json(consumer, provider, *descriptions)
    return publish_document(broker, document, version, branch=branch, tags=tags, on_conflict=on_conflict)


def publish_document(
    broker: str,
    document: dict[str, Any],
    version: str,
    *,
    branch: str | None = None,
    tags: list[str] | None = None,
    on_conflict: str = "overwrite",
    auth: tuple[str, str] | None = None,
) -> httpx.Response:
    """POST /contracts/publish with this pact document (its consumer's version `version`)."""
    consumer, provider = document["consumer"]["name"], document["provider"]["name"]
    content = base64.b64encode(json.dumps(document).encode()).decode()
    body: dict[str, Any] = {
        "pacticipantName": consumer,
        "pacticipantVersionNumber": version,
        "contracts": [
            {
                "consumerName": consumer,
                "providerName": provider,
                "specification": "pact",
                "contentType": "application/json",
                "content": content,
                "onConflict": on_conflict,
            }
        ],
    }
    if branch:
        body["branch"] = branch
    if tags:
        body["tags"] = tags
    return httpx.post(f"{broker}/contracts/publish", json=body, timeout=60, auth=auth)


def verify(
    broker: str,
    consumer: str,
    version: str,
    provider: str,
    provider_version: str,
    success: bool,
    branch: str | None = None,
) -> httpx.Response:
    pact = httpx.get(f"{broker}/pacts/provider/{provider}/consumer/{consumer}/version/{version}").json()
    body: dict[str, Any] = {"success": success, "providerApplicationVersion": provider_version}
    if branch:
        body["providerApplicationVersionBranch"] = branch
    return httpx.post(pact["_links"]["pb:publish-verification-results"]["href"], json=body)


def environment(broker: str, name: str) -> str:
    return httpx.post(
        f"{broker}/environments", json={"name": name, "production": name == "production"}
    ).json()["uuid"]


def deploy(broker: str, pacticipant: str, version: str, env_uuid: str) -> httpx.Response:
    return httpx.post(
        f"{broker}/pacticipants/{pacticipant}/versions/{version}/deployed-versions/environment/{env_uuid}",
        json={},
    )


def matrix(broker: str, params: list[tuple[str, str]]) -> httpx.Response:
    """GET /matrix with the parameters in this order (httpx's params= would group repeated keys)."""
    return httpx.get(f"{broker}/matrix?{urlencode(params)}")
