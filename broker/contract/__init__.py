"""The broker's HTTP API as an OpenAPI contract, kept in the repository (`openapi.json` here).

It is generated from the FastAPI application (`python -m broker.contract`, or `scripts/broker-contract`)
and a test fails when it is stale; another test fuzzes the running broker against it with
`accord fuzz`, so the broker passes its own contract testing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["CONTRACT", "generate", "render"]

CONTRACT = Path(__file__).with_name("openapi.json")


def generate() -> dict[str, Any]:
    """The OpenAPI document of the broker application (no database is opened)."""
    from ..api.app import create_app
    from ..settings import Settings

    return create_app(Settings(database_url="sqlite://"), migrate=False).openapi()


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
