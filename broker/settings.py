"""The broker's settings (command-line options and ACCORD_BROKER_* environment variables)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .db.engine import default_database_url

__all__ = ["Settings"]


def _flag(name: str) -> bool:
    return os.environ.get(name, "").lower() in ("1", "true", "yes")


def _env(name: str) -> str | None:
    return os.environ.get(name) or None


def _words(name: str, default: str, *, upper: bool = False) -> tuple[str, ...]:
    """A comma- or space-separated list from the environment."""
    text = os.environ.get(name, default)
    return tuple(w.upper() if upper else w.lower() for w in text.replace(",", " ").split())


@dataclass(frozen=True)
class Settings:
    database_url: str = field(default_factory=default_database_url)
    max_pact_bytes: int = field(
        default_factory=lambda: int(os.environ.get("ACCORD_BROKER_MAX_PACT_BYTES", str(5 * 1024 * 1024)))
    )
    allow_contract_modification: bool = field(
        default_factory=lambda: _flag("ACCORD_BROKER_ALLOW_CONTRACT_MODIFICATION")
    )
    # refuse a first publication under a name very like an existing pacticipant's (on, as in the Pact Broker)
    check_duplicate_names: bool = field(
        default_factory=lambda: (
            os.environ.get("ACCORD_BROKER_CHECK_DUPLICATE_PACTICIPANT_NAMES", "true").lower()
            in ("1", "true", "yes")
        )
    )
    # who may call the broker (none set: open); read-only credentials may only GET
    basic_auth_username: str | None = field(default_factory=lambda: _env("ACCORD_BROKER_BASIC_AUTH_USERNAME"))
    basic_auth_password: str | None = field(default_factory=lambda: _env("ACCORD_BROKER_BASIC_AUTH_PASSWORD"))
    read_only_username: str | None = field(
        default_factory=lambda: _env("ACCORD_BROKER_BASIC_AUTH_READ_ONLY_USERNAME")
    )
    read_only_password: str | None = field(
        default_factory=lambda: _env("ACCORD_BROKER_BASIC_AUTH_READ_ONLY_PASSWORD")
    )
    token: str | None = field(default_factory=lambda: _env("ACCORD_BROKER_TOKEN"))
    read_only_token: str | None = field(default_factory=lambda: _env("ACCORD_BROKER_READ_ONLY_TOKEN"))
    allow_public_read: bool = field(default_factory=lambda: _flag("ACCORD_BROKER_ALLOW_PUBLIC_READ"))
    # what a webhook may call, as the Pact Broker's whitelists: HTTPS POSTs to any host by default
    webhook_schemes: tuple[str, ...] = field(
        default_factory=lambda: _words("ACCORD_BROKER_WEBHOOK_SCHEMES", "https")
    )
    webhook_methods: tuple[str, ...] = field(
        default_factory=lambda: _words("ACCORD_BROKER_WEBHOOK_METHODS", "POST", upper=True)
    )
    webhook_hosts: tuple[str, ...] = field(default_factory=lambda: _words("ACCORD_BROKER_WEBHOOK_HOSTS", ""))
    webhook_attempts: int = field(
        default_factory=lambda: int(os.environ.get("ACCORD_BROKER_WEBHOOK_ATTEMPTS", "6"))
    )
    webhook_retry_seconds: float = field(
        default_factory=lambda: float(os.environ.get("ACCORD_BROKER_WEBHOOK_RETRY_SECONDS", "10"))
    )
    # how often each broker process looks for due deliveries (it also looks whenever one is recorded)
    webhook_poll_seconds: float = field(
        default_factory=lambda: float(os.environ.get("ACCORD_BROKER_WEBHOOK_POLL_SECONDS", "5"))
    )
    # badges redirect to shields.io (the Pact Broker's default badge mode); another base for a mirror
    shields_io_base_url: str = field(
        default_factory=lambda: os.environ.get("ACCORD_BROKER_SHIELDS_IO_BASE_URL", "https://img.shields.io")
    )
    webhook_timeout: float = field(
        default_factory=lambda: float(os.environ.get("ACCORD_BROKER_WEBHOOK_TIMEOUT", "10"))
    )
