"""One HTTP interaction of a pact compared with an OpenAPI contract, through the shared HTTP runtime.

Routing, parameter reading, request-body and header validation and the credential-presence check
are `contracts.http`'s (the mock and the gateway use the same); response and message bodies are
checked against the consumer-expectation schema of `_schema`.
"""

from __future__ import annotations

from urllib.parse import urlencode

from ..http import HttpRuntime
from ._pact import HttpInteraction
from ._report import Finding
from ._reporter import InteractionReporter
from ._request import check_request
from ._response import check_response

__all__ = ["check_interaction"]


def check_interaction(
    runtime: HttpRuntime,
    interaction: HttpInteraction,
    pact_file: str,
    *,
    additional_properties: bool = False,
    required_properties: bool = False,
) -> list[Finding]:
    contract = runtime.contract
    out = InteractionReporter(interaction, pact_file, contract.path)
    query = urlencode(interaction.query, doseq=True)
    headers = interaction.headers
    route = runtime.route(interaction.method, interaction.path, query, headers)
    if route.status != 200 or route.operation is None:
        out.add(
            "request.path-or-method.unknown",
            f"Path or method not defined in spec file: {interaction.method} {interaction.path}",
            "request.path",
            interaction.path,
            "/paths",
            None,
        )
        return out.found
    compiled = route.operation
    operation = compiled.operation
    out.method, out.path = operation.method, operation.path
    check_request(out, contract, compiled, route.path_params, query, headers)
    check_response(out, contract, compiled, additional_properties, required_properties)
    return out.found
