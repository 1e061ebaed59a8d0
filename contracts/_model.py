"""The normalised model: one shape for OpenAPI operations and AsyncAPI channels, whatever the version.

Schemas stay as they are written in the bundled document (a `$ref` stays a `$ref`), so recursive
schemas are plain data; `Contract.resolve()` follows references when a consumer needs the target.
Every object keeps the JSON pointer of where it is defined in the bundled document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ._lifecycle import LifecycleDate, StabilityLevel

__all__ = [
    "HTTP_METHODS",
    "AsyncOperation",
    "Channel",
    "Header",
    "MediaType",
    "Message",
    "OAuthFlow",
    "Operation",
    "Parameter",
    "RequestBody",
    "Response",
    "SecurityScheme",
    "Server",
    "Tag",
]

# The operations an OpenAPI path item may hold, in the specification's order.
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
ParameterLocation = Literal["path", "query", "querystring", "header", "cookie"]  # querystring: 3.2


@dataclass(slots=True)
class MediaType:
    media_type: str
    schema: Any  # a JSON Schema (dict or bool), $refs kept; None when the contract gives none
    examples: dict[str, Any]  # name -> example value (the unnamed `example` is "default")
    pointer: str
    encoding: dict[str, Any] = field(default_factory=dict)
    item_schema: Any = None  # OpenAPI 3.2 `itemSchema`: the schema of each item of a sequential body
    item_encoding: dict[str, Any] = field(default_factory=dict)  # 3.2 `itemEncoding`


@dataclass(slots=True)
class Parameter:
    name: str
    location: ParameterLocation
    required: bool
    schema: Any
    pointer: str
    deprecated: bool = False
    sunset: LifecycleDate | None = None  # x-sunset
    style: str | None = None
    explode: bool | None = None
    description: str | None = None
    examples: dict[str, Any] = field(default_factory=dict)
    content: dict[str, MediaType] = field(default_factory=dict)  # OpenAPI 3 `content` instead of schema

    @property
    def key(self) -> tuple[str, str]:
        """Identity within an operation: header names are case-insensitive."""
        return (self.location, self.name.lower() if self.location == "header" else self.name)


@dataclass(slots=True)
class RequestBody:
    required: bool
    content: dict[str, MediaType]
    pointer: str
    description: str | None = None


@dataclass(slots=True)
class Header:
    name: str
    required: bool
    schema: Any
    pointer: str
    deprecated: bool = False


@dataclass(slots=True)
class Response:
    status: str  # "200", "4XX", "default"
    description: str | None
    content: dict[str, MediaType]
    headers: dict[str, Header]
    pointer: str
    links: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class SecurityScheme:
    name: str
    type: str  # apiKey, http, oauth2, openIdConnect, mutualTLS, basic (2.0), userPassword, ...
    pointer: str
    scheme: str | None = None  # http: bearer, basic, ...
    location: str | None = None  # apiKey: query, header, cookie
    parameter_name: str | None = None  # apiKey: the header/query/cookie name
    raw: dict[str, Any] = field(default_factory=dict)
    deprecated: bool = False  # OpenAPI 3.2
    flows: dict[str, OAuthFlow] = field(default_factory=dict)  # oauth2: flow name -> flow (3.x)
    metadata_url: str | None = None  # oauth2: 3.2 `oauth2MetadataUrl` (RFC 8414)


@dataclass(slots=True)
class OAuthFlow:
    """One OAuth2 flow: implicit, password, clientCredentials, authorizationCode, or 3.2 deviceAuthorization."""

    name: str
    pointer: str
    scopes: dict[str, str]
    authorization_url: str | None = None
    token_url: str | None = None
    refresh_url: str | None = None
    device_authorization_url: str | None = None  # 3.2 deviceAuthorization (RFC 8628)


@dataclass(slots=True)
class Tag:
    """A root tag. `parent` and `kind` are OpenAPI 3.2 (nested tags; e.g. kind "nav", "badge", "audience")."""

    name: str
    pointer: str
    summary: str | None = None
    description: str | None = None
    parent: str | None = None
    kind: str | None = None


@dataclass(slots=True)
class Server:
    url: str
    pointer: str
    name: str | None = None
    protocol: str | None = None
    description: str | None = None
    variables: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Operation:
    """One HTTP operation."""

    method: str  # lower case: get, put, post, delete, options, head, patch, trace; 3.2: query and
    # any `additionalOperations` method (lower-cased here; written upper case on the wire)
    path: str  # the path template as written, e.g. /orders/{id}
    operation_id: str | None
    pointer: str
    parameters: list[Parameter]
    request_body: RequestBody | None
    responses: dict[str, Response]
    security: list[dict[str, list[str]]] | None  # None: inherits the document's
    tags: list[str]
    deprecated: bool = False
    sunset: LifecycleDate | None = None  # x-sunset
    deprecated_at: LifecycleDate | None = None  # x-deprecated-at
    stability: StabilityLevel | None = None  # x-stability-level
    summary: str | None = None
    description: str | None = None
    servers: list[Server] = field(default_factory=list)
    extensions: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """ "GET /orders/{id}": how the operation is named in findings and reports."""
        return f"{self.method.upper()} {self.path}"


@dataclass(slots=True)
class Message:
    name: str
    pointer: str
    payload: Any  # schema (dict) or None
    headers: Any  # schema or None
    examples: list[dict[str, Any]]  # each {"name"?, "payload"?, "headers"?}
    content_type: str | None = None
    schema_format: str | None = None
    message_id: str | None = None
    title: str | None = None
    bindings: dict[str, Any] = field(default_factory=dict)
    correlation_id: Any = None


@dataclass(slots=True)
class Channel:
    key: str  # the key in `channels`
    address: str | None  # 3.x address (may be None); 2.x: the key
    pointer: str
    parameters: dict[str, Any]
    messages: dict[str, Message]
    servers: list[str]  # server names; empty means all
    bindings: dict[str, Any] = field(default_factory=dict)
    description: str | None = None


@dataclass(slots=True)
class AsyncOperation:
    """An AsyncAPI operation. 2.x `publish` is mapped to `receive` and `subscribe` to `send`.

    In 2.x, `publish` means other applications publish and this application receives; `subscribe`
    means this application sends. 3.x names the application's own action directly.
    """

    key: str
    action: Literal["send", "receive"]
    channel: str  # channel key
    messages: list[Message]
    pointer: str
    operation_id: str | None = None
    summary: str | None = None
    tags: list[str] = field(default_factory=list)
    security: list[Any] | None = None
    bindings: dict[str, Any] = field(default_factory=dict)
    reply: Any = None
