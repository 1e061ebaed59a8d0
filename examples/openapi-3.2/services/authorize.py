"""Who may read an order: any bearer token from the device flow, or the (deprecated) API key."""

from __future__ import annotations

from fastapi import HTTPException
from orders_api import Credentials, RequirementSets


def authorize(requirement_sets: RequirementSets, credentials: Credentials) -> object:
    if not credentials:
        raise HTTPException(401, "a device-flow token or an API key is required")
    return next(iter(credentials))
