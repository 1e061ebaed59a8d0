"""`accord generate server`: a FastAPI package that serves its contract, with handler files that survive."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from accord.contracts import load_contract, write_document

from tests.cli import accord
from tests.generators.roundtrip import example_server, generated, schemathesis

FIXTURES = Path(__file__).parent / "fixtures"


def _generate(contract: Path, out: Path, package: str) -> None:
    result = accord("generate", "server", contract, "-o", out, "--package", package)
    assert result.code == 0, result.stderr


@pytest.mark.parametrize(
    ("name", "package"),
    [
        ("orders.yaml", "shop"),
        ("payments.yaml", "pay"),
        ("inventory.json", "inv"),
        ("variety.yaml", "variety"),
    ],
)
def test_generated_server_passes_schemathesis_against_its_own_contract(examples, tmp_path, name, package):
    source = examples / name if (examples / name).exists() else FIXTURES / name
    out = generated("server", source, package)
    bundled = tmp_path / "bundled.json"
    write_document(load_contract(source).document, bundled)
    with example_server(out, source, package, tmp_path / "server.log") as url:
        run = schemathesis(bundled, url, source)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "No issues found" in run.stdout


def _operations(document: dict) -> dict[tuple[str, str], dict]:
    methods = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
    return {
        (path, method): op
        for path, item in document["paths"].items()
        for method, op in item.items()
        if method in methods
    }


def _params(document: dict, path: str, method: str) -> set[tuple[str, str, bool]]:
    item = document["paths"][path]
    found = {}
    for param in [*item.get("parameters", []), *item[method].get("parameters", [])]:
        if "$ref" in param:
            param = document["components"]["parameters"][param["$ref"].rsplit("/", 1)[1]]
        found[(param["name"], param["in"])] = bool(param.get("required", False))
    return {(name, where, required) for (name, where), required in found.items()}


def test_openapi_json_is_the_source_and_fastapis_own_is_equivalent(examples, tmp_path):
    out = generated("server", examples / "orders.yaml", "shop")
    source = load_contract(examples / "orders.yaml").document
    with example_server(out, examples / "orders.yaml", "shop", tmp_path / "server.log") as url:
        served = httpx.get(f"{url}/openapi.json").json()
    assert served["paths"] == source["paths"]
    derived = json.loads(
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import json; from accord.contracts import load_contract\n"
                "from accord.generators.server.examples import example_services\n"
                "from shop.application import create_app\n"
                "app = create_app(**example_services(load_contract({!r}), 'shop'), source_openapi=False)\n"
                "print(json.dumps(app.openapi()))".format(str(examples / "orders.yaml")),
            ],
            cwd=out,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert set(_operations(derived)) == set(_operations(source))
    for (path, method), op in _operations(source).items():
        mine = _operations(derived)[(path, method)]
        assert mine.get("operationId") == op.get("operationId")
        assert _params(derived, path, method) == _params(source, path, method), (path, method)
        # FastAPI's own document lists the primary response (and its 422); the served one is the source
        primary = min(code for code in op["responses"] if code.startswith("2"))
        assert primary in mine["responses"]
        assert set(mine["responses"]) <= set(op["responses"]) | {"422"}
        assert ("requestBody" in mine) == ("requestBody" in op)
    # the schemas: every property of a source body is in the derived body's schema
    new_order = derived["components"]["schemas"]["NewOrder"]
    assert set(new_order["properties"]) == {"customerId", "lines"}
    assert set(new_order["required"]) == {"customerId", "lines"}


def test_regenerating_after_a_contract_change_keeps_the_handler_files(examples, tmp_path):
    contract = tmp_path / "orders.yaml"
    contract.write_text((examples / "orders.yaml").read_text())
    (tmp_path / "schemas.yaml").write_text((examples / "schemas.yaml").read_text())
    out = tmp_path / "gen"
    _generate(contract, out, "shop")
    handlers = out / "services" / "orders.py"
    assert "def list_orders" in handlers.read_text() and "NotImplementedError" in handlers.read_text()
    mine = handlers.read_text().replace("raise NotImplementedError", "return []  # my code", 1)
    handlers.write_text(mine)
    contract.write_text(
        contract.read_text().replace(
            "components:\n",
            "  /orders/{orderId}/refunds:\n    post:\n      operationId: refundOrder\n      tags: [orders]\n"
            "      parameters:\n        - {name: orderId, in: path, required: true, schema: {type: string}}\n"
            "      responses:\n        '202': {description: Refund started}\ncomponents:\n",
            1,
        )
    )
    stale = accord("generate", "server", contract, "-o", out, "--package", "shop", "--check")
    assert stale.code == 1 and "shop/services.py" in stale.stdout
    _generate(contract, out, "shop")
    assert handlers.read_text() == mine
    assert "def refund_order" in (out / "shop" / "services.py").read_text()
    assert accord("generate", "server", contract, "-o", out, "--package", "shop", "--check").code == 0


def test_server_package_is_ruff_clean(examples, tmp_path):
    out = generated("server", examples / "payments.yaml", "pay")
    for args in (["check"], ["format", "--check"]):
        proc = subprocess.run(
            [sys.executable, "-m", "ruff", *args, "--isolated", "--no-cache", "."],
            cwd=out,
            capture_output=True,
        )
        assert proc.returncode == 0, proc.stdout.decode()


def test_asyncapi_is_bad_input_for_the_server_generator(examples, tmp_path):
    result = accord("generate", "server", examples / "order-events.yaml", "-o", tmp_path / "out")
    assert result.code == 2 and "order-events.yaml" in result.stderr and "Traceback" not in result.stderr


def test_a_form_body_the_server_cannot_express_is_skipped_with_a_located_warning(tmp_path):
    contract = tmp_path / "forms.yaml"
    contract.write_text(
        "openapi: 3.0.3\ninfo: {title: Forms, version: '1'}\npaths:\n  /things:\n    post:\n"
        "      operationId: makeThing\n      requestBody:\n        content:\n"
        "          application/json:\n            schema: {$ref: '#/components/schemas/Thing'}\n"
        "          application/x-www-form-urlencoded:\n            schema: {$ref: '#/components/schemas/Thing'}\n"
        "      responses:\n        '204': {description: made}\ncomponents:\n  schemas:\n    Thing:\n"
        "      type: object\n      properties:\n        name: {type: string}\n"
        "        nested: {type: object, properties: {a: {type: string}}}\n"
    )
    out = tmp_path / "gen"
    result = accord("generate", "server", contract, "-o", out, "--package", "forms")
    assert result.code == 0, result.stderr
    assert "Traceback" not in result.stderr
    warning = next(
        line for line in result.stderr.splitlines() if "skipped the application/x-www-form-urlencoded" in line
    )
    assert (
        re.search(r"forms\.yaml:1[12]:\d+ ", warning)
        and "/paths/~1things/post/requestBody/content/" in warning
    )
    assert "def make_thing" in (out / "forms" / "services.py").read_text()  # the JSON body still works


def test_a_contract_without_schemas_gives_a_client_but_no_models(tmp_path):
    """Nothing to generate is bad input, not an empty package; a client still has its operations."""
    contract = tmp_path / "bare.yaml"
    contract.write_text(
        "openapi: 3.0.3\ninfo: {title: Bare, version: '1'}\npaths:\n  /ping:\n    get:\n"
        "      responses:\n        '204': {description: pong}\n"
    )
    models = accord("generate", "models", contract, "-o", tmp_path / "models", "--package", "bare")
    assert models.code == 2 and not (tmp_path / "models").exists()
    assert (
        models.stderr
        == f"accord: {contract}: the contract declares no schemas: there are no models to generate\n"
    )
    client = accord("generate", "client", contract, "-o", tmp_path / "client", "--package", "bare")
    assert client.code == 0 and "declares no schemas" in client.stderr
    assert (tmp_path / "client" / "bare" / "models.py").read_text().count('"""') == 2


@pytest.mark.parametrize(
    ("kind", "document", "problem"),
    [
        (
            "server",
            "openapi: 3.1.0\ninfo: {title: Z, version: '1'}\npaths: {}\n",
            "there is no server to generate",
        ),
        (
            "client",
            "openapi: 3.1.0\ninfo: {title: Z, version: '1'}\npaths: {}\n",
            "there is no client to generate",
        ),
        (
            "events",
            "asyncapi: 3.0.0\ninfo: {title: Z, version: '1'}\nchannels: {}\n",
            "no events to generate",
        ),
        (
            "models",
            "asyncapi: 3.0.0\ninfo: {title: Z, version: '1'}\nchannels: {}\n",
            "no models to generate",
        ),
    ],
)
def test_nothing_to_generate_is_bad_input(tmp_path, kind, document, problem):
    contract = tmp_path / "empty.yaml"
    contract.write_text(document)
    result = accord("generate", kind, contract, "-o", tmp_path / "out")
    assert result.code == 2 and not (tmp_path / "out").exists()
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"accord: {contract}: ")
    assert problem in result.stderr


def test_an_empty_form_style_array_query_value_is_an_empty_array(tmp_path):
    contract = tmp_path / "tags.yaml"
    contract.write_text(
        "openapi: 3.0.3\ninfo: {title: Tags, version: '1'}\npaths:\n  /items:\n    get:\n"
        "      operationId: listItems\n      parameters:\n"
        "        - {name: ids, in: query, style: form, explode: false,"
        " schema: {type: array, items: {type: integer}}}\n"
        "      responses:\n        '200':\n          description: ok\n"
        "          content: {application/json: {schema: {type: array, items: {type: string}}, example: [a]}}\n"
    )
    out = tmp_path / "gen"
    _generate(contract, out, "tags")
    with example_server(out, contract, "tags", tmp_path / "server.log") as url:
        empty = httpx.get(f"{url}/items?ids=", timeout=30)
        listed = httpx.get(f"{url}/items?ids=1,2", timeout=30)
        wrong = httpx.get(f"{url}/items?ids=x", timeout=30)
    assert (empty.status_code, empty.json()) == (200, ["a"])
    assert listed.status_code == 200
    assert wrong.status_code == 422


def test_path_keys_with_a_query_or_fragment_part_reach_their_operations(tmp_path):
    contract = FIXTURES / "path-keys.yaml"
    out = tmp_path / "gen"
    _generate(contract, out, "keys")
    with example_server(out, contract, "keys", tmp_path / "server.log") as url:
        listed = httpx.get(f"{url}/tags/a1", timeout=30)
        untagged = httpx.delete(f"{url}/tags/a1?tagKeys=red", timeout=30)
        created = httpx.post(f"{url}/", json={}, headers={"X-Amz-Target": "Svc.Create"}, timeout=30)
        deleted = httpx.post(f"{url}/", json={}, headers={"X-Amz-Target": "Svc.Delete"}, timeout=30)
        unknown = httpx.post(f"{url}/", json={}, headers={"X-Amz-Target": "Svc.Other"}, timeout=30)
        alerts = httpx.get(f"{url}/alerts?lat=41.9", timeout=30)
        not_a_number = httpx.get(f"{url}/alerts?lat=north", timeout=30)
    assert (listed.status_code, listed.json()) == (200, {"tags": ["red"]})
    assert (untagged.status_code, untagged.json()) == (200, {"untagged": 1})
    assert (created.status_code, created.json()) == (200, {"created": "c1"})
    assert (deleted.status_code, deleted.json()) == (200, {"deleted": True})
    assert unknown.status_code in (404, 405)
    assert (alerts.status_code, alerts.json()) == (200, ["storm"])
    assert not_a_number.status_code == 422  # the query value is validated as the path parameter


def test_an_invalid_request_is_answered_with_the_status_its_operation_documents(tmp_path):
    contract = tmp_path / "statuses.yaml"
    ok = "          description: ok\n          content: {application/json: {schema: {type: integer}, example: 1}}\n"
    contract.write_text(
        "openapi: 3.0.3\ninfo: {title: Statuses, version: '1'}\npaths:\n"
        "  /bad-request:\n    get:\n      operationId: documents400\n"
        "      parameters: [{name: n, in: query, required: true, schema: {type: integer}}]\n"
        f"      responses:\n        '200':\n{ok}        '400': {{description: a bad request}}\n"
        "  /unprocessable:\n    get:\n      operationId: documents400And422\n"
        "      parameters: [{name: n, in: query, required: true, schema: {type: integer}}]\n"
        f"      responses:\n        '200':\n{ok}        '400': {{description: bad}}\n"
        "        '422': {description: unprocessable}\n"
        "  /reports/{time-period}:\n    get:\n      operationId: hyphenated\n"  # the route says {dcg_p0}
        "      parameters: [{name: time-period, in: path, required: true, schema: {type: integer}}]\n"
        f"      responses:\n        '200':\n{ok}        '400': {{description: a bad request}}\n"
        "  /silent:\n    get:\n      operationId: documentsNoError\n"
        "      parameters: [{name: n, in: query, required: true, schema: {type: integer}}]\n"
        f"      responses:\n        '200':\n{ok}"
    )
    out = tmp_path / "gen"
    _generate(contract, out, "statuses")
    with example_server(out, contract, "statuses", tmp_path / "server.log") as url:
        answers = {
            path: httpx.get(f"{url}/{path}?n=x", timeout=30)
            for path in ("bad-request", "unprocessable", "silent", "reports/x")
        }
        fine = httpx.get(f"{url}/bad-request?n=2", timeout=30)
    assert {path: r.status_code for path, r in answers.items()} == {
        "bad-request": 400,
        "unprocessable": 422,
        "silent": 422,
        "reports/x": 400,
    }
    assert answers["bad-request"].headers["content-type"] == "application/problem+json"
    assert fine.status_code == 200


def test_a_body_sent_as_text_json_is_read_as_json(tmp_path):
    contract = tmp_path / "dotnet.yaml"
    schema = "{type: object, required: [name], properties: {name: {type: string}}}"
    contract.write_text(
        "openapi: 3.0.3\ninfo: {title: DotNet, version: '1'}\npaths:\n  /things:\n    post:\n"
        "      operationId: addThing\n      requestBody:\n        required: true\n        content:\n"
        f"          application/json: {{schema: {schema}}}\n"
        f"          text/json: {{schema: {schema}}}\n"
        "      responses:\n        '200':\n          description: ok\n"
        "          content: {application/json: {schema: {type: integer}, example: 7}}\n"
    )
    out = tmp_path / "gen"
    _generate(contract, out, "dotnet")
    with example_server(out, contract, "dotnet", tmp_path / "server.log") as url:
        sent = {
            media: httpx.post(f"{url}/things", content=body, headers={"content-type": media}, timeout=30)
            for media, body in (
                ("text/json; charset=utf-8", b'{"name": "a"}'),
                ("application/json", b'{"name": "a"}'),
                ("text/json", b'{"nom": "a"}'),
            )
        }
    assert [r.status_code for r in sent.values()] == [200, 200, 422]


def test_a_route_that_differs_from_another_only_by_placeholder_names_is_skipped_with_a_warning(tmp_path):
    contract = tmp_path / "google.yaml"
    ok = "      responses:\n        '200':\n          description: ok\n"
    contract.write_text(
        "openapi: 3.0.3\ninfo: {title: Google-like, version: '1'}\npaths:\n"
        f"  /v2/{{name}}:\n    get:\n      operationId: getPolicy\n"
        f"      parameters: [{{name: name, in: path, required: true, schema: {{type: string}}}}]\n{ok}"
        f"  /v2/{{parent}}:\n    get:\n      operationId: listPolicies\n"
        f"      parameters: [{{name: parent, in: path, required: true, schema: {{type: string}}}}]\n{ok}"
    )
    result = accord("generate", "server", contract, "-o", tmp_path / "gen", "--package", "google")
    assert result.code == 0, result.stderr
    assert "(/paths/~1v2~1{parent}/get): skipped the operation GET /v2/{parent}" in result.stderr
    assert "def get_policy(" in (tmp_path / "gen" / "google" / "services.py").read_text()


def test_shared_responses_and_parameters_the_generator_refuses_are_skipped_where_they_are_used(tmp_path):
    contract = tmp_path / "shared.yaml"
    contract.write_text(
        "openapi: 3.0.3\ninfo: {title: Shared, version: '1'}\npaths:\n"
        "  /file:\n    get:\n      operationId: getFile\n"
        "      responses:\n        '200': {$ref: '#/components/responses/File'}\n"
        "  /sms:\n    post:\n      operationId: sendSms\n"
        "      parameters: [{$ref: '#/components/parameters/delivered'}]\n"
        "      responses:\n        '200': {description: ok}\n"
        "  /ok:\n    get:\n      operationId: fine\n      responses:\n        '200': {description: ok}\n"
        "components:\n  responses:\n    File:\n      description: a file\n"
        # datamodel-code-generator has no encoder for a multipart response (0.97 does send a binary JSON
        # body, mist.com's case, which older releases refused)
        "      content: {multipart/form-data: {schema: {type: object, properties: {a: {type: object}}}}}\n"
        "  parameters:\n    delivered:\n      {name: delivered, in: query, required: true,"  # nexmo
        " schema: {enum: [true, false, 0, 1]}}\n"
    )
    result = accord("generate", "server", contract, "-o", tmp_path / "gen", "--package", "shared")
    assert result.code == 0, result.stderr
    assert "skipped the multipart/form-data body of the 200 response of GET /file" in result.stderr
    assert "skipped the operation POST /sms" in result.stderr
    services = (tmp_path / "gen" / "shared" / "services.py").read_text()
    assert "def get_file(" in services and "def fine(" in services and "def send_sms(" not in services
