"""Pacticipant versions, their tags and branches (version, tag and branch-version resources)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from ...repositories.paging import Page
from .. import links
from ..deps import JSON, MERGE_PATCH, Base, Registry, accepts, hal, no_content
from ..pagination import PageQuery, paginate
from ..paths import SegmentRoute, request_path
from ..representations import version as version_representation
from ..schemas.bodies import VersionBody
from ..schemas.common import responses

router = APIRouter(tags=["versions"], route_class=SegmentRoute)
P = "/pacticipants/{pacticipant}"


@router.get(P + "/versions", response_class=JSONResponse, responses=responses(200, 400, 404))
def list_versions(
    pacticipant: str, page: PageQuery, request: Request, services: Registry, base: Base
) -> JSONResponse:
    result, deployed, released = services.pacticipants.versions(pacticipant, page)
    title = f"All application versions of {pacticipant}"
    body = version_representation.versions(
        base, pacticipant, str(request.url), title, result.rows, deployed, released
    )
    return hal(paginate(body, result, base, request))


@router.get(
    P + "/environments/{uuid}/versions", response_class=JSONResponse, responses=responses(200, 400, 404)
)
def environment_versions(
    pacticipant: str, uuid: str, page: PageQuery, request: Request, services: Registry, base: Base
) -> JSONResponse:
    """The versions ever deployed or released to the environment, newest first."""
    result, deployed, released = services.pacticipants.environment_versions(pacticipant, uuid, page)
    body = version_representation.versions_with_environments(
        base, base + request_path(request), result.rows, deployed, released
    )
    return hal(paginate(body, result, base, request))


@router.get(P + "/tags/{tag}/versions", response_class=JSONResponse, responses=responses(200, 400, 404))
def tag_versions(
    pacticipant: str, tag: str, page: PageQuery, request: Request, services: Registry, base: Base
) -> JSONResponse:
    """The versions with the tag, newest first, with where each is deployed or released."""
    result, deployed, released = services.pacticipants.tag_versions(pacticipant, tag, page)
    body = version_representation.versions_with_environments(
        base, base + request_path(request), result.rows, deployed, released
    )
    return hal(paginate(body, result, base, request))


@router.delete(P + "/branches", response_class=JSONResponse, responses=responses(202, 404))
def delete_branches(pacticipant: str, request: Request, services: Registry) -> JSONResponse:
    """Delete every branch but those in `exclude[]` and the main branch (their versions stay); 202 with
    a notice, as the Pact Broker answers."""
    exclude = request.query_params.getlist("exclude[]") + request.query_params.getlist("exclude")
    count, left = services.pacticipants.delete_branches(pacticipant, exclude)
    text = (
        f"Deleted {count} branch{'' if count == 1 else 'es'} of {pacticipant}. Remaining: {', '.join(left)}"
    )
    return hal({"notices": [{"type": "success", "text": text}]}, 202)


@router.get(P + "/branches", response_class=JSONResponse, responses=responses(200, 400, 404))
def list_branches(
    pacticipant: str, page: PageQuery, request: Request, services: Registry, base: Base, q: str | None = None
) -> JSONResponse:
    """Always a page (of 100 by default), as in the Pact Broker; `q` keeps the names that hold it."""
    result = services.pacticipants.branches(pacticipant, page or Page(1, 100), q)
    return hal(
        paginate(version_representation.branches(base, pacticipant, result.rows), result, base, request)
    )


def _requested(base: str, request: Request) -> str:
    """The URL the client asked for, query included (a list's `self`)."""
    return links.with_query(base + request_path(request), request.url.query)


def _version(
    services: Registry, base: str, row, status: int = 200, self_href: str | None = None
) -> JSONResponse:
    deployed, released = services.environments.for_version(row.pacticipant.name, row.number)
    environments = services.environments.list()
    return hal(version_representation.version(base, row, environments, deployed, released, self_href), status)


@router.get(P + "/versions/{version}", response_class=JSONResponse, responses=responses(200, 404))
def get_version(pacticipant: str, version: str, services: Registry, base: Base) -> JSONResponse:
    return _version(services, base, services.pacticipants.version(pacticipant, version))


@router.delete(
    P + "/versions/{version}", status_code=204, response_class=Response, responses=responses(204, 404)
)
def delete_version(pacticipant: str, version: str, services: Registry) -> Response:
    services.deletions.version(pacticipant, version)
    return no_content()


@router.put(
    P + "/versions/{version}",
    response_class=JSONResponse,
    responses=responses(200, 201, 400, 415),
    dependencies=[accepts(JSON)],
)
def put_version(
    pacticipant: str, version: str, body: VersionBody, services: Registry, base: Base
) -> JSONResponse:
    """Create or overwrite: a build URL not given is cleared; tags given replace the version's."""
    row, created = services.pacticipants.upsert_version(pacticipant, version, body.fields(), replace=True)
    return _version(services, base, row, 201 if created else 200)


@router.patch(
    P + "/versions/{version}",
    response_class=JSONResponse,
    responses=responses(200, 201, 400, 415),
    dependencies=[accepts(MERGE_PATCH)],
)
def patch_version(
    pacticipant: str, version: str, body: VersionBody, services: Registry, base: Base
) -> JSONResponse:
    """Create or update (a merge patch): only the fields given change; tags given replace the version's."""
    row, created = services.pacticipants.upsert_version(pacticipant, version, body.fields(), replace=False)
    return _version(services, base, row, 201 if created else 200)


@router.get(P + "/latest-version", response_class=JSONResponse, responses=responses(200, 404))
def latest_version(pacticipant: str, request: Request, services: Registry, base: Base) -> JSONResponse:
    row = services.pacticipants.latest_version(pacticipant)
    return _version(services, base, row, self_href=base + request_path(request))


@router.get(P + "/latest-version/{tag}", response_class=JSONResponse, responses=responses(200, 404))
def latest_tagged_version(
    pacticipant: str, tag: str, request: Request, services: Registry, base: Base
) -> JSONResponse:
    row = services.pacticipants.latest_version(pacticipant, tag)
    return _version(services, base, row, self_href=base + request_path(request))


@router.get(P + "/versions/{version}/tags/{tag}", response_class=JSONResponse, responses=responses(200, 404))
def get_tag(pacticipant: str, version: str, tag: str, services: Registry, base: Base) -> JSONResponse:
    return hal(version_representation.tag(base, services.pacticipants.tag(pacticipant, version, tag)))


@router.put(
    P + "/versions/{version}/tags/{tag}", response_class=JSONResponse, responses=responses(200, 201, 400)
)
def put_tag(pacticipant: str, version: str, tag: str, services: Registry, base: Base) -> JSONResponse:
    """Tag the version (created when missing): 201 with a `Location`, or 200 when it had the tag."""
    row, created = services.pacticipants.add_tag(pacticipant, version, tag)
    location = links.tag(base, pacticipant, version, tag) if created else None
    return hal(version_representation.tag(base, row), 201 if created else 200, location)


@router.delete(
    P + "/versions/{version}/tags/{tag}",
    status_code=204,
    response_class=Response,
    responses=responses(204, 404),
)
def delete_tag(pacticipant: str, version: str, tag: str, services: Registry) -> Response:
    services.pacticipants.delete_tag(pacticipant, version, tag)
    return no_content()


@router.get(P + "/branches/{branch}", response_class=JSONResponse, responses=responses(200, 404))
def get_branch(pacticipant: str, branch: str, services: Registry, base: Base) -> JSONResponse:
    return hal(version_representation.branch(base, services.pacticipants.branch(pacticipant, branch)))


@router.delete(
    P + "/branches/{branch}", status_code=204, response_class=Response, responses=responses(204, 404)
)
def delete_branch(pacticipant: str, branch: str, services: Registry) -> Response:
    services.pacticipants.delete_branch(pacticipant, branch)
    return no_content()


@router.get(P + "/branches/{branch}/versions", response_class=JSONResponse, responses=responses(200, 404))
def get_branch_versions(
    pacticipant: str, branch: str, page: PageQuery, request: Request, services: Registry, base: Base
) -> JSONResponse:
    result, deployed, released = services.pacticipants.versions(pacticipant, page, branch=branch)
    title = f"Versions for branch {branch} of {pacticipant}"
    body = version_representation.versions(
        base, pacticipant, str(request.url), title, result.rows, deployed, released
    )
    return hal(paginate(body, result, base, request))


@router.get(
    P + "/branches/{branch}/latest-version", response_class=JSONResponse, responses=responses(200, 404)
)
def latest_branch_version(
    pacticipant: str, branch: str, request: Request, services: Registry, base: Base
) -> JSONResponse:
    """The newest version on the branch."""
    row = services.pacticipants.latest_version(pacticipant, branch=branch)
    return _version(services, base, row, self_href=base + request_path(request))


@router.get(
    P + "/branches/{branch}/versions/{version}", response_class=JSONResponse, responses=responses(200, 404)
)
def get_branch_version(
    pacticipant: str, branch: str, version: str, services: Registry, base: Base
) -> JSONResponse:
    row = services.pacticipants.branch_version(pacticipant, branch, version)
    return hal(version_representation.branch_version(base, row))


@router.put(
    P + "/branches/{branch}/versions/{version}",
    response_class=JSONResponse,
    responses=responses(200, 201, 400),
)
def put_branch_version(
    pacticipant: str, branch: str, version: str, services: Registry, base: Base
) -> JSONResponse:
    """Put the version (created when missing) on the branch: 201 with a `Location`, or 200 when it was
    on it already."""
    row, created = services.pacticipants.add_branch_version(pacticipant, branch, version)
    location = links.branch_version(base, pacticipant, branch, version) if created else None
    return hal(version_representation.branch_version(base, row), 201 if created else 200, location)


@router.delete(
    P + "/branches/{branch}/versions/{version}",
    status_code=204,
    response_class=Response,
    responses=responses(204, 404),
)
def delete_branch_version(pacticipant: str, branch: str, version: str, services: Registry) -> Response:
    """Take the version off the branch."""
    services.deletions.branch_version(pacticipant, branch, version)
    return no_content()
