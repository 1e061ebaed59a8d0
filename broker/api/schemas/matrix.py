"""Parsing the matrix query string: `q[][pacticipant]=A&q[][version]=1&...` is order sensitive:
each `q[][pacticipant]` starts a new selector and the keys after it belong to it."""

from __future__ import annotations

from collections.abc import Iterable

from ...errors import Invalid
from ...services.matrix import DEFAULT_LIMIT, MatrixQuery, Selector

__all__ = ["MATRIX_PARAMETERS", "can_i_deploy_query", "matrix_query"]


def _true(value: str) -> bool:
    return value.lower() == "true"


def _selectors(items: Iterable[tuple[str, str]], prefix: str) -> list[Selector]:
    selectors: list[Selector] = []
    for key, value in items:
        if not key.startswith(prefix):
            continue
        field = key[len(prefix) :].strip("[]")
        if not field:  # `ignore[]=Name`: a selector of the pacticipant's name alone
            selectors.append(Selector(pacticipant=value))
            continue
        if field == "pacticipant" or not selectors:
            selectors.append(Selector())
        current = selectors[-1]
        if field == "pacticipant":
            current.pacticipant = value
        elif field == "version":
            current.version = value or None
        elif field == "latest":
            current.latest = _true(value)
        elif field == "tag":
            current.tag = value or None
        elif field == "branch":
            current.branch = value or None
        elif field == "mainBranch":
            current.main_branch = _true(value)
    return selectors


def _limit(value: str | None) -> int:
    """`limit` as the Pact Broker reads it: absent or empty is 100, anything below 1 is refused."""
    if not value:
        return DEFAULT_LIMIT
    if not value.isdigit() or int(value) < 1:
        raise Invalid("The limit must be 1 or greater.", ["The limit must be 1 or greater."])
    return int(value)


def matrix_query(items: list[tuple[str, str]]) -> MatrixQuery:
    params = {k: v for k, v in items}
    return MatrixQuery(
        selectors=_selectors(items, "q[]"),
        ignore=_selectors(items, "ignore[]"),
        latestby=params.get("latestby") or None,
        latest=_true(params.get("latest", "")),
        tag=params.get("tag") or None,
        environment=params.get("environment") or None,
        main_branch=_true(params.get("mainBranch", "")),
        success=_true(params["success"]) if params.get("success") in ("true", "false") else None,
        limit=_limit(params.get("limit")),
    )


def can_i_deploy_query(items: list[tuple[str, str]]) -> MatrixQuery:
    params = {k: v for k, v in items}
    errors: dict[str, list[str]] = {}
    for key in ("pacticipant", "version"):
        if not params.get(key):
            errors[key] = ["can't be blank"]
    if params.get("to") and params.get("environment"):
        errors["to"] = ["Cannot specify both a 'to' tag and an environment."]
    if not params.get("to") and not params.get("environment"):
        errors["environment"] = ["Must specify either a 'to' tag or an environment."]
    if errors:
        raise Invalid("; ".join(f"{k} {', '.join(v)}" for k, v in errors.items()), errors)
    return MatrixQuery(
        selectors=[Selector(pacticipant=params["pacticipant"], version=params["version"])],
        ignore=_selectors(items, "ignore[]"),
        latestby="cvp",
        latest=bool(params.get("to")),
        tag=params.get("to") or None,
        environment=params.get("environment") or None,
    )


def _param(name: str, description: str, schema: dict | None = None) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or {"type": "string"},
    }


MATRIX_PARAMETERS = [
    _param(
        "q[][pacticipant]", "Starts a selector: the pacticipant name.", {"type": "string", "minLength": 1}
    ),
    _param("q[][version]", "The selected pacticipant's version number."),
    _param("q[][latest]", "Select the latest version (with the tag or on the branch).", {"type": "boolean"}),
    _param("q[][tag]", "Select versions with this tag."),
    _param("q[][branch]", "Select versions on this branch."),
    _param("q[][mainBranch]", "Select versions on the pacticipant's main branch.", {"type": "boolean"}),
    _param("ignore[][pacticipant]", "Ignore this pacticipant's results.", {"type": "string", "minLength": 1}),
    _param("ignore[][version]", "Ignore only this version of the pacticipant."),
    _param(
        "latestby",
        "cvp: latest per consumer version and provider; cvpv: per consumer and provider version.",
        {"type": "string", "enum": ["cvp", "cvpv"]},
    ),
    _param(
        "latest",
        "Compare with the latest version of each integrated pacticipant (with `tag`).",
        {"type": "boolean"},
    ),
    _param("tag", "Compare with the latest version of each integrated pacticipant with this tag."),
    _param("environment", "Compare with the versions currently in this environment."),
    _param(
        "mainBranch",
        "Compare with the latest main-branch version of each integrated pacticipant.",
        {"type": "boolean"},
    ),
    _param(
        "limit",
        "The most recent pacts considered and rows answered (default 100).",
        {"type": "integer", "minimum": 1},
    ),
]
