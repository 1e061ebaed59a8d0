"""Routing: most specific template first, servers' base paths, 404 versus 405."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from accord.contracts import load_contract
from accord.contracts.http import HttpRuntime, Router

PATHS = """
openapi: 3.1.0
info: {title: t, version: "1"}
servers: [{url: "https://api.test/{version}", variables: {version: {default: v2}}}]
paths:
  /users/{id}:
    get: {responses: {"200": {description: ok}}}
    delete: {responses: {"204": {description: gone}}}
  /users/me:
    get: {operationId: me, responses: {"200": {description: ok}}}
  /users/{id}/avatar.{ext}:
    get: {operationId: avatar, responses: {"200": {description: ok}}}
  /users/{userId}/posts:
    get: {operationId: posts, responses: {"200": {description: ok}}}
  /:
    get: {operationId: root, responses: {"200": {description: ok}}}
"""


def test_literal_segments_win_whatever_the_document_order(runtime_for) -> None:
    runtime = runtime_for(PATHS)
    assert runtime.route("GET", "/users/me").operation.operation.operation_id == "me"
    found = runtime.route("GET", "/users/42")
    assert (found.status, found.template, found.path_params) == (200, "/users/{id}", {"id": "42"})


def test_mixed_segments_and_differently_named_parameters(runtime_for) -> None:
    runtime = runtime_for(PATHS)
    avatar = runtime.route("GET", "/users/7/avatar.png")
    assert avatar.template == "/users/{id}/avatar.{ext}"
    assert avatar.path_params == {"id": "7", "ext": "png"}
    posts = runtime.route("GET", "/users/7/posts")
    assert posts.path_params == {"userId": "7"}


def test_server_base_path_with_variable_default_is_honoured(runtime_for) -> None:
    runtime = runtime_for(PATHS)
    assert runtime.base_paths == ["/v2"]
    assert runtime.route("GET", "/v2/users/me").template == "/users/me"
    assert runtime.route("GET", "/v2").template == "/"
    assert runtime.route("GET", "/users/me/").template == "/users/me"  # trailing slash


def test_percent_encoded_parameters_are_decoded(runtime_for) -> None:
    assert runtime_for(PATHS).route("GET", "/users/a%20b").path_params == {"id": "a b"}


def test_404_and_405_with_allowed_methods(runtime_for) -> None:
    runtime = runtime_for(PATHS)
    assert runtime.route("GET", "/nothing/here").status == 404
    refused = runtime.route("POST", "/users/1")
    assert (refused.status, refused.allowed) == (405, ("DELETE", "GET"))
    assert runtime.route("HEAD", "/users/1").status == 200  # HEAD is served by GET


def test_router_on_its_own() -> None:
    router: Router[str] = Router(["/api"])
    router.add("/a/{x}/c", "x")
    router.add("/a/b/{y}", "y")
    # /a/b/c: the literal `b` is tried first and leads to a match
    assert router.match("/api/a/b/c")[:2] == ("/a/b/{y}", "y")
    assert router.match("/a/z/c") == ("/a/{x}/c", "x", {"x": "z"})
    assert router.match("/a/z/d") is None


def test_github_issue_route() -> None:
    # where benchmarks/fetch-data puts it
    cache = Path(
        os.environ.get("ACCORD_BENCH_CACHE", Path(__file__).resolve().parents[3] / "benchmarks" / ".cache")
    )
    github = cache / "octokit_openapi/package/generated/api.github.com.json"
    if not github.exists():
        pytest.skip("GitHub description not in the benchmark cache (benchmarks/fetch-data)")
    runtime = HttpRuntime(load_contract(github))
    found = runtime.route("GET", "/repos/octo/hello/issues/3")
    assert found.template == "/repos/{owner}/{repo}/issues/{issue_number}"
    assert runtime.route("GET", "/repos/octo/hello/issues/comments").template == (
        "/repos/{owner}/{repo}/issues/comments"
    )


def test_templates_differing_only_in_parameter_names_share_a_route(runtime_for) -> None:
    runtime = runtime_for(
        """
        openapi: 3.0.3
        info: {title: t, version: "1"}
        paths:
          /releases/{ReleaseId}:
            get: {responses: {"200": {description: ok}}}
          /releases/{releaseId}:
            delete: {responses: {"204": {description: ok}}}
        """
    )
    assert runtime.route("GET", "/releases/7").path_params == {"ReleaseId": "7"}
    deleted = runtime.route("DELETE", "/releases/7")
    assert (deleted.template, deleted.path_params, deleted.allowed) == (
        "/releases/{releaseId}",
        {"releaseId": "7"},
        ("DELETE", "GET"),
    )


def test_enum_parameters_split_a_shared_segment(runtime_for) -> None:
    runtime = runtime_for(
        """
        openapi: 3.0.3
        info: {title: t, version: "1"}
        paths:
          /pages/{name}{extension}:
            get:
              parameters:
                - {name: name, in: path, required: true, schema: {type: string}}
                - {name: extension, in: path, required: true, schema: {type: string, enum: [.json, .html]}}
              responses: {"200": {description: ok}}
        """
    )
    assert runtime.route("GET", "/pages/a.b.json").path_params == {"name": "a.b", "extension": ".json"}


AWS_KEYS = """
openapi: 3.0.0
info: {title: t, version: "1"}
paths:
  /tags/{arn}:
    get: {operationId: listTags, responses: {"200": {description: ok}}}
  /tags/{arn}#tagKeys:
    delete: {operationId: untag, responses: {"200": {description: ok}}}
  /{Bucket}:
    get: {operationId: listObjects, responses: {"200": {description: ok}}}
  /{Bucket}?acl:
    get: {operationId: getAcl, responses: {"200": {description: ok}}}
  /alerts?lat={lat}&lon={lon}:
    get: {operationId: alertsNear, responses: {"200": {description: ok}}}
  /alerts?city={city}:
    get: {operationId: alertsIn, responses: {"200": {description: ok}}}
  /send/#env/v1/partners:
    get: {operationId: partners, responses: {"200": {description: ok}}}
  /#X-Amz-Target=Svc.Create:
    post: {operationId: create, responses: {"200": {description: ok}}}
  /#X-Amz-Target=Svc.Delete:
    post: {operationId: remove, responses: {"200": {description: ok}}}
"""


def test_path_keys_with_a_query_or_fragment_part_route_by_path_and_choose_by_request(runtime_for) -> None:
    runtime = runtime_for(AWS_KEYS)

    def chosen(method: str, path: str, query: str = "", headers: dict | None = None) -> str:
        found = runtime.route(method, path, query, headers)
        assert found.status == 200, (method, path, found.status)
        return found.operation.operation.operation_id

    assert chosen("DELETE", "/tags/arn1", "tagKeys=a") == "untag"
    assert runtime.route("DELETE", "/tags/arn1").path_params == {"arn": "arn1"}
    assert chosen("GET", "/tags/arn1") == "listTags"
    assert chosen("GET", "/b1", "acl") == "getAcl"
    assert chosen("GET", "/b1", "prefix=x") == "listObjects"  # the key without a query part
    assert chosen("GET", "/alerts", "city=Rome") == "alertsIn"  # a templated value is any value
    assert chosen("GET", "/alerts", "lon=1&lat=2") == "alertsNear"
    assert runtime.route("GET", "/alerts", "lon=1&lat=2").path_params == {"lat": "2", "lon": "1"}
    assert chosen("GET", "/send/%23env/v1/partners") == "partners"  # a part holding "/" is path text
    assert chosen("POST", "/", "", {"x-amz-target": "Svc.Delete"}) == "remove"
    assert chosen("POST", "/", "", {"x-amz-target": "Svc.Create"}) == "create"
