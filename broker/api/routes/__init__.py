"""One router per resource family, all mounted by `broker.api.app`."""

from . import (
    badges,
    branch_pacts,
    comparisons,
    dashboard,
    deployments,
    environments,
    for_verification,
    groups,
    index,
    integrations,
    labels,
    matrix,
    metrics,
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
    badges.router,  # before pacts: /latest/badge is not the pact tagged 'badge'
    labels.router,  # before pacticipants: /pacticipants/label/{label} is more specific
    pacticipants.router,
    versions.router,
    publish.router,
    branch_pacts.router,  # before pacts: /pacts/provider/{p}/branch... are more specific
    pacts.router,
    verifications.router,
    for_verification.router,
    environments.router,
    deployments.router,
    matrix.router,
    webhooks.router,
    integrations.router,
    groups.router,
    dashboard.router,
    metrics.router,
    provider_contracts.router,
    comparisons.router,
)

__all__ = ["ROUTERS"]
