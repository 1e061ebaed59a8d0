"""Request bodies, named and typed as the Pact Broker's API documents them."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool

__all__ = [
    "ContractBody",
    "DeployedVersionPatch",
    "DeploymentBody",
    "EnvironmentBody",
    "PacticipantBody",
    "PacticipantCreate",
    "PublishContractsBody",
    "ReleaseBody",
    "ReleasedVersionPatch",
    "TagName",
    "VerificationBody",
    "VersionBody",
    "WebhookBody",
]

Name = Field(min_length=1, max_length=255, pattern=r"[^ \t\r\n\f\v]")


class _Body(BaseModel):
    model_config = ConfigDict(extra="allow")


class ContractBody(_Body):
    consumerName: str | None = None
    providerName: str | None = None
    specification: str = "pact"
    contentType: str = "application/json"
    content: str = Field(min_length=1)
    onConflict: Literal["overwrite", "merge"] = "overwrite"


class PublishContractsBody(_Body):
    pacticipantName: str = Name
    pacticipantVersionNumber: str = Name
    branch: str | None = Field(default=None, min_length=1, max_length=255)
    tags: list[str] | None = None
    buildUrl: str | None = None
    contracts: list[ContractBody] = Field(min_length=1)


class PacticipantBody(_Body):
    name: str | None = Field(default=None, min_length=1, max_length=255)
    displayName: str | None = None
    mainBranch: str | None = None
    repositoryUrl: str | None = None
    repositoryName: str | None = None
    repositoryNamespace: str | None = None


class PacticipantCreate(PacticipantBody):
    name: str = Name


class TagName(_Body):
    name: str = Name


class VersionBody(_Body):
    """A version as the Pact Broker takes it (`tags` as `[{"name": ...}]`); `branch` puts it on a branch
    too (an accord extension)."""

    buildUrl: str | None = None
    branch: str | None = Field(default=None, min_length=1, max_length=255)
    tags: list[TagName] | None = None

    def fields(self) -> dict[str, Any]:
        """The fields given, tags as their names."""
        given = self.model_dump(exclude_unset=True)
        if self.tags is not None:
            given["tags"] = [t.name for t in self.tags]
        return given


class VerificationBody(_Body):
    success: StrictBool
    providerApplicationVersion: str = Name
    providerApplicationVersionBranch: str | None = Field(default=None, min_length=1, max_length=255)
    providerApplicationVersionTags: list[str] | None = None
    buildUrl: str | None = None
    testResults: Any = None
    verifiedBy: Any = None


class EnvironmentBody(_Body):
    name: str = Field(min_length=1, max_length=255, pattern=r"^[^ \t\r\n\f\v]+$")
    displayName: str | None = None
    production: StrictBool = False
    contacts: list[dict[str, Any]] | None = None
    uuid: str | None = Field(default=None, pattern=r"^[A-Za-z0-9-]{1,36}$")


class DeploymentBody(_Body):
    applicationInstance: str | None = None
    target: str | None = None


class ReleaseBody(_Body):
    """record-release takes no fields; a body, when sent, must still be JSON (the Pact Broker: 400/415)."""


class DeployedVersionPatch(_Body):
    currentlyDeployed: StrictBool | None = None  # absent: nothing changes (an empty merge patch)


class ReleasedVersionPatch(_Body):
    currentlySupported: StrictBool | None = None  # absent: nothing changes


class WebhookRequest(_Body):
    method: str | None = None
    url: str | None = None
    headers: dict[str, Any] | None = None
    body: Any = None
    username: str | None = None
    password: str | None = None


class WebhookBody(_Body):
    """A webhook as the Pact Broker takes it; the broker checks events, URL and method itself, so
    that each problem is named in `errors` as the Pact Broker names it (`request.url`, `events`)."""

    description: str | None = None
    consumer: dict[str, Any] | None = None
    provider: dict[str, Any] | None = None
    events: list[dict[str, Any]] | None = None
    request: WebhookRequest | None = None
    enabled: StrictBool | None = None
