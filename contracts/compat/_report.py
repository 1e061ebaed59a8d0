"""Findings of a pact-vs-contract comparison, in swagger-mock-validator's report shape.

`CODES` is the one list of codes: each with its type (error or warning) and what it means. HTTP codes
are swagger-mock-validator's, with its error/warning split; `message.*` codes are accord's own
(message pacts against AsyncAPI).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from .._pointers import MISSING, resolve_pointer

__all__ = ["CODES", "CompatReport", "Finding", "MockDetails", "SpecDetails", "dotted", "value_at"]

FindingType = Literal["error", "warning"]

CODES: dict[str, tuple[FindingType, str]] = {
    "request.accept.incompatible": (
        "error",
        "the request's Accept matches no media type the operation produces",
    ),
    "request.accept.unknown": (
        "warning",
        "the request sends Accept but the operation declares no response media type",
    ),
    "request.authorization.missing": (
        "error",
        "the operation requires credentials the request does not carry",
    ),
    "request.body.incompatible": (
        "error",
        "the request body does not match the operation's request body schema",
    ),
    "request.body.unknown": ("warning", "the request has a body but the operation declares none"),
    "request.content-type.incompatible": (
        "error",
        "the request's Content-Type is not one the operation accepts",
    ),
    "request.content-type.missing": ("warning", "the request has a body without a Content-Type"),
    "request.content-type.unknown": (
        "warning",
        "the request sends Content-Type but the operation declares no body",
    ),
    "request.header.incompatible": ("error", "a request header does not match its parameter"),
    "request.header.unknown": ("warning", "the request sends a header the operation does not declare"),
    "request.path-or-method.unknown": ("error", "no operation in the contract has this path and method"),
    "request.query.incompatible": ("error", "a query parameter is missing or does not match its schema"),
    "request.query.unknown": (
        "warning",
        "the request sends a query parameter the operation does not declare",
    ),
    "response.body.incompatible": ("error", "the response body does not match the response schema"),
    "response.body.unknown": (
        "error",
        "the response has a body but no schema is declared for its media type",
    ),
    "response.content-type.incompatible": (
        "error",
        "the response's Content-Type is not one the status declares",
    ),
    "response.content-type.unknown": (
        "warning",
        "the response sends Content-Type but the status declares no content",
    ),
    "response.header.incompatible": ("error", "a response header does not match its declared schema"),
    "response.header.undefined": ("warning", "a standard HTTP response header the contract does not declare"),
    "response.header.unknown": ("error", "a non-standard response header the contract does not declare"),
    "response.status.default": ("warning", "the status is only covered by the operation's default response"),
    "response.status.unknown": ("error", "the operation declares neither this status nor a default"),
    "message.channel.missing": (
        "warning",
        "the message names no channel; every message of the contract was tried",
    ),
    "message.channel.unknown": ("error", "the channel the message names is not in the contract"),
    "message.content-type.incompatible": (
        "error",
        "the message's content type is not the contract message's",
    ),
    "message.payload.incompatible": ("error", "the message payload matches no message of its channel"),
    "message.unknown": ("error", "the channel has no messages the provider sends"),
}


def dotted(pointer: str) -> str:
    """A JSON pointer in swagger-mock-validator's location form: `[root].paths./pets.get`."""
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]] if pointer else []
    return "[root]" + "".join(f".{p}" for p in parts)


def value_at(value: Any, pointer: str) -> Any:
    """The part of a pact value a finding is about (None when the pointer leads nowhere)."""
    found = resolve_pointer(value, pointer)
    return None if found is MISSING else found


@dataclass(frozen=True, slots=True)
class MockDetails:
    interaction_description: str
    interaction_state: str
    location: str
    mock_file: str
    value: Any

    def as_json(self) -> dict[str, Any]:
        return {
            "interactionDescription": self.interaction_description,
            "interactionState": self.interaction_state,
            "location": self.location,
            "mockFile": self.mock_file,
            "value": self.value,
        }


@dataclass(frozen=True, slots=True)
class SpecDetails:
    location: str
    path_method: str | None
    path_name: str | None
    spec_file: str
    value: Any

    def as_json(self) -> dict[str, Any]:
        return {
            "location": self.location,
            "pathMethod": self.path_method,
            "pathName": self.path_name,
            "specFile": self.spec_file,
            "value": self.value,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    message: str
    mock: MockDetails
    spec: SpecDetails

    @property
    def type(self) -> FindingType:
        return CODES[self.code][0]

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "type": self.type,
            "message": self.message,
            "mockDetails": self.mock.as_json(),
            "specDetails": self.spec.as_json(),
        }


@dataclass(slots=True)
class CompatReport:
    """What comparing one pact with one contract found. `checked` counts the interactions compared."""

    pact_file: str
    contract_file: str
    checked: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.type == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.type == "warning"]

    @property
    def success(self) -> bool:
        """Compatible: at least one interaction compared and no errors (never green on nothing)."""
        return self.checked > 0 and not self.errors

    def as_json(self) -> dict[str, Any]:
        return {
            "success": self.success,
            "errors": [f.as_json() for f in self.errors],
            "warnings": [f.as_json() for f in self.warnings],
        }
