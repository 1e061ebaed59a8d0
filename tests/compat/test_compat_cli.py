"""`accord compat` over the real CLI: one case per code, against OpenAPI 2.0, 3.0 and 3.1 and AsyncAPI 2
and 3, with Pact matchers, each output format, and the exits for bad or empty input."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.cli import accord

FIXTURES = Path(__file__).parent / "fixtures"
OPENAPI = ["swagger20.yaml", "openapi30.yaml", "openapi31.yaml"]
ASYNCAPI = ["asyncapi2.yaml", "asyncapi3.yaml"]
HTTP_CODES = sorted(p.name[len("pact-") : -len(".json")] for p in FIXTURES.glob("pact-re*.json"))
MESSAGE_CODES = sorted(
    p.name[len("message-") : -len(".json")] for p in FIXTURES.glob("message-message.*.json")
)
FINDING_KEYS = {"code", "type", "message", "mockDetails", "specDetails"}
MOCK_KEYS = {"interactionDescription", "interactionState", "location", "mockFile", "value"}
SPEC_KEYS = {"location", "pathMethod", "pathName", "specFile", "value"}


def compat_json(pact: Path | str, contract: Path | str, *options: str) -> tuple[int, dict]:
    result = accord("compat", pact, contract, "--format", "json", *options)
    assert result.stdout, result.stderr
    return result.code, json.loads(result.stdout)


def codes(report: dict, kind: str = "errors") -> list[str]:
    return [f["code"] for f in report[kind]]


WARNING_CASES = {
    "request.accept.unknown",
    "request.body.unknown",
    "request.content-type.unknown",
    "request.content-type.missing",
    "response.content-type.unknown",
    "request.header.unknown",
    "request.query.unknown",
    "response.header.undefined",
    "response.status.default",
    "message.channel.missing",
}


def test_every_code_has_a_case():
    from accord.contracts.compat import CODES

    assert set(CODES) == set(HTTP_CODES) | set(MESSAGE_CODES) | WARNING_CASES
    assert {code for code, (kind, _) in CODES.items() if kind == "warning"} == WARNING_CASES


def test_every_http_code_has_a_case():
    assert HTTP_CODES == [
        "request.accept.incompatible",
        "request.authorization.missing",
        "request.body.incompatible",
        "request.content-type.incompatible",
        "request.header.incompatible",
        "request.path-or-method.unknown",
        "request.query.incompatible",
        "response.body.incompatible",
        "response.body.unknown",
        "response.content-type.incompatible",
        "response.header.incompatible",
        "response.header.unknown",
        "response.status.unknown",
    ]


@pytest.mark.parametrize("contract", OPENAPI)
@pytest.mark.parametrize("code", HTTP_CODES)
def test_each_http_code(code: str, contract: str):
    exit_code, report = compat_json(FIXTURES / f"pact-{code}.json", FIXTURES / contract)
    assert exit_code == 1
    assert report["success"] is False
    assert codes(report) == [code]
    finding = report["errors"][0]
    assert set(finding) == FINDING_KEYS and finding["type"] == "error"
    assert set(finding["mockDetails"]) == MOCK_KEYS and set(finding["specDetails"]) == SPEC_KEYS
    assert finding["mockDetails"]["mockFile"].endswith(f"pact-{code}.json")
    assert finding["mockDetails"]["location"].startswith("[root].interactions[0]")
    assert finding["specDetails"]["specFile"].endswith(contract)


@pytest.mark.parametrize("contract", OPENAPI)
@pytest.mark.parametrize("pact", ["pact-v2-ok.json", "pact-v3-ok.json", "pact-v4-ok.json"])
def test_compatible_pacts_of_each_version(pact: str, contract: str):
    exit_code, report = compat_json(FIXTURES / pact, FIXTURES / contract)
    assert (exit_code, report) == (0, {"success": True, "errors": [], "warnings": []})


@pytest.mark.parametrize("contract", OPENAPI)
def test_type_matcher_accepts_any_value_of_the_type(contract: str, tmp_path: Path):
    """pact-v3-ok expects status "lost" (not in the enum) under a type matcher: compatible. Without
    matchers the example itself is what the consumer expects: incompatible."""
    pact = json.loads((FIXTURES / "pact-v3-ok.json").read_text())
    del pact["interactions"][0]["response"]["matchingRules"]
    (tmp_path / "pact.json").write_text(json.dumps(pact))
    exit_code, report = compat_json(tmp_path / "pact.json", FIXTURES / contract)
    assert exit_code == 1
    assert codes(report) == ["response.body.incompatible"]
    assert report["errors"][0]["mockDetails"]["location"] == "[root].interactions[0].response.body.0.status"


@pytest.mark.parametrize("contract", OPENAPI)
def test_each_like_min_is_checked_against_max_items(contract: str):
    """One example item under `min: 6` stands for six: more than the contract's maxItems 5."""
    exit_code, report = compat_json(FIXTURES / "pact-each-like-min.json", FIXTURES / contract)
    assert exit_code == 1
    assert codes(report) == ["response.body.incompatible"]
    assert (
        "maxItems" in report["errors"][0]["specDetails"]["location"]
        or "longer" in report["errors"][0]["message"]
    )


@pytest.mark.parametrize("contract", OPENAPI)
def test_additional_properties_option(contract: str):
    pact = FIXTURES / "pact-response.body.incompatible.json"
    assert compat_json(pact, FIXTURES / contract)[0] == 1
    exit_code, report = compat_json(pact, FIXTURES / contract, "--additional-properties-in-response")
    assert (exit_code, report["success"]) == (0, True)


@pytest.mark.parametrize("contract", OPENAPI)
def test_required_properties_option(contract: str, tmp_path: Path):
    """A consumer may read a subset of a response: a missing required property is fine by default."""
    pact = json.loads((FIXTURES / "pact-v4-ok.json").read_text())
    del pact["interactions"][0]["response"]["body"]["content"]["name"]
    (tmp_path / "pact.json").write_text(json.dumps(pact))
    assert compat_json(tmp_path / "pact.json", FIXTURES / contract)[0] == 0
    exit_code, report = compat_json(
        tmp_path / "pact.json", FIXTURES / contract, "--required-properties-in-response"
    )
    assert exit_code == 1 and codes(report) == ["response.body.incompatible"]


@pytest.mark.parametrize("contract", OPENAPI)
def test_warnings_do_not_fail(contract: str, tmp_path: Path):
    pact = {
        "consumer": {"name": "web"},
        "provider": {"name": "pets"},
        "interactions": [
            {
                "description": "server error",
                "request": {
                    "method": "GET",
                    "path": "/pets",
                    "query": "page=2",
                    "headers": {"X-Api-Key": "k", "X-Tenant": "t"},
                },
                "response": {"status": 500, "headers": {"Cache-Control": "no-store"}},
            }
        ],
    }
    (tmp_path / "pact.json").write_text(json.dumps(pact))
    exit_code, report = compat_json(tmp_path / "pact.json", FIXTURES / contract)
    assert (exit_code, report["errors"]) == (0, [])
    assert sorted(codes(report, "warnings")) == [
        "request.header.unknown",
        "request.query.unknown",
        "response.header.undefined",
        "response.status.default",
    ]
    assert {w["type"] for w in report["warnings"]} == {"warning"}


@pytest.mark.parametrize("contract", OPENAPI)
def test_each_warning_code(contract: str):
    exit_code, report = compat_json(FIXTURES / "pact-warnings.json", FIXTURES / contract)
    assert (exit_code, report["success"], report["errors"]) == (0, True, [])
    found = [(w["mockDetails"]["interactionDescription"], w["code"], w["type"]) for w in report["warnings"]]
    assert found == [
        ("accept without produces", "request.accept.unknown", "warning"),
        ("body on a get", "request.body.unknown", "warning"),
        ("content type without body", "request.content-type.unknown", "warning"),
        ("body without content type", "request.content-type.missing", "warning"),
        ("response type without content", "response.content-type.unknown", "warning"),
    ]


@pytest.mark.parametrize("contract", OPENAPI)
def test_path_parameters_and_error_responses(contract: str, tmp_path: Path):
    """A path parameter that breaks its schema matches no operation (swagger-mock-validator's reading);
    credentials are not required of an interaction that tests an error response (status >= 400)."""
    pact = {
        "consumer": {"name": "web"},
        "provider": {"name": "pets"},
        "interactions": [
            {
                "description": "pet by name",
                "request": {"method": "GET", "path": "/pets/rex"},
                "response": {"status": 200},
            },
            {
                "description": "without a key",
                "request": {"method": "GET", "path": "/pets"},
                "response": {"status": 401, "body": {"message": "no key"}},
            },
        ],
    }
    (tmp_path / "pact.json").write_text(json.dumps(pact))
    exit_code, report = compat_json(tmp_path / "pact.json", FIXTURES / contract)
    assert exit_code == 1
    assert [(f["mockDetails"]["interactionDescription"], f["code"]) for f in report["errors"]] == [
        ("pet by name", "request.path-or-method.unknown")
    ]
    assert codes(report, "warnings") == ["response.status.default"]


@pytest.mark.parametrize("contract", ASYNCAPI)
@pytest.mark.parametrize("code", MESSAGE_CODES)
def test_each_message_code(code: str, contract: str):
    exit_code, report = compat_json(FIXTURES / f"message-{code}.json", FIXTURES / contract)
    assert exit_code == 1
    assert set(codes(report)) == {code}
    assert report["errors"][0]["mockDetails"]["location"].startswith("[root].messages[0]")


@pytest.mark.parametrize("contract", ASYNCAPI)
def test_message_pacts_compatible(contract: str):
    """V3 message: channel from metadata `topic` against a templated address, a type matcher on a
    value below the contract's minimum, each-like min 2. V4: no channel, found by its description."""
    exit_code, report = compat_json(FIXTURES / "message-v3-ok.json", FIXTURES / contract)
    assert (exit_code, report) == (0, {"success": True, "errors": [], "warnings": []})
    exit_code, report = compat_json(FIXTURES / "message-v4-ok.json", FIXTURES / contract)
    assert (exit_code, codes(report), codes(report, "warnings")) == (0, [], ["message.channel.missing"])


@pytest.mark.parametrize("contract", ASYNCAPI)
def test_a_channel_the_provider_only_receives_on(contract: str):
    """`commands` has a message, but the provider receives it (2.x publish, 3.x receive): a consumer
    cannot expect the provider to send it."""
    exit_code, report = compat_json(FIXTURES / "message-receive-only.json", FIXTURES / contract)
    assert exit_code == 1 and codes(report) == ["message.unknown"]
    assert report["errors"][0]["specDetails"]["location"] == "[root].channels.commands"


@pytest.mark.parametrize("contract", ASYNCAPI)
def test_message_each_like_min(contract: str):
    exit_code, report = compat_json(FIXTURES / "message-each-like-min.json", FIXTURES / contract)
    assert exit_code == 1 and codes(report) == ["message.payload.incompatible"]


def test_empty_pact_is_not_success():
    result = accord("compat", FIXTURES / "pact-empty.json", FIXTURES / "openapi30.yaml", "--format", "json")
    assert result.code == 1
    assert json.loads(result.stdout) == {"success": False, "errors": [], "warnings": []}
    assert result.stderr.startswith("accord: ") and "no interaction could be compared" in result.stderr


def test_http_pact_against_asyncapi_compares_nothing():
    result = accord("compat", FIXTURES / "pact-v3-ok.json", FIXTURES / "asyncapi3.yaml")
    assert result.code == 1 and "nothing compared" in result.stdout


@pytest.mark.parametrize(
    ("pact", "contract", "says"),
    [
        ("missing.json", "openapi30.yaml", "missing.json: cannot read"),
        ("openapi30.yaml", "openapi30.yaml", "openapi30.yaml: not JSON"),
        ("pact-v3-ok.json", "missing.yaml", "missing.yaml"),
    ],
)
def test_unreadable_input_exits_2_with_one_line(pact: str, contract: str, says: str):
    result = accord("compat", FIXTURES / pact, FIXTURES / contract)
    assert result.code == 2
    assert result.stderr.count("\n") == 1 and says in result.stderr and "Traceback" not in result.stderr


def test_invalid_contract_is_refused(tmp_path: Path):
    """A gate compares only with a valid contract (swagger-mock-validator refuses an invalid spec too)."""
    (tmp_path / "api.yaml").write_text(
        "openapi: 3.0.3\ninfo: {title: x}\npaths:\n  /pets:\n    get:\n      responses:\n"
        '        "200": {description: ok}\n'
    )
    result = accord("compat", FIXTURES / "pact-v3-ok.json", tmp_path / "api.yaml")
    assert result.code == 2 and result.stderr.count("\n") == 1
    assert "api.yaml:2:7: not a valid openapi 3.0.3 contract" in result.stderr


def test_not_a_pact(tmp_path: Path):
    (tmp_path / "p.json").write_text('{"consumer": {}}')
    result = accord("compat", tmp_path / "p.json", FIXTURES / "openapi30.yaml")
    assert result.code == 2 and "not a pact file" in result.stderr


def test_hostile_nesting_is_refused(tmp_path: Path):
    body = '{"a":' * 600 + "{}" + "}" * 600
    pact = (
        '{"interactions": [{"description": "d", "request": {"method": "GET", "path": "/pets/1"},'
        f' "response": {{"status": 200, "body": {body}}}}}]}}'
    )
    (tmp_path / "deep.json").write_text(pact)
    result = accord("compat", tmp_path / "deep.json", FIXTURES / "openapi30.yaml")
    assert result.code == 2 and "nested more than 256 levels deep" in result.stderr
    assert result.stderr.count("\n") == 1


def test_hostile_each_like_min_is_bounded(tmp_path: Path):
    """`min: 10**12` is not expanded in full: the copies are capped, and the verdict still comes out."""
    pact = json.loads((FIXTURES / "pact-each-like-min.json").read_text())
    pact["interactions"][0]["response"]["matchingRules"]["body"]["$"]["matchers"][0]["min"] = 10**12
    (tmp_path / "pact.json").write_text(json.dumps(pact))
    exit_code, report = compat_json(tmp_path / "pact.json", FIXTURES / "openapi30.yaml")
    assert exit_code == 1 and codes(report) == ["response.body.incompatible"]


def test_text_format():
    result = accord("compat", FIXTURES / "pact-response.status.unknown.json", FIXTURES / "openapi30.yaml")
    assert result.code == 1
    assert "error   response.status.unknown  [bad status]" in result.stdout
    assert "not compatible; 1 interaction(s), 1 error(s), 0 warning(s)" in result.stdout


def test_github_format():
    result = accord(
        "compat",
        FIXTURES / "pact-request.authorization.missing.json",
        FIXTURES / "openapi31.yaml",
        "-f",
        "github",
    )
    assert result.code == 1
    assert (
        result.stdout.startswith("::error file=") and "title=request.authorization.missing" in result.stdout
    )
    pact_lines = (FIXTURES / "pact-request.authorization.missing.json").read_text().splitlines()
    line = int(result.stdout.split(",line=")[1].split(",")[0])
    assert (
        pact_lines[line - 1].strip() == '"request": {'
    )  # the annotation points at the interaction's request


def test_junit_format():
    result = accord(
        "compat",
        FIXTURES / "message-message.channel.unknown.json",
        FIXTURES / "asyncapi2.yaml",
        "-f",
        "junit",
    )
    assert result.code == 1
    root = ET.fromstring(result.stdout)
    failures = root.findall(".//failure")
    assert failures and "message.channel.unknown" in ET.tostring(root, encoding="unicode")


def test_sarif_format():
    result = accord(
        "compat", FIXTURES / "pact-request.body.incompatible.json", FIXTURES / "swagger20.yaml", "-f", "sarif"
    )
    assert result.code == 1
    sarif = json.loads(result.stdout)
    results = sarif["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["request.body.incompatible"]
    assert results[0]["level"] == "error"


ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("page", ["README.md", "docs/compat.md"])
def test_the_documented_examples_run_as_written(page: str):
    text = (ROOT / page).read_text()
    start = text.index("```bash\n", text.index("accord compat")) + 8
    block = text[start : text.index("\n```", start)]
    commands = [line for line in block.splitlines() if line.startswith("accord compat examples/")]
    assert len(commands) == 2
    for line in commands:
        args = line.split("#")[0].split()[2:]
        result = accord("compat", *args, cwd=ROOT)
        assert result.code == 0, result.stdout + result.stderr
        if "--format" in args:
            assert json.loads(result.stdout) == {"success": True, "errors": [], "warnings": []}
        else:
            assert "compatible; " in result.stdout and "not compatible" not in result.stdout


def test_the_documented_codes_are_the_registry():
    from accord.contracts.compat import CODES

    text = (ROOT / "docs" / "compat.md").read_text()
    documented = [line.split("`")[1] for line in text.splitlines() if line.startswith("| `")]
    assert documented == list(CODES)
