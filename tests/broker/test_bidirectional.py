"""Bi-directional contract testing over real HTTP against `accord broker serve` (SQLite and PostgreSQL):
a provider publishes its contract with its self-verification result (`accord broker
publish-provider-contract`), consumers publish pacts, and can-i-deploy answers from the comparison.
The broker's findings are `accord compat`'s on the same inputs."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import httpx
import pytest

from tests.cli import accord
from tests.docs.shown import run_shown, shell_blocks

from .conftest import broker_process
from .helpers import environment

FIXTURES = Path(__file__).resolve().parents[1] / "compat" / "fixtures"
OPENAPI = FIXTURES / "openapi30.yaml"


@pytest.fixture
def served(database_url: str):
    with broker_process(database_url) as url:
        yield url


def publish_contract(broker: str, contract: Path, provider: str, version: str, *flags: str):
    return accord(
        "broker",
        "publish-provider-contract",
        contract,
        "--provider",
        provider,
        "--provider-app-version",
        version,
        "--branch",
        "main",
        "--verifier",
        "accord fuzz",
        *flags,
        "-b",
        broker,
    )


def publish_pact(broker: str, pact: Path, version: str, tmp_path: Path):
    """`accord broker publish` of one fixture pact as a consumer version."""
    folder = tmp_path / f"pacts-{version}"
    folder.mkdir()
    (folder / pact.name).write_bytes(pact.read_bytes())
    return accord(
        "broker", "publish", folder, "--consumer-app-version", version, "--branch", "main", "-b", broker
    )


def can_i_deploy(broker: str, pacticipant: str, version: str):
    return accord(
        "can-i-deploy",
        "--pacticipant",
        pacticipant,
        "--version",
        version,
        "--to-environment",
        "production",
        "-b",
        broker,
    )


def deploy(broker: str, pacticipant: str, version: str) -> None:
    url = httpx.get(f"{broker}/pacticipants/{pacticipant}/versions/{version}").json()
    target = next(link for link in url["_links"]["pb:record-deployment"] if link["name"] == "production")
    assert httpx.post(target["href"], json={}).status_code == 201


def test_can_i_deploy_from_the_comparison_and_the_self_verification(served: str, tmp_path: Path) -> None:
    broker = served
    environment(broker, "production")
    results = tmp_path / "fuzz.json"
    results.write_text('{"passed": true}')
    published = publish_contract(
        broker,
        OPENAPI,
        "pets",
        "1.0.0",
        "--verification-success",
        "--verification-results",
        str(results),
        "--verification-results-content-type",
        "application/json",
    )
    assert published.code == 0, published.stderr
    assert "Successfully published provider contract for pets version 1.0.0" in published.stdout
    deploy(broker, "pets", "1.0.0")

    # a compatible pact, published after the contract: verified by the comparison
    assert publish_pact(broker, FIXTURES / "pact-v3-ok.json", "1", tmp_path).code == 0
    yes = can_i_deploy(broker, "web", "1")
    assert yes.code == 0, yes.stdout + yes.stderr
    assert "web 1 -> pets 1.0.0: success" in yes.stdout
    assert "deployable: yes" in yes.stdout
    assert (
        "The pact between version 1 of web and the version of pets currently in production (1.0.0) is compatible "
        "with the provider contract, and the provider's self-verification by accord fuzz passed (bi-directional)"
    ) in yes.stdout

    # an incompatible one: failed, with the finding's code as the reason
    assert publish_pact(broker, FIXTURES / "pact-response.body.incompatible.json", "2", tmp_path).code == 0
    no = can_i_deploy(broker, "web", "2")
    assert no.code == 1
    assert "web 2 -> pets 1.0.0: failed" in no.stdout
    assert "deployable: no" in no.stdout
    assert "is not compatible with the provider contract (response.body.incompatible)" in no.stdout

    # the provider's next version failed its self-verification: the compatible pact no longer counts
    failing = publish_contract(broker, OPENAPI, "pets", "1.1.0", "--verification-exit-code", "1")
    assert failing.code == 0, failing.stderr
    assert "Compared with 2 consumer pact(s) of pets" in failing.stdout
    alone = can_i_deploy(broker, "pets", "1.1.0")
    assert alone.code == 0  # no consumer is deployed yet: nothing depends on pets
    deploy(broker, "web", "1")
    refused = can_i_deploy(broker, "pets", "1.1.0")
    assert refused.code == 1
    assert "web 1 -> pets 1.1.0: failed" in refused.stdout
    assert "the provider's self-verification by accord fuzz did not pass (bi-directional)" in refused.stdout

    # the matrix row links to the stored comparison, which the pact and the contract link to as well
    row = httpx.get(
        f"{broker}/matrix",
        params={
            "q[][pacticipant]": "web",
            "q[][version]": "1",
            "latestby": "cvp",
            "environment": "production",
        },
    ).json()["matrix"][0]
    assert row["verificationResult"]["bidirectional"] == {
        "compatible": True,
        "selfVerificationSuccess": True,
        "verifier": "accord fuzz",
    }
    comparison = httpx.get(row["verificationResult"]["_links"]["self"]["href"]).json()
    assert comparison["compatible"] is True and comparison["report"] == {
        "success": True,
        "errors": [],
        "warnings": [],
    }
    pact = httpx.get(f"{broker}/pacts/provider/pets/consumer/web/version/1").json()
    listed = httpx.get(pact["_links"]["pb:comparisons"]["href"]).json()["_embedded"]["comparisons"]
    assert [(c["providerVersion"], c["success"]) for c in listed] == [("1.0.0", True), ("1.1.0", False)]
    contract = httpx.get(f"{broker}/provider-contracts/provider/pets/version/1.1.0").json()
    of_contract = httpx.get(contract["_links"]["pb:comparisons"]["href"]).json()["_embedded"]["comparisons"]
    assert sorted((c["compatible"], c["selfVerification"]["success"]) for c in of_contract) == [
        (False, False),
        (True, False),
    ]


def test_a_pact_published_first_is_compared_when_the_contract_arrives(served: str, tmp_path: Path) -> None:
    broker = served
    environment(broker, "production")
    assert publish_pact(broker, FIXTURES / "message-v3-ok.json", "1", tmp_path).code == 0
    unknown = can_i_deploy(broker, "billing", "1")
    assert unknown.code == 1 and "deployable: unknown" in unknown.stdout

    published = publish_contract(
        broker,
        FIXTURES / "asyncapi2.yaml",
        "orders",
        "7",
        "--specification",
        "asyncapi",
        "--verification-success",
    )
    assert published.code == 0, published.stderr
    deploy(broker, "orders", "7")
    yes = can_i_deploy(broker, "billing", "1")
    assert yes.code == 0, yes.stdout
    assert "billing 1 -> orders 7: success" in yes.stdout


def test_publication_is_pactflows_shape_and_refuses_what_cannot_be_compared(served: str) -> None:
    broker = served
    index = httpx.get(broker + "/").json()["_links"]
    url = index["pf:publish-provider-contract"]["href"].replace("{provider}", "pets")
    body = {
        "pacticipantVersionNumber": "3",
        "branch": "main",
        "tags": ["dev"],
        "buildUrl": "http://ci/1",
        "contract": {
            "content": base64.b64encode(OPENAPI.read_bytes()).decode(),
            "contentType": "application/yaml",
            "specification": "oas",
            "selfVerificationResults": {
                "success": True,
                "content": base64.b64encode(b"all good").decode(),
                "contentType": "text/plain",
                "format": "text",
                "verifier": "schemathesis",
                "verifierVersion": "3",
            },
        },
    }
    created = httpx.post(url, json=body)
    assert created.status_code == 201, created.text
    answer = created.json()
    assert answer["_embedded"]["version"]["number"] == "3"
    assert [link["name"] for link in answer["_links"]["pb:pacticipant-version-tags"]] == ["dev"]
    assert answer["_links"]["pb:branch-version"]["name"] == "main"
    assert answer["notices"][0]["type"] == "success"
    assert answer["selfVerificationResults"]["content"] == "all good"

    # an AsyncAPI document published as OpenAPI, and a document that is no contract: 400, nothing stored
    wrong_kind = {
        **body,
        "contract": {
            **body["contract"],
            "content": base64.b64encode((FIXTURES / "asyncapi2.yaml").read_bytes()).decode(),
        },
    }
    refused = httpx.post(url, json={**wrong_kind, "pacticipantVersionNumber": "4"})
    assert refused.status_code == 400 and refused.headers["content-type"].startswith(
        "application/problem+json"
    )
    assert "asyncapi, but contract.specification is oas" in refused.json()["detail"]
    garbage = {
        **body,
        "pacticipantVersionNumber": "5",
        "contract": {**body["contract"], "content": base64.b64encode(b"openapi: [").decode()},
    }
    refused = httpx.post(url, json=garbage)
    assert refused.status_code == 400 and "contract.content" in refused.json()["errors"]
    assert refused.json()["detail"].startswith("contract.content: provider-contract.yaml:")  # no server path
    assert httpx.get(f"{broker}/provider-contracts/provider/pets/version/4").status_code == 404

    # PactFlow's earlier request, as older clients send it (contractType, verificationResults)
    old = {
        "content": body["contract"]["content"],
        "contractType": "oas",
        "contentType": "application/yaml",
        "verificationResults": {"success": False, "verifier": "dredd"},
    }
    put = httpx.put(f"{broker}/contracts/provider/pets/version/6", json=old)
    assert put.status_code == 201, put.text
    assert put.json()["_links"]["pf:ui"]["href"].endswith("/ui/pacticipants/pets")
    stored = httpx.get(f"{broker}/provider-contracts/provider/pets/version/6").json()
    assert stored["selfVerificationResults"]["success"] is False
    assert stored["selfVerificationResults"]["verifier"] == "dredd"


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    nowhere = "http://127.0.0.1:9"  # refused before any request
    missing = accord(
        "broker",
        "publish-provider-contract",
        tmp_path / "nope.yaml",
        "--provider",
        "p",
        "-a",
        "1",
        "-b",
        nowhere,
    )
    assert (
        missing.code == 2 and missing.stderr.count("\n") == 1 and "nope.yaml: no such file" in missing.stderr
    )
    both = accord(
        "broker",
        "publish-provider-contract",
        OPENAPI,
        "--provider",
        "p",
        "-a",
        "1",
        "--verification-success",
        "--verification-exit-code",
        "0",
        "-b",
        nowhere,
    )
    assert both.code == 2 and "not both" in both.stderr


def _findings(report: dict) -> dict:
    """The report without the names each side gives the files (paths on the command line, names in the broker)."""

    def strip(finding: dict) -> dict:
        return {
            **finding,
            "mockDetails": {k: v for k, v in finding["mockDetails"].items() if k != "mockFile"},
            "specDetails": {k: v for k, v in finding["specDetails"].items() if k != "specFile"},
        }

    return {
        "success": report["success"],
        "errors": [strip(f) for f in report["errors"]],
        "warnings": [strip(f) for f in report["warnings"]],
    }


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_broker_and_accord_compat_give_the_same_findings(served: str, tmp_path: Path) -> None:
    broker = served
    cases = [(p, OPENAPI, "pets", "oas") for p in sorted(FIXTURES.glob("pact-*.json"))]
    cases += [
        (p, FIXTURES / "asyncapi3.yaml", "orders", "asyncapi")
        for p in sorted(FIXTURES.glob("message-*.json"))
    ]
    for number, (contract, provider, specification) in enumerate(
        dict.fromkeys((c, p, s) for _, c, p, s in cases)
    ):
        assert (
            publish_contract(
                broker,
                contract,
                provider,
                f"p{number}",
                "--specification",
                specification,
                "--verification-success",
            ).code
            == 0
        )
    compared = 0
    for index, (pact, contract, provider, _) in enumerate(cases):
        cli = accord("compat", pact, contract, "--format", "json")
        assert cli.code in (0, 1), cli.stderr
        consumer = json.loads(pact.read_text())["consumer"]["name"]
        published = httpx.post(
            f"{broker}/contracts/publish",
            json={
                "pacticipantName": consumer,
                "pacticipantVersionNumber": f"c{index}",
                "contracts": [
                    {
                        "consumerName": consumer,
                        "providerName": provider,
                        "specification": "pact",
                        "contentType": "application/json",
                        "content": base64.b64encode(pact.read_bytes()).decode(),
                    }
                ],
            },
        )
        assert published.status_code == 200, published.text
        stored = httpx.get(f"{broker}/pacts/provider/{provider}/consumer/{consumer}/version/c{index}").json()
        listed = httpx.get(stored["_links"]["pb:comparisons"]["href"]).json()["_embedded"]["comparisons"]
        assert len(listed) == 1, pact.name
        assert _findings(listed[0]["report"]) == _findings(json.loads(cli.stdout)), pact.name
        assert listed[0]["compatible"] == (cli.code == 0), pact.name
        compared += 1
    assert compared == len(cases) > 20


@pytest.mark.parametrize("page", ["README.md", "docs/broker.md"])
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_pages_show_the_flow_as_it_runs(served: str, page: str) -> None:
    # the page's bi-directional flow: the block that publishes a provider contract
    block = shell_blocks(page, after="Bi-directional contract testing")[0]
    assert "publish-provider-contract" in block and "can-i-deploy" in block
    proc = run_shown(block, env={"PACT_BROKER_BASE_URL": served})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Successfully published provider contract for OrderService version 2.0.0" in proc.stdout
    assert "OrdersWeb 1.4.0 -> OrderService 2.0.0: success" in proc.stdout
    assert "deployable: yes" in proc.stdout
    assert "the provider's self-verification by accord fuzz passed (bi-directional)" in proc.stdout
