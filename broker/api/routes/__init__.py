"""One router per resource family, all mounted by `broker.api.app`."""

from . import (
    deployments,
    environments,
    for_verification,
    index,
    matrix,
    pacticipants,
    pacts,
    provider_contracts,
    publish,
    verifications,
    versions,
    webhooks,
)

ROUTERS = (
    index.router,
    pacticipants.router,
    versions.router,
    publish.router,
    pacts.router,
    verifications.router,
    for_verification.router,
    environments.router,
    deployments.router,
    matrix.router,
    webhooks.router,
    provider_contracts.router,
)

__all__ = ["ROUTERS"]
