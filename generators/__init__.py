"""generators: from a contract to code and behaviour.

Models (datamodel-code-generator), FastAPI server stubs, typed httpx clients, the HTTP mock
server, AsyncAPI message mocks, and the schemathesis-based fuzz runner. Builds on `contracts`.
"""


def generate(kind: str, contract, name: str):
    """The files of one generator (`models`, `server`, `client`, `events`) for a contract, in package `name`.

    A contract that gives the generator nothing to generate (no operations for a server or a client, no
    schemas for models, no channel with a payload for events) is `Unsupported`, never an empty package.
    """
    if kind in ("server", "client") and contract.kind == "openapi" and not contract.operations:
        from ._dcg import Unsupported

        raise Unsupported(f"{contract.path}: the contract has no operations: there is no {kind} to generate")
    if kind == "models":
        from .models import generate_models

        return generate_models(contract, name)
    if kind == "server":
        from .server import generate_server

        return generate_server(contract, name)
    if kind == "client":
        from .client import generate_client

        return generate_client(contract, name)
    from .events import generate_events

    return generate_events(contract, name)
