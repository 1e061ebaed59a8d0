"""broker: the Pact broker service.

Stores consumer-driven contracts (pacts), verification results, environments, deployments and
releases (SQLAlchemy; SQLite by default, PostgreSQL in production, Alembic migrations), serves the
HAL/JSON API that the official Pact clients speak, and answers the matrix and can-i-deploy.

The names below are imported on first use, so `import broker` stays cheap for the command line.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import create_app
    from .db import Database
    from .errors import BrokerError, Conflict, Invalid, NotFound, TooLarge
    from .settings import Settings

__all__ = ["BrokerError", "Conflict", "Database", "Invalid", "NotFound", "Settings", "TooLarge", "create_app"]

_HOMES = {
    "create_app": ".api",
    "Database": ".db",
    "Settings": ".settings",
    **dict.fromkeys(("BrokerError", "Conflict", "Invalid", "NotFound", "TooLarge"), ".errors"),
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'broker' has no attribute {name!r}")
    return getattr(import_module(_HOMES[name], __name__), name)
