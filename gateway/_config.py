"""gateway.yaml: the pydantic model, and loading it with one clear line per mistake.

Checks that need more than the file (the contracts exist and name the configured operations, the
rate strings parse, Redis answers) are done by `GatewayConfig.check()` before the gateway listens.
"""

from __future__ import annotations

import ipaddress
import os
import re
from datetime import date, datetime
from pathlib import Path
from typing import Literal

import yaml
from accord.contracts import DATE_FORMS, LifecycleDate, parse_lifecycle_date
from accord.contracts.http import check_port
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

__all__ = [
    "ApiConfig",
    "ConfigError",
    "CorsConfig",
    "DeprecationConfig",
    "DiscoveryConfig",
    "GatewayConfig",
    "RateLimitPolicy",
    "RateLimitSettings",
    "SchemeConfig",
    "SecurityConfig",
    "ValidationConfig",
    "VersionConfig",
    "VersioningConfig",
    "load_config",
]


_HEADER_NAME = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")


class ConfigError(ValueError):
    """A gateway configuration that cannot be served; the message is one line naming the file."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class ValidationConfig(_Model):
    requests: Literal["off", "report", "enforce"] = "off"
    responses: Literal["off", "report"] = "off"
    # 400 for malformed input (bad JSON, parameters); schema violations of a well-formed body use this
    body_status: Literal[400, 422] = 422

    @field_validator("requests", "responses", mode="before")
    @classmethod
    def _yaml_off(cls, value: object) -> object:
        return "off" if value is False else value  # YAML 1.1 reads a bare `off` as false


class DeprecationConfig(_Model):
    headers: bool = True
    deprecation_link: str | None = None  # documentation URL for rel="deprecation"
    sunset_link: str | None = None  # documentation URL for rel="sunset"
    after_sunset: Literal["gone", "pass"] = "gone"
    # operationId -> an RFC 3339 date or date-time, for operations whose contract has no x-deprecated-at
    deprecated_at: dict[str, str] = Field(default_factory=dict)

    @field_validator("deprecated_at", mode="before")
    @classmethod
    def _rfc3339(cls, value: object) -> object:
        """Each date as contracts read `x-deprecated-at`. A bare YAML date (always YYYY-MM-DD) is taken
        as written; a bare YAML date-time is refused: its text may not be RFC 3339 (a space for T)."""
        if not isinstance(value, dict):
            return value
        checked = {}
        for operation_id, stated in value.items():
            if isinstance(stated, date) and not isinstance(stated, datetime):
                stated = stated.isoformat()
            if parse_lifecycle_date(stated) is None:
                quote = " (quote it)" if isinstance(stated, datetime) else ""
                raise ValueError(f"{operation_id}: {stated!s} is not {DATE_FORMS}{quote}")
            checked[operation_id] = stated
        return checked

    @property
    def deprecated_moments(self) -> dict[str, datetime]:
        """`deprecated_at`, parsed: operationId -> the moment in UTC (a date is midnight UTC)."""
        return {
            operation_id: moment
            for operation_id, stated in self.deprecated_at.items()
            if (moment := LifecycleDate("deprecated_at", stated, "", parse_lifecycle_date(stated)).moment)
        }


class VersionConfig(_Model):
    contract: Path | list[Path]  # one contract, or several that together describe the version
    upstream: str | list[str]
    validation: ValidationConfig = Field(default_factory=ValidationConfig)
    deprecation: DeprecationConfig = Field(default_factory=DeprecationConfig)
    unknown_operations: Literal["strict", "pass"] | None = None

    @property
    def contracts(self) -> list[Path]:
        return [self.contract] if isinstance(self.contract, Path) else list(self.contract)

    @property
    def upstreams(self) -> list[str]:
        return [self.upstream] if isinstance(self.upstream, str) else list(self.upstream)

    @field_validator("contract")
    @classmethod
    def _some_contract(cls, value: Path | list[Path]) -> Path | list[Path]:
        if isinstance(value, list) and not value:
            raise ValueError("at least one contract is required")
        return value

    @field_validator("upstream")
    @classmethod
    def _http_upstream(cls, value: str | list[str]) -> str | list[str]:
        for url in [value] if isinstance(value, str) else value:
            if not url.startswith(("http://", "https://")):
                raise ValueError(f"upstream {url!r} must be an http:// or https:// URL")
        if not value:
            raise ValueError("at least one upstream is required")
        return value


class VersioningConfig(_Model):
    by: list[Literal["path", "header", "media-type"]] = Field(default_factory=lambda: ["path"])
    header: str = "Accept-Version"
    path_format: str = "v{version}"  # the path segment that names a version
    media_type_parameter: str = "version"
    default: str | None = None


class RateLimitPolicy(_Model):
    name: str = "default"
    limits: list[str]  # e.g. ["10/second", "1000/hour"]
    # client-ip | api-key:<Header-Name> | bearer-subject (the verified `sub`) | claim:<name> (verified)
    key: str = "client-ip"
    operations: list[str] | None = None  # operationIds; None: every request to the API
    on_storage_error: Literal["open", "closed"] | None = None

    @field_validator("key")
    @classmethod
    def _known_key(cls, value: str) -> str:
        if value in ("client-ip", "bearer-subject") or (
            value.startswith(("api-key:", "claim:")) and value.partition(":")[2].strip()
        ):
            return value
        raise ValueError(
            f"key {value!r} must be client-ip, bearer-subject, claim:<name> or api-key:<Header-Name>"
        )

    @property
    def claim(self) -> str | None:
        """The verified claim this policy counts by, if it counts by one."""
        if self.key == "bearer-subject":
            return "sub"
        return self.key[6:].strip() if self.key.startswith("claim:") else None


class SchemeConfig(_Model):
    """How the gateway verifies one of the contract's security schemes: a JWT (bearer, OAuth 2,
    OpenID Connect) against the issuer's JWKS, or an API key against a file of keys."""

    jwks_url: str | None = None
    issuer: str | None = None
    audience: str | list[str] | None = None
    algorithms: list[str] | None = None  # narrower than what each key's type allows; never none or HS*
    leeway: float = 0  # seconds of clock skew allowed on exp / nbf
    keys_file: Path | None = None  # API keys, one a line

    @model_validator(mode="after")
    def _one_kind(self) -> SchemeConfig:
        if self.keys_file is not None:
            if self.jwks_url or self.issuer or self.audience:
                raise ValueError("keys_file is for API keys; jwks_url, issuer and audience for tokens")
            return self
        if not (self.jwks_url and self.issuer and self.audience):
            raise ValueError(
                "a token scheme needs jwks_url, issuer and audience (an API key scheme keys_file)"
            )
        if not self.jwks_url.startswith(("http://", "https://")):
            raise ValueError(f"jwks_url {self.jwks_url!r} must be an http:// or https:// URL")
        for algorithm in self.algorithms or ():
            if algorithm.lower() == "none" or algorithm.upper().startswith("HS"):
                raise ValueError(f"algorithm {algorithm!r} is refused: tokens are verified with public keys")
        return self


class SecurityConfig(_Model):
    enforce: bool = True  # false: check, report (Accord-Security header and log) and forward anyway
    schemes: dict[str, SchemeConfig] = Field(default_factory=dict)  # keyed by the contract's scheme names
    forward_claims: dict[str, str] = Field(default_factory=dict)  # verified claim -> upstream header
    jwks_cache_seconds: float = 300  # keys are refetched after this long
    jwks_min_refresh_seconds: float = 10  # an unknown kid refetches the keys at most this often
    jwks_timeout: float = 5.0

    @field_validator("forward_claims")
    @classmethod
    def _header_names(cls, value: dict[str, str]) -> dict[str, str]:
        for claim, header in value.items():
            if not _HEADER_NAME.match(header):
                raise ValueError(f"forward_claims.{claim}: {header!r} is not a header name")
        return value


ANY_ORIGIN = "*"


class CorsConfig(_Model):
    origins: list[str]  # exact origins (scheme://host[:port]) or ["*"]
    methods: list[str] | None = None  # None: every method the contract's path has
    headers: list[str] = Field(default_factory=lambda: ["Authorization", "Content-Type"])  # or ["*"]
    expose_headers: list[str] = Field(
        default_factory=lambda: [
            "RateLimit",
            "RateLimit-Policy",
            "Retry-After",
            "Deprecation",
            "Sunset",
            "Link",
            "X-Request-Id",
            "WWW-Authenticate",
            "Accord-Security",
        ]
    )
    credentials: bool = False
    max_age: int = 600  # seconds a browser may cache a preflight

    @field_validator("origins")
    @classmethod
    def _origins(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("at least one origin is required")
        for origin in value:
            if origin != ANY_ORIGIN and (
                not origin.startswith(("http://", "https://")) or origin.count("/") != 2
            ):
                raise ValueError(f"origin {origin!r} must be scheme://host[:port] (no path) or *")
        return [origin.lower() for origin in value]

    @model_validator(mode="after")
    def _no_wildcard_with_credentials(self) -> CorsConfig:
        if self.credentials and ANY_ORIGIN in self.origins:
            raise ValueError(
                "origins '*' with credentials: true would let any site act as the user; name them"
            )
        return self


class ApiConfig(_Model):
    name: str
    prefix: str = ""  # where the API is mounted on the gateway, e.g. /shop
    versioning: VersioningConfig = Field(default_factory=VersioningConfig)
    versions: dict[str, VersionConfig]
    unknown_operations: Literal["strict", "pass"] = "pass"
    rate_limits: list[RateLimitPolicy] = Field(default_factory=list)
    security: SecurityConfig | None = None  # None: credentials are not verified at the gateway
    cors: CorsConfig | None = None

    @field_validator("prefix")
    @classmethod
    def _clean_prefix(cls, value: str) -> str:
        value = value.rstrip("/")
        if value and not value.startswith("/"):
            raise ValueError(f"prefix {value!r} must start with /")
        return value

    @model_validator(mode="after")
    def _default_is_known(self) -> ApiConfig:
        if not self.versions:
            raise ValueError("at least one version is required")
        if self.versioning.default is not None and self.versioning.default not in self.versions:
            known = ", ".join(self.versions)
            raise ValueError(f"default version {self.versioning.default!r} is not one of: {known}")
        return self


class RateLimitSettings(_Model):
    storage: str = "memory://"  # or redis://host:port/db
    strategy: Literal["moving-window", "sliding-window-counter", "fixed-window"] = "moving-window"
    on_storage_error: Literal["open", "closed"] = "open"
    x_headers: bool = False  # also send X-RateLimit-Limit / -Remaining / -Reset
    storage_timeout: float = 0.5  # seconds for one storage call

    @field_validator("storage")
    @classmethod
    def _known_storage(cls, value: str) -> str:
        if not value.startswith(("memory://", "redis://", "rediss://")):
            raise ValueError(f"storage {value!r} must be memory:// or redis://host:port/db")
        return value


def _check_networks(value: list[str], what: str) -> list[str]:
    for item in value:
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            raise ValueError(f"{what} {item!r} is not an IP address or network") from None
    return value


class DiscoveryConfig(_Model):
    """Shadow endpoints and contract coverage, served at `/__accord/discovery`."""

    enabled: bool = True
    allow: list[str] = Field(default_factory=lambda: ["127.0.0.1/32", "::1/128"])  # who may read it
    max_shapes: int = Field(1000, ge=1)  # distinct shadow shapes kept; more count as `other`
    values_per_position: int = Field(10, ge=1)  # distinct literals at a position before it is `{param}`
    max_clients: int = Field(20, ge=0)  # client addresses or subjects kept per shape

    @field_validator("allow")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        return _check_networks(value, "discovery.allow entry")


class GatewayConfig(_Model):
    host: str = "127.0.0.1"
    port: int = 8080
    # processes serving the one listening socket; None: one per core, or 1 while counters are in memory
    workers: int | None = Field(default=None, ge=1)
    trusted_proxies: list[str] = Field(default_factory=list)  # addresses or CIDR networks
    max_body_bytes: int = 1_048_576
    max_header_bytes: int = 16_384  # all request header names and values together; more is 431
    head_timeout: float = Field(default=10.0, gt=0)  # seconds for a request's line and headers; then 408
    body_timeout: float = Field(default=30.0, gt=0)  # seconds for a request's body once its head is in
    connect_timeout: float = 5.0
    upstream_timeout: float = 30.0
    max_connections: int = 100
    access_log: bool = True
    rate_limits: RateLimitSettings = Field(default_factory=RateLimitSettings)
    discovery: DiscoveryConfig = Field(default_factory=DiscoveryConfig)
    apis: list[ApiConfig]
    source: Path | None = Field(default=None, exclude=True)  # the file this was read from

    @field_validator("port")
    @classmethod
    def _port(cls, value: int) -> int:
        return check_port(value)

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        return _check_networks(value, "trusted proxy")

    @property
    def counters_per_process(self) -> bool:
        """Rate limits are counted in each process's memory (every worker would allow the full limit)."""
        return self.rate_limits.storage.startswith("memory://") and any(api.rate_limits for api in self.apis)

    def worker_count(self, override: int | None = None) -> int:
        """How many workers serve this configuration (`override`: --workers); ConfigError when
        several would each count rate limits in their own memory."""
        count = override or self.workers
        if count is None:
            return 1 if self.counters_per_process else os.cpu_count() or 1
        if count > 1 and self.counters_per_process:
            raise ConfigError(
                f"{self.source or 'gateway config'}: workers: {count} with rate_limits.storage memory:// "
                "would let each worker allow the whole limit; set rate_limits.storage to redis://host:port/db "
                "or workers: 1"
            )
        return count

    @model_validator(mode="after")
    def _distinct_prefixes(self) -> GatewayConfig:
        seen: dict[str, str] = {}
        for api in self.apis:
            if api.prefix in seen:
                raise ValueError(
                    f"apis {seen[api.prefix]!r} and {api.name!r} share the prefix {api.prefix!r}"
                )
            seen[api.prefix] = api.name
        return self


def load_config(path: str | Path) -> GatewayConfig:
    """Read gateway.yaml; contract paths are taken relative to the file. Raises ConfigError."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise ConfigError(f"{path}{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: expected a mapping with `apis`")
    try:
        config = GatewayConfig.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"]) or "(top level)"
        message = error["msg"].removeprefix("Value error, ")
        raise ConfigError(f"{path}: {where}: {message}") from None
    config.source = path
    for api in config.apis:
        for version in api.versions.values():
            resolved = [(path.parent / contract).resolve() for contract in version.contracts]
            version.contract = resolved[0] if isinstance(version.contract, Path) else resolved
        for scheme in api.security.schemes.values() if api.security else ():
            if scheme.keys_file is not None:
                scheme.keys_file = (path.parent / scheme.keys_file).resolve()
    return config
