"""Who is calling the orders API. In the shop the gateway in front verifies each JWT against the
issuer's keys (examples/shop/gateway.yaml); behind it the service takes the bearer token's presence
as the caller's identity and listens on the loopback interface only."""

from __future__ import annotations

from fastapi import HTTPException


def authorize(requirement_sets, credentials) -> str:
    """The principal of a request: any bearer token passed by the gateway, else 401."""
    token = credentials.get("bearerAuth")
    if token is None:
        raise HTTPException(401, "a bearer token is required", headers={"WWW-Authenticate": "Bearer"})
    return "customer"
