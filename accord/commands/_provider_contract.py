"""`accord broker publish-provider-contract CONTRACT`: publish a provider's OpenAPI (or AsyncAPI)
document with the result of its self-verification, for bi-directional contract testing. The flags and
the request body are PactFlow's (`pactflow publish-provider-contract`), so a pipeline written for
PactFlow runs against accord's broker unchanged, and this command works against PactFlow too. The
contract is read as every accord command reads one and published bundled: a contract split over
several files (`$ref: ./schemas.yaml#/...`) arrives whole."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from .._broker_options import with_broker
from .._cli_support import bad_input, emit
from .._reading import REF_ROOT_OPTION, apply_read_limits
from ._broker_writes import Output, OutputOption

if TYPE_CHECKING:
    from accord.contracts import BrokerClient


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        bad_input(f"{path}: cannot read the {what} ({exc.strerror or exc})")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _bundled(path: Path, ref_root: Path | None) -> tuple[str, str]:
    """The contract as one document, and its media type (JSON stays JSON, anything else is YAML)."""
    from accord.contracts import ContractError, dump_document, load_contract

    try:
        apply_read_limits(ref_root)
        contract = load_contract(path)
    except ContractError as exc:
        bad_input(str(exc))
    as_json = path.suffix.lower() == ".json"
    media_type = "application/json" if as_json else "application/yaml"
    return dump_document(contract.document, as_json=as_json), media_type


@with_broker
def publish_provider_contract_command(
    client: BrokerClient,
    contract: Path = typer.Argument(
        ..., help="The provider's OpenAPI (or AsyncAPI) document.", show_default=False
    ),
    provider: str = typer.Option(..., "--provider", help="The provider's name."),
    provider_app_version: str = typer.Option(
        ..., "--provider-app-version", "-a", help="The provider version this contract belongs to."
    ),
    branch: str | None = typer.Option(None, "--branch", "-h", help="The provider version's branch."),
    tag: list[str] = typer.Option([], "--tag", "-t", help="Tag the provider version (repeatable)."),
    specification: str = typer.Option("oas", "--specification", help="oas (OpenAPI) or asyncapi."),
    content_type: str | None = typer.Option(
        None, "--content-type", help="The contract's media type (default: from its file name)."
    ),
    verification_success: bool | None = typer.Option(
        None,
        "--verification-success/--no-verification-success",
        help="Whether the provider's self-verification against this contract passed.",
    ),
    verification_exit_code: int | None = typer.Option(
        None,
        "--verification-exit-code",
        help="The self-verification's exit code (0 is success), instead of --verification-success.",
    ),
    verification_results: Path | None = typer.Option(
        None, "--verification-results", help="A file holding the self-verification's output."
    ),
    verification_results_content_type: str | None = typer.Option(
        None, "--verification-results-content-type", help="Its media type, e.g. application/json."
    ),
    verification_results_format: str | None = typer.Option(
        None, "--verification-results-format", help="Its format, e.g. json, junit, text."
    ),
    verifier: str | None = typer.Option(None, "--verifier", help="The tool that verified the provider."),
    verifier_version: str | None = typer.Option(None, "--verifier-version", help="That tool's version."),
    build_url: str | None = typer.Option(None, "--build-url", help="The CI build that made the contract."),
    ref_root: Path | None = REF_ROOT_OPTION,
    output: OutputOption = Output.text,
) -> None:
    """Publish a provider contract and its self-verification result; the broker compares it with
    every consumer pact of the provider, and can-i-deploy counts the outcome."""
    import orjson

    if verification_success is not None and verification_exit_code is not None:
        bad_input(
            "use --verification-success/--no-verification-success or --verification-exit-code, not both"
        )
    success = verification_success if verification_exit_code is None else verification_exit_code == 0
    results: dict[str, Any] = {
        "success": success,
        "content": _b64(_read(verification_results, "verification results"))
        if verification_results
        else None,
        "contentType": verification_results_content_type,
        "format": verification_results_format,
        "verifier": verifier,
        "verifierVersion": verifier_version,
    }
    results = {key: value for key, value in results.items() if value is not None}
    bundled, media_type = _bundled(contract, ref_root)
    document: dict[str, Any] = {
        "content": _b64(bundled.encode()),
        "contentType": content_type or media_type,
        "specification": specification,
    }
    if results:
        document["selfVerificationResults"] = results
    body: dict[str, Any] = {
        "pacticipantVersionNumber": provider_app_version,
        "tags": tag,
        "contract": document,
    }
    if branch:
        body["branch"] = branch
    if build_url:
        body["buildUrl"] = build_url
    answer = client.publish_provider_contract(provider, body)
    if output is Output.json:
        emit(orjson.dumps(answer).decode())
        return
    for notice in answer.get("notices") or []:
        emit(notice.get("text", ""))


def register(broker_app: typer.Typer) -> None:
    broker_app.command("publish-provider-contract")(publish_provider_contract_command)
