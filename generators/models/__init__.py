"""Pydantic v2 models from OpenAPI 3.0/3.1 and AsyncAPI 2.x/3.x schemas, through datamodel-code-generator."""

from __future__ import annotations

from .._dcg import run, supported
from .._output import Output, Source


def generate_models(contract, package: str) -> Output:
    """`package/__init__.py` and `package/models.py` for the contract's schemas."""
    output = Output(Source.of(contract, "models"), package)  # the checksum of the contract as written
    contract = supported(contract, ("openapi", "asyncapi"))
    run(contract, output, package)
    return output
