"""OpenAPI 2.0/3.0/3.1 validation with openapi-spec-validator's semantics."""

from __future__ import annotations

from openapi_spec_validator import OpenAPIV2SpecValidator, OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

from .._contract import Contract

_VALIDATORS = {
    "oas2": OpenAPIV2SpecValidator,
    "oas3": OpenAPIV30SpecValidator,
    "oas3.1": OpenAPIV31SpecValidator,
}


def validate_openapi(contract: Contract) -> list[tuple[str, str]]:
    """(message, pointer) for each error openapi-spec-validator finds."""
    from .._validation import pointer_of

    validator = _VALIDATORS[contract.format](contract.document)
    found = []
    for error in validator.iter_errors():
        path = getattr(error, "absolute_path", None) or getattr(error, "path", None) or []
        found.append((error.message, pointer_of(path)))
    return found
