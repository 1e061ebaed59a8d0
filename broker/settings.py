"""The broker's settings (command-line options and ACCORD_BROKER_* environment variables)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .db.engine import default_database_url

__all__ = ["Settings"]


def _flag(name: str) -> bool:
    return os.environ.get(name, "").lower() in ("1", "true", "yes")


@dataclass(frozen=True)
class Settings:
    database_url: str = field(default_factory=default_database_url)
    max_pact_bytes: int = field(
        default_factory=lambda: int(os.environ.get("ACCORD_BROKER_MAX_PACT_BYTES", str(5 * 1024 * 1024)))
    )
    allow_contract_modification: bool = field(
        default_factory=lambda: _flag("ACCORD_BROKER_ALLOW_CONTRACT_MODIFICATION")
    )
