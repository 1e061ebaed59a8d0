"""Request checks: parameters by style and explode, bodies by media type, credentials."""

from __future__ import annotations

import pytest

PARAMS = """
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /items/{ids}:
    get:
      parameters:
        - {name: ids, in: path, required: true, schema: {type: array, items: {type: integer}}}
        - {name: tags, in: query, schema: {type: array, items: {type: string, enum: [a, b]}}}
        - {name: csv, in: query, explode: false, schema: {type: array, items: {type: integer}}}
        - {name: piped, in: query, style: pipeDelimited, explode: false, schema: {type: array, items: {type: number}}}
        - {name: filter, in: query, style: deepObject, schema: {type: object, properties: {min: {type: integer}, max: {type: integer, maximum: 10}}}}
        - {name: flag, in: query, schema: {type: boolean}}
        - {name: X-Trace, in: header, required: true, schema: {type: string, pattern: "^t-"}}
        - {name: session, in: cookie, schema: {type: integer, minimum: 1}}
        - {name: where, in: query, content: {application/json: {schema: {type: object, required: [q]}}}}
      responses: {"200": {description: ok}}
  /point/{p}:
    get:
      parameters:
        - {name: p, in: path, required: true, style: matrix, explode: true, schema: {type: object, properties: {x: {type: integer}, y: {type: integer}}}}
        - {name: l, in: query, schema: {type: integer}}
      responses: {"200": {description: ok}}
  /label/{v}:
    get:
      parameters:
        - {name: v, in: path, required: true, style: label, schema: {type: array, items: {type: integer}}}
      responses: {"200": {description: ok}}
"""


def check(runtime, method, path, query="", headers=None, body=b""):
    route = runtime.route(method, path)
    return route.operation.check_request(route.path_params, query, headers or {}, body)


def test_parameters_are_deserialised_and_typed(runtime_for) -> None:
    runtime = runtime_for(PARAMS)
    result = check(
        runtime,
        "GET",
        "/items/1,2,3",
        "tags=a&tags=b&csv=4,5&piped=1.5|2&filter[min]=1&filter[max]=3&flag=true&where=%7B%22q%22%3A1%7D",
        {"x-trace": "t-1", "cookie": "theme=dark; session=9"},
    )
    assert result.ok, result.issues
    assert result.parameters == {
        "path": {"ids": [1, 2, 3]},
        "query": {
            "tags": ["a", "b"],
            "csv": [4, 5],
            "piped": [1.5, 2],
            "filter": {"min": 1, "max": 3},
            "flag": True,
            "where": {"q": 1},
        },
        "header": {"X-Trace": "t-1"},
        "cookie": {"session": 9},
    }


def test_matrix_and_label_styles(runtime_for) -> None:
    runtime = runtime_for(PARAMS)
    assert check(runtime, "GET", "/point/;x=1;y=2").parameters["path"] == {"p": {"x": 1, "y": 2}}
    assert check(runtime, "GET", "/label/.1,2").parameters["path"] == {"v": [1, 2]}


def test_every_failure_has_a_location_and_pointer(runtime_for) -> None:
    runtime = runtime_for(PARAMS)
    result = check(
        runtime,
        "GET",
        "/items/1,x",
        "tags=c&filter[max]=11&flag=maybe&where=nope",
        {"cookie": "session=0"},
    )
    assert result.status == 422
    found = {(i.location, i.pointer) for i in result.issues}
    assert found == {
        ("path", "/ids/1"),
        ("query", "/tags/0"),
        ("query", "/filter/max"),
        ("query", "/flag"),
        ("query", "/where"),
        ("header", "/X-Trace"),
        ("cookie", "/session"),
    }
    missing = next(i for i in result.issues if i.location == "header")
    assert "missing" in missing.message


BODIES = """
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /orders:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Order"}
          application/x-www-form-urlencoded:
            schema: {$ref: "#/components/schemas/Order"}
      responses: {"201": {description: ok}}
  /upload:
    post:
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              required: [file, meta]
              properties:
                file: {type: string, format: binary}
                meta: {type: object, required: [name], properties: {name: {type: string}}}
                count: {type: integer, maximum: 3}
            encoding:
              meta: {contentType: application/json}
      responses: {"201": {description: ok}}
components:
  schemas:
    Order:
      type: object
      required: [sku, quantity]
      properties:
        sku: {type: string}
        quantity: {type: integer, minimum: 1}
        id: {type: string, readOnly: true}
"""


def test_json_body_validated_with_pointer(runtime_for) -> None:
    runtime = runtime_for(BODIES)
    ok = check(
        runtime,
        "POST",
        "/orders",
        headers={"content-type": "application/json"},
        body=b'{"sku":"a","quantity":2}',
    )
    assert ok.ok and ok.body == {"sku": "a", "quantity": 2} and ok.media_type == "application/json"
    bad = check(
        runtime,
        "POST",
        "/orders",
        headers={"content-type": "application/json; charset=utf-8"},
        body=b'{"sku":"a","quantity":0}',
    )
    assert [(i.location, i.pointer) for i in bad.issues] == [("body", "/quantity")]
    broken = check(runtime, "POST", "/orders", headers={"content-type": "application/json"}, body=b"{")
    assert broken.status == 422 and "not valid JSON" in broken.issues[0].message


def test_missing_body_and_unsupported_media_type(runtime_for) -> None:
    runtime = runtime_for(BODIES)
    assert check(runtime, "POST", "/orders").issues[0].message == "a request body is required"
    refused = check(runtime, "POST", "/orders", headers={"content-type": "text/csv"}, body=b"a,b")
    assert refused.status == 415 and refused.issues[0].pointer == "/content-type"


def test_form_body_is_typed_by_schema(runtime_for) -> None:
    runtime = runtime_for(BODIES)
    result = check(
        runtime,
        "POST",
        "/orders",
        headers={"content-type": "application/x-www-form-urlencoded"},
        body=b"sku=a+b&quantity=3",
    )
    assert result.ok and result.body == {"sku": "a b", "quantity": 3}


def test_multipart_body_with_file_and_json_part(runtime_for) -> None:
    runtime = runtime_for(BODIES)
    boundary = "XyZ"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n\x00\x01binary\r\n"
        f'--{boundary}\r\nContent-Disposition: form-data; name="meta"\r\nContent-Type: application/json\r\n\r\n'
        '{"name": "x"}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="count"\r\n\r\n2\r\n--{boundary}--\r\n'
    ).encode("latin-1")
    headers = {"content-type": f"multipart/form-data; boundary={boundary}"}
    result = check(runtime, "POST", "/upload", headers=headers, body=body)
    assert result.ok, result.issues
    assert result.body == {"file": "\x00\x01binary", "meta": {"name": "x"}, "count": 2}
    bad = body.replace(b'name="count"\r\n\r\n2', b'name="count"\r\n\r\n9')
    assert [
        (i.location, i.pointer) for i in check(runtime, "POST", "/upload", headers=headers, body=bad).issues
    ] == [("body", "/count")]


SECURED = """
openapi: 3.0.3
info: {title: t, version: "1"}
security: [{bearer: []}, {key: []}]
paths:
  /secret:
    get: {responses: {"200": {description: ok}}}
  /both:
    get:
      security: [{bearer: [], cookieKey: []}]
      responses: {"200": {description: ok}}
  /open:
    get:
      security: []
      responses: {"200": {description: ok}}
  /optional:
    get:
      security: [{}, {bearer: []}]
      responses: {"200": {description: ok}}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
    key: {type: apiKey, in: query, name: api_key}
    cookieKey: {type: apiKey, in: cookie, name: sid}
"""


@pytest.mark.parametrize(
    ("path", "query", "headers", "status"),
    [
        ("/secret", "", {}, 401),
        ("/secret", "", {"authorization": "Bearer abc"}, 0),
        ("/secret", "", {"authorization": "Basic abc"}, 401),
        ("/secret", "api_key=1", {}, 0),
        ("/both", "", {"authorization": "Bearer abc"}, 401),
        ("/both", "", {"authorization": "Bearer abc", "cookie": "sid=1"}, 0),
        ("/open", "", {}, 0),
        ("/optional", "", {}, 0),
    ],
)
def test_credential_presence(runtime_for, path, query, headers, status) -> None:
    assert check(runtime_for(SECURED), "GET", path, query, headers).status == status


def test_challenge_names_the_scheme(runtime_for) -> None:
    assert runtime_for(SECURED).route("GET", "/secret").operation.security.challenge == "Bearer"


def test_accept_content_type_and_authorization_parameters_are_ignored(runtime_for) -> None:
    runtime = runtime_for(
        """
        openapi: 3.0.3
        info: {title: t, version: "1"}
        paths:
          /x:
            get:
              parameters:
                - {name: Accept, in: header, required: true, schema: {type: string, enum: [a/b]}}
                - {name: Authorization, in: header, required: true, schema: {type: string}}
              responses: {"200": {description: ok}}
        """
    )
    assert check(runtime, "GET", "/x", headers={"accept": "text/html"}).ok


def test_exploded_map_in_query_takes_the_unclaimed_keys(runtime_for) -> None:
    runtime = runtime_for(
        """
        openapi: 3.0.3
        info: {title: t, version: "1"}
        paths:
          /x:
            get:
              parameters:
                - {name: page, in: query, schema: {type: integer}}
                - {name: attributes, in: query, required: true, schema: {type: object, additionalProperties: {type: integer}}}
              responses: {"200": {description: ok}}
        """
    )
    result = check(runtime, "GET", "/x", "page=2&a=1&b=2")
    assert result.ok and result.parameters["query"] == {"page": 2, "attributes": {"a": 1, "b": 2}}
    assert check(runtime, "GET", "/x", "page=2").issues[0].pointer == "/attributes"


def test_a_media_type_is_matched_as_written_before_its_essence() -> None:
    from accord.contracts.http import pick_media_type

    declared = ["application/json", "application/json; charset=utf-8"]
    assert pick_media_type("application/json", declared) == "application/json"
    assert pick_media_type("application/json; charset=utf-8", declared) == "application/json; charset=utf-8"
    assert pick_media_type("application/json; charset=latin-1", declared) == "application/json"
