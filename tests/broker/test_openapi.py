"""The broker's own OpenAPI contract: what it declares is what it answers."""

from __future__ import annotations

import httpx


def test_every_operation_declares_problem_json_errors_and_no_422(sqlite_broker: str) -> None:
    schema = httpx.get(f"{sqlite_broker}/openapi.json").json()
    operations = [(p, m, op) for p, ops in schema["paths"].items() for m, op in ops.items()]
    assert len(operations) > 40
    for path, method, operation in operations:
        codes = operation["responses"]
        assert "422" not in codes, (method, path)
        assert "application/problem+json" in codes["400"]["content"], (method, path)
        assert "404" in codes, (method, path)
    index = httpx.get(sqlite_broker + "/").json()["_links"]
    for rel in (
        "pb:publish-contracts",
        "pb:provider-pacts-for-verification",
        "pb:pacticipants",
        "pb:pacticipant",
        "pb:pacticipant-version",
        "pb:pacticipant-version-tag",
        "pb:pacticipant-branch-version",
        "pb:environments",
        "pb:environment",
        "pb:webhooks",
        "pb:latest-version",
        "pb:latest-tagged-version",
        "pb:latest-pact-versions",
        "curies",
    ):
        assert rel in index, rel


def test_errors_are_problem_json(sqlite_broker: str) -> None:
    missing = httpx.get(f"{sqlite_broker}/pacticipants/Nobody")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    assert missing.json() == {
        "type": "about:blank",
        "title": "Not found",
        "status": 404,
        "detail": "No pacticipant with name 'Nobody' found",
        "instance": "/pacticipants/Nobody",
    }
    wrong_method = httpx.request("TRACE", f"{sqlite_broker}/pacticipants")
    assert wrong_method.status_code == 405
    assert wrong_method.headers["allow"] == "GET, POST"
    bad_body = httpx.post(f"{sqlite_broker}/environments", json={"name": "has space"})
    assert bad_body.status_code == 400 and "name" in bad_body.json()["errors"]
    not_utf8 = httpx.post(
        f"{sqlite_broker}/environments",
        content=b'{"name": "\xff"}',
        headers={"content-type": "application/json"},
    )
    assert not_utf8.status_code == 400
