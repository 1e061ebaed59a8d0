"""The one HAL client for any Pact Broker (accord's, the Pact Foundation's or PactFlow), over plain
HTTP: every command that talks to a broker (publish, can-i-deploy, record-deployment, fuzz --publish)
goes through it, so they authenticate alike (a bearer token, else HTTP Basic)."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import httpx

__all__ = ["PUBLISH_PROVIDER_CONTRACT", "BrokerClient", "BrokerClientError"]

PUBLISH_PROVIDER_CONTRACT = "pf:publish-provider-contract"  # PactFlow's bi-directional relation


class BrokerClientError(Exception):
    """The broker could not be reached, or refused the request (the message says why, in one line)."""


def _expand(href: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        href = href.replace("{" + key + "}", quote(value, safe=""))
    return href


class BrokerClient:
    def __init__(
        self,
        base_url: str,
        timeout: float = 30.0,
        *,
        username: str | None = None,
        password: str | None = None,
        token: str | None = None,
    ) -> None:
        """`token` is sent as a bearer token, else `username`/`password` as HTTP Basic."""
        self.base_url = base_url.rstrip("/")
        headers = {"Accept": "application/hal+json, application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        auth = (username, password or "") if username and not token else None
        self.http = httpx.Client(timeout=timeout, headers=headers, auth=auth)
        self._index: dict[str, Any] | None = None

    def _send(self, method: str, url: str, **kwargs: Any) -> tuple[int, dict[str, Any]]:
        """The status and the JSON body of a request the broker accepted (else BrokerClientError)."""
        try:
            response = self.http.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            raise BrokerClientError(f"cannot reach the broker at {self.base_url}: {exc}") from None
        try:
            body = response.json() if response.content else {}
        except ValueError:
            body = {"detail": response.text[:200]}
        if response.status_code >= 400:
            detail = body.get("detail") or body.get("errors") or body
            raise BrokerClientError(f"{method} {url} answered {response.status_code}: {detail}")
        return response.status_code, body

    def _request(self, method: str, url: str, **kwargs: Any) -> dict[str, Any]:
        return self._send(method, url, **kwargs)[1]

    def relation(self, rel: str, **values: str) -> str:
        if self._index is None:
            self._index = self._request("GET", self.base_url + "/")
        link = self._index.get("_links", {}).get(rel)
        if not isinstance(link, dict):
            raise BrokerClientError(f"the broker at {self.base_url} does not offer {rel}")
        return _expand(link["href"], values)

    def publish(
        self,
        files: list[Path],
        version: str,
        *,
        branch: str | None = None,
        tags: list[str] | None = None,
        build_url: str | None = None,
        merge: bool = False,
    ) -> list[str]:
        """POST every pact of one consumer to pb:publish-contracts; returns the broker's notices."""
        contracts, consumers = [], set()
        for file in files:
            try:
                raw = file.read_bytes()
                pact = json.loads(raw)
                consumer, provider = pact["consumer"]["name"], pact["provider"]["name"]
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise BrokerClientError(f"{file}: not a readable pact file ({exc})") from None
            consumers.add(consumer)
            contracts.append(
                {
                    "consumerName": consumer,
                    "providerName": provider,
                    "specification": "pact",
                    "contentType": "application/json",
                    "content": base64.b64encode(raw).decode(),
                    "onConflict": "merge" if merge else "overwrite",
                }
            )
        notices: list[str] = []
        for consumer in sorted(consumers):
            body: dict[str, Any] = {
                "pacticipantName": consumer,
                "pacticipantVersionNumber": version,
                "contracts": [c for c in contracts if c["consumerName"] == consumer],
            }
            if branch:
                body["branch"] = branch
            if tags:
                body["tags"] = tags
            if build_url:
                body["buildUrl"] = build_url
            result = self._request("POST", self.relation("pb:publish-contracts"), json=body)
            notices += [n.get("text", "") for n in result.get("notices", [])]
        return notices

    def provider_contract_url(self, provider: str) -> str:
        """Where a provider contract is published: the index's pf:publish-provider-contract link, else
        its documented path (a broker that does not advertise it answers there, or says no there)."""
        try:
            return self.relation(PUBLISH_PROVIDER_CONTRACT, provider=provider)
        except BrokerClientError:
            return f"{self.base_url}/provider-contracts/provider/{quote(provider, safe='')}/publish"

    def publish_provider_contract(self, provider: str, body: dict[str, Any]) -> dict[str, Any]:
        """POST a provider contract (PactFlow's body: version, branch, tags, build URL and the base64
        contract with its self-verification results) to `provider_contract_url`; returns the answer."""
        return self._request(
            "POST",
            self.provider_contract_url(provider),
            json=body,
            headers={"Accept": "application/hal+json, application/problem+json"},
        )

    def create_environment(
        self,
        name: str,
        *,
        display_name: str | None = None,
        production: bool = False,
        contact_name: str | None = None,
        contact_email_address: str | None = None,
    ) -> dict[str, Any]:
        """POST pb:environments; returns the environment the broker created (with its uuid)."""
        body: dict[str, Any] = {"name": name, "production": production}
        if display_name:
            body["displayName"] = display_name
        if contact_name or contact_email_address:
            contact: dict[str, Any] = {"name": contact_name} if contact_name else {}
            if contact_email_address:
                contact["details"] = {"emailAddress": contact_email_address}
            body["contacts"] = [contact]
        return self._request("POST", self.relation("pb:environments"), json=body)

    def create_or_update_pacticipant(
        self,
        name: str,
        *,
        main_branch: str | None = None,
        repository_url: str | None = None,
        display_name: str | None = None,
    ) -> tuple[bool, dict[str, Any]]:
        """One PATCH of pb:pacticipant (a merge patch: fields not given keep their values), which
        creates the pacticipant when it is missing, on accord's broker and the Pact Foundation's
        alike; so two pipelines doing it at once cannot collide. Returns (created, pacticipant)."""
        fields = {"mainBranch": main_branch, "repositoryUrl": repository_url, "displayName": display_name}
        body = {"name": name, **{key: value for key, value in fields.items() if value is not None}}
        status, pacticipant = self._send(
            "PATCH",
            self.relation("pb:pacticipant", pacticipant=name),
            content=json.dumps(body),
            headers={"Content-Type": "application/merge-patch+json"},
        )
        return status == 201, pacticipant

    def record_deployment(
        self, pacticipant: str, version: str, environment: str, instance: str | None
    ) -> dict[str, Any]:
        """POST the version's pb:record-deployment link for the environment; returns the deployed version."""
        body = {"applicationInstance": instance} if instance else {}
        return self._record("pb:record-deployment", pacticipant, version, environment, body)

    def record_release(self, pacticipant: str, version: str, environment: str) -> dict[str, Any]:
        """POST the version's pb:record-release link for the environment; returns the released version."""
        return self._record("pb:record-release", pacticipant, version, environment, {})

    def _record(
        self, rel: str, pacticipant: str, version: str, environment: str, body: dict[str, Any]
    ) -> dict[str, Any]:
        url = self.relation("pb:pacticipant-version", pacticipant=pacticipant, version=version)
        resource = self._request("GET", url)
        targets = resource.get("_links", {}).get(rel) or []
        if isinstance(targets, dict):
            targets = [targets]
        link = next((t for t in targets if t.get("name") == environment), None)
        if link is None:
            raise BrokerClientError(f"no environment named {environment} on the broker")
        return self._request("POST", link["href"], json=body)

    def close(self) -> None:
        self.http.close()

    def can_i_deploy(self, pacticipant: str, version: str, environment: str) -> dict[str, Any]:
        query = urlencode(
            [
                ("q[][pacticipant]", pacticipant),
                ("q[][version]", version),
                ("latestby", "cvp"),
                ("environment", environment),
            ]
        )
        return self._request("GET", f"{self.base_url}/matrix?{query}")
