"""A FastAPI application package from an OpenAPI 3.x contract, through datamodel-code-generator.

The package (routers per tag, a `Protocol` per router group that the handlers implement, the
models, the wiring in `main.py`) is regenerated at will. The handler modules beside it, in the
`services` package, are the user's: they are written once, as stubs, and never overwritten.
"""

from __future__ import annotations

from .._dcg import check_supported, run
from .._output import Output, Source


def generate_server(contract, package: str) -> Output:
    check_supported(contract, ("openapi",))
    output = Output(Source.of(contract, "server"))
    run(contract, output, package, server=True)
    return output
