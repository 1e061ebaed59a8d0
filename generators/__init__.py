"""generators: from a contract to code and behaviour.

Models (datamodel-code-generator), FastAPI server stubs, typed httpx clients, the HTTP mock
server, AsyncAPI message mocks, and the schemathesis-based fuzz runner. Builds on `contracts`.

`generate(kind, contract, package)` gives the files of one generator as an `Output`;
`write_output` writes them (refusing to overwrite a file it did not write: `OutputConflict`) and
`stale_files` lists what a fresh run would change (`accord generate --check`). `package_name` makes
a Python package name from a requested name or the contract's title; `Unsupported` is a contract
that gives a generator nothing to generate. `import_object("module:attribute")` loads a provider's
application or hook (`ImportSpecError` when it cannot).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._imports import ImportSpecError, import_object
from ._names import package_name
from ._output import Output, OutputConflict, stale_files, write_output

if TYPE_CHECKING:
    from ._dcg import Unsupported

__all__ = [
    "ImportSpecError",
    "Output",
    "OutputConflict",
    "Unsupported",
    "generate",
    "import_object",
    "package_name",
    "stale_files",
    "write_output",
]


def __getattr__(name: str) -> object:
    """`Unsupported` lives with the model generator (pydantic, datamodel-code-generator), imported on use."""
    if name == "Unsupported":
        from ._dcg import Unsupported

        return Unsupported
    raise AttributeError(f"module 'accord.generators' has no attribute {name!r}")


def generate(kind: str, contract, name: str) -> Output:
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
