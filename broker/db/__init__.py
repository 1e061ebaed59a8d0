"""Storage: the SQLAlchemy models, the engine (SQLite or PostgreSQL) and the Alembic migrations run at start-up."""

from .engine import Database, default_database_url
from .models import (
    Base,
    Branch,
    BranchVersion,
    DeployedVersion,
    Environment,
    Pacticipant,
    PactPublication,
    PactVersion,
    ReleasedVersion,
    Tag,
    Verification,
    Version,
)

__all__ = [
    "Base",
    "Branch",
    "BranchVersion",
    "Database",
    "DeployedVersion",
    "Environment",
    "PactPublication",
    "PactVersion",
    "Pacticipant",
    "ReleasedVersion",
    "Tag",
    "Verification",
    "Version",
    "default_database_url",
]
