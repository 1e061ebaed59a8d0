"""Request bodies, named and typed as the Pact Broker's API documents them."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "ContractBody",
    "DeployedVersionPatch",
    "DeploymentBody",
    "EnvironmentBody",
    "PacticipantBody",
    "PublishContractsBody",
    "ReleasedVersionPatch",
    "VerificationBody",
    "VersionBody",
]

Name = Field(min_length=1, max_length=255, pattern=r"\S")


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


class VersionBody(_Body):
    buildUrl: str | None = None
    branch: str | None = Field(default=None, min_length=1, max_length=255)
    tags: list[str] | None = None


class VerificationBody(_Body):
    success: bool
    providerApplicationVersion: str = Name
    providerApplicationVersionBranch: str | None = Field(default=None, min_length=1, max_length=255)
    providerApplicationVersionTags: list[str] | None = None
    buildUrl: str | None = None
    testResults: Any = None
    verifiedBy: Any = None


class EnvironmentBody(_Body):
    name: str = Field(min_length=1, max_length=255, pattern=r"^\S+$")
    displayName: str | None = None
    production: bool = False
    contacts: list[dict[str, Any]] | None = None
    uuid: str | None = Field(default=None, pattern=r"^[A-Za-z0-9-]{1,36}$")


class DeploymentBody(_Body):
    applicationInstance: str | None = None
    target: str | None = None


class DeployedVersionPatch(_Body):
    currentlyDeployed: bool


class ReleasedVersionPatch(_Body):
    currentlySupported: bool
